import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { AksTrafficSecurityClient, aksTrafficSecurityApiRef } from '../api';

/** The API extension that provides the backend client. */
export const aksTrafficSecurityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aksTrafficSecurityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AksTrafficSecurityClient({ discoveryApi, fetchApi }),
    }),
});

import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { TRAFFIC_SECURITY_TAB_PATH, entityContentRouteRef } from '../routes';

/**
 * The "Traffic security" tab on the pages of Component entities. Entities
 * without the required annotations get the tab too, where it names the
 * missing annotations.
 */
export const entityTrafficSecurityContent = EntityContentBlueprint.make({
  params: {
    path: TRAFFIC_SECURITY_TAB_PATH,
    title: 'Traffic security',
    group: 'operation',
    routeRef: entityContentRouteRef,
    filter: { kind: 'component' },
    loader: () =>
      import('../components/EntityTrafficSecurityContent').then(m => (
        <m.EntityTrafficSecurityContent />
      )),
  },
});

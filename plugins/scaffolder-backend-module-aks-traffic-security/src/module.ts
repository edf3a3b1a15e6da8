import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createPublishLocalAction,
  createRegisterLocalAction,
  createVerifyAction,
} from './actions';

/**
 * Adds the AKS traffic security actions to the scaffolder: the pre-publish
 * gate, local publishing and the catalog refresh for local publishing.
 *
 * @public
 */
export const scaffolderModuleAksTrafficSecurity = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aks-traffic-security',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, catalog, auth }) {
        scaffolder.addActions(
          createVerifyAction({ config, catalog, auth }),
          createPublishLocalAction({ config }),
          createRegisterLocalAction({ config, catalog }),
        );
      },
    });
  },
});

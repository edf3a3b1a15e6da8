import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { aksTrafficSecurityPermissions } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { readPluginConfig } from './config/readPluginConfig';
import { DatabaseAssessmentStore } from './database/DatabaseAssessmentStore';
import { AssessmentRefresher } from './service/AssessmentRefresher';
import { createRouter } from './service/createRouter';
import { DefaultEntityAssessmentService } from './service/DefaultEntityAssessmentService';
import { DefaultFleetService } from './service/DefaultFleetService';
import { EntityAuthorizer } from './service/EntityAuthorizer';
import { RefreshRateLimiter } from './service/RefreshRateLimiter';
import { scheduleRefresh } from './service/scheduleRefresh';
import { createResourceSource } from './sources/createResourceSource';

/**
 * The AKS traffic security backend plugin: assesses annotated catalog
 * entities on a schedule and serves the results under
 * `/api/aks-traffic-security`.
 *
 * @public
 */
export const aksTrafficSecurityPlugin = createBackendPlugin({
  pluginId: 'aks-traffic-security',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const config = readPluginConfig(deps.config);
        const refreshRateLimiter = RefreshRateLimiter.fromConfig(deps.config);
        const source = createResourceSource(config, { logger: deps.logger });
        const store = await DatabaseAssessmentStore.create({
          database: deps.database,
        });
        const refresher = new AssessmentRefresher({
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          store,
          source,
          policy: config.policy,
          historyRetentionDays: config.historyRetentionDays,
        });
        const authorizer = new EntityAuthorizer(deps.permissions);

        deps.permissionsRegistry.addPermissions(aksTrafficSecurityPermissions);
        await scheduleRefresh({
          scheduler: deps.scheduler,
          schedule: config.refreshSchedule,
          changedSchedule: config.refreshChangedSchedule,
          refresher,
          logger: deps.logger,
        });

        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            assessments: new DefaultEntityAssessmentService({
              catalog: deps.catalog,
              store,
              refresher,
              authorizer,
            }),
            fleet: new DefaultFleetService({ store, authorizer }),
            refreshRateLimiter,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
        deps.logger.info('Started AKS traffic security', {
          source: source.name,
        });
      },
    });
  },
});

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { TrafficSecurityPermissionPolicy } from './TrafficSecurityPermissionPolicy';

/**
 * Installs {@link TrafficSecurityPermissionPolicy} as the permission
 * backend's policy.
 */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'traffic-security-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
      },
      async init({ policy, config, userInfo, logger }) {
        const permissionPolicy = TrafficSecurityPermissionPolicy.fromConfig(
          config,
          { userInfo },
        );
        policy.setPolicy(permissionPolicy);
        logger.info('Installed the traffic security permission policy', {
          platformGroups:
            permissionPolicy.platformGroups?.join(', ') ?? 'none (allow all)',
        });
      },
    });
  },
});

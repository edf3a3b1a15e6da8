import { createBackend } from '@backstage/backend-defaults';
import { permissionPolicyModule } from './permissions/permissionPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
// Allows everything except reading and refreshing traffic security
// assessments, which aksTrafficSecurity.permissions.platformGroups narrows.
backend.add(permissionPolicyModule);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-azure'));
backend.add(
  import(
    '@aks-traffic-security/plugin-scaffolder-backend-module-aks-traffic-security'
  ),
);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
// User settings store their changes through signals.
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(
  import('@aks-traffic-security/plugin-aks-traffic-security-backend'),
);

backend.start();

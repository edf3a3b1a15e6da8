import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { AksTrafficSecurityClient, aksTrafficSecurityApiRef } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/**
 * The AKS traffic security plugin for apps on the legacy frontend system.
 * Apps on the new frontend system use the default export of
 * `@aks-traffic-security/plugin-aks-traffic-security/alpha` instead.
 *
 * @public
 */
export const aksTrafficSecurityPlugin = createPlugin({
  id: 'aks-traffic-security',
  apis: [
    createApiFactory({
      api: aksTrafficSecurityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AksTrafficSecurityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
});

/**
 * The "Traffic security" entity tab, for an `EntityLayout.Route` at
 * `/traffic-security`.
 *
 * @public
 */
export const EntityTrafficSecurityContent = aksTrafficSecurityPlugin.provide(
  createRoutableExtension({
    name: 'EntityTrafficSecurityContent',
    component: () =>
      import('./components/EntityTrafficSecurityContent').then(
        m => m.EntityTrafficSecurityContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * The entity overview card with the four flows at a glance.
 *
 * @public
 */
export const EntityTrafficSecurityCard = aksTrafficSecurityPlugin.provide(
  createComponentExtension({
    name: 'EntityTrafficSecurityCard',
    component: {
      lazy: () =>
        import('./components/EntityTrafficSecurityCard').then(
          m => m.EntityTrafficSecurityCard,
        ),
    },
  }),
);

/**
 * The fleet dashboard page, for a `Route` at `/aks-traffic-security`.
 *
 * @public
 */
export const FleetDashboardPage = aksTrafficSecurityPlugin.provide(
  createRoutableExtension({
    name: 'FleetDashboardPage',
    component: () =>
      import('./components/FleetDashboard').then(m => m.FleetDashboardPage),
    mountPoint: rootRouteRef,
  }),
);

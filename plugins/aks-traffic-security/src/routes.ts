import { createRouteRef } from '@backstage/core-plugin-api';

/** The route of the fleet dashboard page. */
export const rootRouteRef = createRouteRef({
  id: 'aks-traffic-security',
});

/** The route of the entity tab, which apps mount below the entity page. */
export const entityContentRouteRef = createRouteRef({
  id: 'aks-traffic-security:entity-content',
});

/** The path of the entity tab, relative to the entity page. */
export const TRAFFIC_SECURITY_TAB_PATH = 'traffic-security';

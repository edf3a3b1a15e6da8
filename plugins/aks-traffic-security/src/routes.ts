import { createRouteRef } from '@backstage/core-plugin-api';

/** The route of the fleet dashboard page. */
export const rootRouteRef = createRouteRef({
  id: 'aks-traffic-security',
});

/** The path of the entity tab, relative to the entity page. */
export const TRAFFIC_SECURITY_TAB_PATH = 'traffic-security';

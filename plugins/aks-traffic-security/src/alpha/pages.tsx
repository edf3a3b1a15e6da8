import { PageBlueprint } from '@backstage/frontend-plugin-api';
import SecurityIcon from '@material-ui/icons/Security';
import { rootRouteRef } from '../routes';

/**
 * The fleet dashboard page at `/aks-traffic-security`. Its title, icon and
 * route make the app list it in the navigation as "Traffic security".
 */
export const fleetDashboardPage = PageBlueprint.make({
  params: {
    path: '/aks-traffic-security',
    title: 'Traffic security',
    icon: <SecurityIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/FleetDashboard').then(m => (
        <m.FleetDashboardPageContent />
      )),
  },
});

import { PageBlueprint } from '@backstage/frontend-plugin-api';
import SecurityIcon from '@material-ui/icons/Security';
import { aksTrafficSecurityApiRef } from '../api';
import { parseFleetView } from '../components/FleetDashboard/fleetSearchParams';
import { prefetchFirstFleetPage } from '../components/FleetDashboard/prefetchFirstFleetPage';
import { rootRouteRef } from '../routes';

/**
 * The fleet dashboard page at `/aks-traffic-security`. Its title, icon and
 * route make the app list it in the navigation as "Traffic security".
 */
export const fleetDashboardPage = PageBlueprint.makeWithOverrides({
  factory(originalFactory, { apis }) {
    return originalFactory({
      path: '/aks-traffic-security',
      title: 'Traffic security',
      icon: <SecurityIcon />,
      routeRef: rootRouteRef,
      // The app calls the loader when it first renders the page. Requesting
      // the first page here overlaps the request with loading the code,
      // instead of sending it after the dashboard's first render.
      loader: () => {
        const api = apis.get(aksTrafficSecurityApiRef);
        // The dashboard opens at the view in the URL's query string.
        const view = parseFleetView(
          new URLSearchParams(window.location.search),
        );
        const takePrefetchedPages = api && prefetchFirstFleetPage(api, view);
        return import('../components/FleetDashboard').then(m => (
          <m.FleetDashboardPageContent
            takePrefetchedPages={takePrefetchedPages}
          />
        ));
      },
    });
  },
});

import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import SecurityIcon from '@material-ui/icons/Security';
import { entityContentRouteRef, rootRouteRef } from '../routes';
import { aksTrafficSecurityApi } from './apis';
import { entityTrafficSecurityCard } from './entityCards';
import { entityTrafficSecurityContent } from './entityContents';
import { fleetDashboardPage } from './pages';

/**
 * The AKS traffic security plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'aks-traffic-security',
  title: 'Traffic security',
  icon: <SecurityIcon />,
  info: { packageJson: () => import('../../package.json') },
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
  extensions: [
    aksTrafficSecurityApi,
    entityTrafficSecurityContent,
    entityTrafficSecurityCard,
    fleetDashboardPage,
  ],
});

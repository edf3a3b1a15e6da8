export { FleetDashboardContent } from './FleetDashboardContent';
export {
  FleetDashboardPage,
  FleetDashboardPageContent,
} from './FleetDashboardPage';

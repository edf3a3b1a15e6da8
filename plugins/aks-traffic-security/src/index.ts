/**
 * Frontend plugin for AKS traffic security: the entity tab, the entity card
 * and the fleet dashboard.
 *
 * @packageDocumentation
 */

export {
  aksTrafficSecurityPlugin,
  EntityTrafficSecurityCard,
  EntityTrafficSecurityContent,
  FleetDashboardPage,
} from './plugin';
export {
  aksTrafficSecurityApiRef,
  AksTrafficSecurityClient,
  type AksTrafficSecurityApi,
  type FleetExport,
  type FleetExportFormat,
  type FleetQuery,
} from './api';
export { isAksTrafficSecurityAvailable } from './annotations';

export { aksTrafficSecurityApiRef } from './AksTrafficSecurityApi';
export type { AksTrafficSecurityApi } from './AksTrafficSecurityApi';
export { AksTrafficSecurityClient } from './AksTrafficSecurityClient';
export type { FleetExport, FleetExportFormat, FleetQuery } from './types';

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  FleetEntry,
  FleetResponse,
  FleetSortField,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetFilter } from '../database/AssessmentStore';

/** The filters and order of a fleet request. */
export interface FleetQuery extends FleetFilter {
  sort: FleetSortField;
  order: 'asc' | 'desc';
}

/**
 * The fleet summary on behalf of a caller. Entries of entities whose
 * assessment the caller may not read are left out of the entries, the
 * total and the counts alike.
 */
export interface FleetService {
  getFleet(
    query: FleetQuery & { limit: number; offset: number },
    credentials: BackstageCredentials,
  ): Promise<FleetResponse>;

  /** Returns every matching entry, for export. */
  exportFleet(
    query: FleetQuery,
    credentials: BackstageCredentials,
  ): Promise<FleetEntry[]>;
}

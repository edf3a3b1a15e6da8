import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  FleetEntry,
  FleetResponse,
  FleetTrendResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetFilter, FleetOrder } from '../database/AssessmentStore';

/** The filters and order of a fleet request. */
export interface FleetQuery extends FleetFilter, FleetOrder {}

/**
 * The fleet summary on behalf of a caller. Entries of entities whose
 * assessment the caller may not read are left out of the entries, the
 * total, the counts and the trend alike.
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

  /**
   * Returns one point per day (UTC) of the last `days` days, today included,
   * for the entities that match the filter now. Each entity counts on a day
   * with its latest history record as of the end of that day.
   */
  getTrend(
    query: FleetFilter & { days: number },
    credentials: BackstageCredentials,
  ): Promise<FleetTrendResponse>;
}

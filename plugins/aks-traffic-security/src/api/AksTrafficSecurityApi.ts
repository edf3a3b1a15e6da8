import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CheckCatalogResponse,
  EntityAssessmentResponse,
  EntityHistoryResponse,
  EntityRefreshResponse,
  FleetResponse,
  FleetTrendResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetExport, FleetExportFormat, FleetQuery } from './types';

/**
 * The client of the AKS traffic security backend.
 *
 * @public
 */
export interface AksTrafficSecurityApi {
  /**
   * Fetches the latest assessment of an entity. Resolves to `undefined` when
   * the backend has no assessment for the entity yet.
   */
  getEntityAssessment(
    entityRef: CompoundEntityRef,
  ): Promise<EntityAssessmentResponse | undefined>;

  /** Fetches one page of an entity's earlier assessments, newest first. */
  getEntityHistory(
    entityRef: CompoundEntityRef,
    page?: { limit?: number; offset?: number },
  ): Promise<EntityHistoryResponse>;

  /** Asks the backend to assess the entity again now and returns the result. */
  refreshEntityAssessment(
    entityRef: CompoundEntityRef,
  ): Promise<EntityRefreshResponse>;

  /** Fetches one page of the fleet summary with the counts over all matches. */
  getFleet(
    query: FleetQuery & { limit?: number; offset?: number },
  ): Promise<FleetResponse>;

  /**
   * Fetches the number of failing checks per day across the matching fleet.
   * Resolves to `undefined` when the backend does not provide a trend.
   */
  getFleetTrend(
    query: FleetQuery & { days?: number },
  ): Promise<FleetTrendResponse | undefined>;

  /** Downloads every matching fleet entry as a file. */
  exportFleet(
    query: FleetQuery,
    format: FleetExportFormat,
  ): Promise<FleetExport>;

  /** Fetches the check catalog with the metadata of every check. */
  getChecks(): Promise<CheckCatalogResponse>;
}

/**
 * The API reference of {@link AksTrafficSecurityApi}.
 *
 * @public
 */
export const aksTrafficSecurityApiRef = createApiRef<AksTrafficSecurityApi>({
  id: 'plugin.aks-traffic-security.service',
});

import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CheckCatalogResponse,
  EntityAssessmentResponse,
  EntityRefreshResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

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

  /** Asks the backend to assess the entity again now and returns the result. */
  refreshEntityAssessment(
    entityRef: CompoundEntityRef,
  ): Promise<EntityRefreshResponse>;

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

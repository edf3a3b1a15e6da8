import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityHistoryResponse,
  EntityRefreshResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * The assessment of one catalog entity, on behalf of a caller.
 *
 * Each method throws `NotFoundError` when the caller cannot see the entity in
 * the catalog, `NotAllowedError` when a permission is denied, and
 * `InputError` naming each missing or invalid annotation.
 */
export interface EntityAssessmentService {
  /**
   * Returns the latest assessment as the JSON text of an
   * `EntityAssessmentResponse`, assessing the entity first if it never was.
   * Text, because the stored assessment is JSON already.
   */
  getAssessmentJson(
    entity: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<string>;

  /** Returns a page of the entity's assessments, newest first, with what each changed. */
  getHistory(
    entity: CompoundEntityRef,
    page: { limit: number; offset: number },
    credentials: BackstageCredentials,
  ): Promise<EntityHistoryResponse>;

  /**
   * Assesses the entity now and returns the result. `beforeRefresh` runs
   * once the entity is found, the permissions are granted and the
   * annotations are valid, right before the refresh. An error it throws
   * stops the refresh and is thrown as it is.
   */
  refresh(
    entity: CompoundEntityRef,
    credentials: BackstageCredentials,
    options?: { beforeRefresh?: () => void },
  ): Promise<EntityRefreshResponse>;
}

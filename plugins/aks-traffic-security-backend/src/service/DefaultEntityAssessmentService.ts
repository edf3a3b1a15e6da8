import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  assessmentReadPermission,
  assessmentRefreshPermission,
  EntityAssessmentResponse,
  EntityHistoryResponse,
  EntityRefreshResponse,
  scopeFromAnnotations,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  AssessmentStore,
  StoredAssessment,
  StoredAssessmentJson,
} from '../database/AssessmentStore';
import { AssessmentRefresher } from './AssessmentRefresher';
import { describeAnnotationProblems } from './describeAnnotationProblems';
import { describeChanges } from './describeChanges';
import { entityRefOf } from './describeEntity';
import { EntityAuthorizer } from './EntityAuthorizer';
import { EntityAssessmentService } from './EntityAssessmentService';
import { scopeKeyOf } from './scopeKey';

/** The {@link EntityAssessmentService} over the store and the refresher. */
export class DefaultEntityAssessmentService implements EntityAssessmentService {
  readonly #catalog: CatalogService;
  readonly #store: AssessmentStore;
  readonly #refresher: AssessmentRefresher;
  readonly #authorizer: EntityAuthorizer;

  constructor(options: {
    catalog: CatalogService;
    store: AssessmentStore;
    refresher: AssessmentRefresher;
    authorizer: EntityAuthorizer;
  }) {
    this.#catalog = options.catalog;
    this.#store = options.store;
    this.#refresher = options.refresher;
    this.#authorizer = options.authorizer;
  }

  async getAssessmentJson(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const entity = await this.#readAnnotatedEntity(ref, credentials, [
      assessmentReadPermission,
    ]);

    const stored = await this.#store.getAssessmentJson(entityRefOf(entity));
    if (stored && isOfCurrentAnnotations(stored, entity)) {
      return toAssessmentResponseJson(stored);
    }

    // A freshly registered entity, or one whose cluster, gateway, namespace
    // or hosts changed since its assessment, is assessed at once rather than
    // at the next scheduled refresh.
    // NOTE: the fleet summary shows such an entity's former assessment until
    // the next scheduled refresh or a read of the entity's own assessment.
    const assessed = await this.#refresher.refreshEntity(entity);
    return JSON.stringify(toAssessmentResponse(assessed));
  }

  async getHistory(
    ref: CompoundEntityRef,
    page: { limit: number; offset: number },
    credentials: BackstageCredentials,
  ): Promise<EntityHistoryResponse> {
    const entity = await this.#readAnnotatedEntity(ref, credentials, [
      assessmentReadPermission,
    ]);
    const entityRef = entityRefOf(entity);

    const history = await this.#store.getHistory(entityRef, page);
    const older = [...history.items.slice(1), history.previous];

    return {
      entityRef,
      items: history.items.map((record, index) => {
        const previous = older[index];
        return {
          evaluatedAt: record.evaluatedAt.toISOString(),
          verdict: record.verdict,
          flows: record.flows,
          counts: record.counts,
          source: record.source,
          changes: previous ? describeChanges(record, previous) : undefined,
        };
      }),
      total: history.total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  async refresh(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    options: { beforeRefresh?: () => void } = {},
  ): Promise<EntityRefreshResponse> {
    const entity = await this.#readAnnotatedEntity(ref, credentials, [
      assessmentReadPermission,
      assessmentRefreshPermission,
    ]);
    options.beforeRefresh?.();

    const stored = await this.#refresher.refreshEntity(entity);

    return {
      ...toAssessmentResponse(stored),
      refreshedAt: stored.refreshedAt.toISOString(),
    };
  }

  /**
   * Reads the entity as the caller sees it in the catalog, checks the
   * permissions before revealing anything about its annotations, then
   * checks the annotations.
   */
  async #readAnnotatedEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    permissions: (typeof assessmentReadPermission)[],
  ): Promise<Entity> {
    const entity = await this.#catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `Entity '${stringifyEntityRef(ref)}' was not found in the catalog`,
      );
    }
    const entityRef = entityRefOf(entity);

    await this.#authorizer.assertAllowed({
      entityRef,
      permissions,
      credentials,
    });

    const problem = describeAnnotationProblems(
      entityRef,
      scopeFromAnnotations(entity),
    );
    if (problem) {
      throw new InputError(problem);
    }
    return entity;
  }
}

/**
 * Tells whether a stored assessment was made from the entity's current
 * annotations. A row stored before scope keys were kept counts as current
 * until the next refresh replaces it.
 */
function isOfCurrentAnnotations(
  stored: StoredAssessmentJson,
  entity: Entity,
): boolean {
  return (
    stored.scopeKey === undefined ||
    stored.scopeKey === scopeKeyOf(scopeFromAnnotations(entity).scope)
  );
}

/**
 * Returns `JSON.stringify(toAssessmentResponse(...))` of the stored
 * assessment, with the assessment's JSON put in as it is.
 */
function toAssessmentResponseJson(stored: StoredAssessmentJson): string {
  const { assessmentJson, ...fields } = stored;

  // `null` is a placeholder for the assessment. `"assessment":null` occurs
  // once, because the only field before it is `entityRef`, a string whose
  // quotes are escaped.
  const json = JSON.stringify(
    toAssessmentResponse({ ...fields, assessment: null as any }),
  );
  const placeholder = '"assessment":null';
  const at = json.indexOf(placeholder);
  return `${json.slice(0, at)}"assessment":${assessmentJson}${json.slice(
    at + placeholder.length,
  )}`;
}

function toAssessmentResponse(
  stored: StoredAssessment,
): EntityAssessmentResponse {
  return {
    entityRef: stored.entityRef,
    assessment: stored.assessment,
    source: stored.source,
    stale: stored.stale,
    staleReason: stored.staleReason,
    failedReads: stored.failedReads,
    lastComplete: stored.lastComplete,
  };
}

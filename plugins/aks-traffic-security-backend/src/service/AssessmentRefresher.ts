import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATIONS,
  AssessmentScope,
  evaluate,
  OrganisationPolicy,
  ResourceSet,
  scopeFromAnnotations,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  AssessmentStore,
  NewAssessment,
  StoredAssessment,
} from '../database/AssessmentStore';
import { ConcurrencyLimiter } from '../sources/reads/ConcurrencyLimiter';
import { failedReadsOf, ResourceSource } from '../sources/ResourceSource';
import { AssessmentWriteQueue } from './AssessmentWriteQueue';
import { EventLoopTurns } from './EventLoopTurns';
import {
  orderBySharedResources,
  RefreshEntry,
  RemainingScopes,
  SharedScope,
} from './RefreshOrder';
import { changedEntries } from './changedEntries';
import { describeAnnotationProblems } from './describeAnnotationProblems';
import { describeEntity, entityRefOf } from './describeEntity';
import { ReadFailureLog } from './ReadFailureLog';
import { scopeKeyOf } from './scopeKey';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The entities a full refresh reads and evaluates at once. The refresh takes
 * its entities by gateway and cluster and serves the reads of earlier ones
 * first, so the window contains the entities of a few gateways, and the
 * reads of the next ones overlap the evaluation of the last. The fleet
 * benchmark has 5,000 entities on 300 clusters with their Kubernetes API and
 * 60 gateways. There a window of 500 kept the heap after each collection
 * during the refresh at 144 to 161 MiB, and the peak resident set at 665 to
 * 790 MiB. With every entity in flight they were 257 to 272 MiB and 740 to
 * 970 MiB, in about the same time. A window of 200 took longer and used as
 * much memory.
 */
const REFRESH_WINDOW = 500;

/**
 * The entity fields that a refresh reads: the ref, the title, the
 * annotations, and the owner and system from the spec or the relations. A
 * refresh lists every annotated entity before it starts, so the catalog
 * sends only these.
 */
const REFRESH_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  'relations',
];

/** How many times a refresh lists the catalog before it gives up. */
const CATALOG_ATTEMPTS = 3;

/** The counts of one refresh of every entity, or of the changed ones. */
export interface RefreshSummary {
  /** Entities assessed from freshly read resources. */
  assessed: number;
  /**
   * Of the assessed entities, those with failed reads: their affected checks
   * are `unknown` and their last complete assessment is kept, marked stale.
   */
  withFailedReads: number;
  /** Entities whose read failed, so their last good assessment was kept and marked stale. */
  stale: number;
  /** Entities skipped because of missing or invalid annotations, or an error while storing. */
  skipped: number;
  /** Stored assessments deleted because their entity is gone or no longer annotated. */
  removed: number;
  /**
   * History rows deleted because they are older than the retention. Only the
   * full refresh prunes.
   */
  pruned: number;
}

/** The options of one entity's refresh: where its assessment goes and how its reads rank. */
interface RefreshOptions {
  /** Stores the new assessment; the returned promise settles once it is stored. */
  save: (record: NewAssessment) => Promise<void>;
  /** Waits, if need be, before the entity is evaluated. */
  beforeEvaluate?: () => Promise<void>;
  /** Lower numbers get their reads served first. */
  priority?: number;
  /**
   * Collects a failed source read to log it with others. Without it, the
   * failure is logged at once.
   */
  readFailures?: ReadFailureLog;
}

/** The result of one entity's refresh, as a refresh of many counts it. */
interface RefreshOutcome {
  /** True when the source could not be read, so the last good assessment was kept. */
  stale: boolean;
  /** The number of failed reads of the stored assessment. */
  failedReads: number;
  /** Settles when the new assessment is stored, or could not be. */
  stored: Promise<void>;
}

/**
 * Reads, evaluates and stores the assessments of annotated catalog entities.
 */
export class AssessmentRefresher {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #store: AssessmentStore;
  readonly #source: ResourceSource;
  readonly #policy: OrganisationPolicy;
  readonly #historyRetentionDays: number;
  readonly #inFlight = new Map<string, Promise<RefreshOutcome>>();
  readonly #turns = new EventLoopTurns();
  /** Settles, never rejecting, when the refresh running on this instance ends. */
  #running: Promise<void> | undefined;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    store: AssessmentStore;
    source: ResourceSource;
    policy: OrganisationPolicy;
    historyRetentionDays: number;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#store = options.store;
    this.#source = options.source;
    this.#policy = options.policy;
    this.#historyRetentionDays = options.historyRetentionDays;
  }

  /**
   * Refreshes every catalog entity that carries the cluster or gateway
   * annotation, removes the assessments of entities that no longer do, and
   * prunes the history. One entity's failure never stops the others. It
   * first waits for a refresh of changed entities running on this instance.
   */
  async refreshAll(): Promise<RefreshSummary> {
    return this.#exclusively(async () => {
      const startedAt = Date.now();
      const summary = emptySummary();
      this.#logger.info('Refreshing AKS traffic security assessments');

      const entries = await this.#listAnnotated(summary, 'warn');
      await this.#refreshInSession(entries, summary);
      summary.removed = await this.#removeUnlisted(
        entries,
        await this.#store.listEntityRefs(),
      );
      summary.pruned = await this.#store.pruneHistory({
        before: new Date(Date.now() - this.#historyRetentionDays * DAY_MS),
      });
      await this.#updateStatistics();

      this.#logger.info('Refreshed AKS traffic security assessments', {
        ...summary,
        durationMs: Date.now() - startedAt,
      });
      return summary;
    });
  }

  /**
   * Refreshes the annotated entities that have no stored assessment, or
   * whose annotations, title, owner or system changed since it was stored,
   * and removes the assessments of entities that are no longer annotated.
   * Azure is read only for those entities, so this can run far more often
   * than the full refresh. Returns `undefined`, doing nothing, while another
   * refresh runs on this instance.
   */
  async refreshChanged(): Promise<RefreshSummary | undefined> {
    if (this.#running) {
      return undefined;
    }

    return this.#exclusively(async () => {
      const startedAt = Date.now();
      const summary = emptySummary();

      // Invalid annotations usually stay invalid between two runs, and the
      // full refresh already warns of them.
      const entries = await this.#listAnnotated(summary, 'debug');
      const stored = await this.#store.listAssessedEntities();
      const changed = changedEntries(entries, stored);
      await this.#refreshInSession(changed, summary);
      // This run stores only listed entities, so the refs read before it
      // name every entity it should remove.
      summary.removed = await this.#removeUnlisted(
        entries,
        stored.map(facts => facts.entityRef),
      );

      const changes = changed.length + summary.removed;
      this.#logger[changes > 0 ? 'info' : 'debug'](
        'Refreshed the AKS traffic security assessments of changed entities',
        { ...summary, durationMs: Date.now() - startedAt },
      );
      return summary;
    });
  }

  /**
   * Runs one refresh at a time on this instance, because a refresh's read
   * session is the source's only one: a second refresh would replace it.
   */
  async #exclusively<T>(refresh: () => Promise<T>): Promise<T> {
    while (this.#running) {
      await this.#running;
    }

    const result = refresh();
    this.#running = result.then(
      () => undefined,
      () => undefined,
    );
    this.#running.then(() => {
      this.#running = undefined;
    });
    return result;
  }

  async #updateStatistics(): Promise<void> {
    try {
      await this.#store.updateStatistics();
    } catch (error) {
      // Only query plans depend on the statistics, so the refresh still succeeds.
      this.#logger.warn(
        'Failed to update the database statistics of the assessments',
        error as Error,
      );
    }
  }

  /** Deletes the assessments of the stored entities that are not among `entries`. */
  async #removeUnlisted(
    entries: RefreshEntry[],
    storedRefs: string[],
  ): Promise<number> {
    const listed = new Set(entries.map(({ entity }) => entityRefOf(entity)));
    const unlisted = storedRefs.filter(entityRef => !listed.has(entityRef));
    return this.#store.deleteAssessments(unlisted);
  }

  /**
   * Reads, evaluates and stores the entries in one read session of the
   * source, so that each resource they share is read once.
   */
  async #refreshInSession(
    entries: RefreshEntry[],
    summary: RefreshSummary,
  ): Promise<void> {
    if (entries.length === 0) {
      return;
    }

    this.#source.beginRefresh?.();
    // Assessments share transactions, which takes a fraction of the round
    // trips and statements of one transaction each, and the next entities
    // are read and evaluated while the database stores the last ones.
    const queue = new AssessmentWriteQueue(this.#store);
    const writes: Promise<void>[] = [];
    const readFailures = new ReadFailureLog();
    try {
      await this.#refreshEntries(orderBySharedResources(entries), summary, {
        queue,
        writes,
        readFailures,
      });
    } finally {
      // Each write counts its own outcome and never rejects.
      await Promise.all(writes);
      this.#source.endRefresh?.();
      readFailures.flush(this.#logger, this.#source.name);
    }
  }

  /**
   * Lists the catalog entities that carry the cluster or gateway annotation
   * and skips, logging at `skippedLevel`, those whose annotations are
   * invalid. A failed catalog page, such as a reset keep-alive connection,
   * restarts the listing, which skips the entities already listed.
   */
  async #listAnnotated(
    summary: RefreshSummary,
    skippedLevel: 'warn' | 'debug',
  ): Promise<RefreshEntry[]> {
    const entries: RefreshEntry[] = [];
    const handled = new Set<string>();

    for (let attempt = 1; ; attempt += 1) {
      try {
        for await (const entities of await this.#streamAnnotated()) {
          for (const entity of entities) {
            const entityRef = entityRefOf(entity);
            if (handled.has(entityRef)) {
              continue;
            }
            handled.add(entityRef);

            const read = scopeFromAnnotations(entity);
            const problem = describeAnnotationProblems(entityRef, read);
            if (problem) {
              this.#logger[skippedLevel](`Skipped entity: ${problem}`, {
                entityRef,
              });
              summary.skipped += 1;
              continue;
            }
            entries.push({ entity, scope: read.scope });
          }
        }
        return entries;
      } catch (error) {
        if (attempt >= CATALOG_ATTEMPTS) {
          throw error;
        }
        this.#logger.warn(
          `Failed to list catalog entities after ${
            handled.size
          } of them; listing again (attempt ${
            attempt + 1
          } of ${CATALOG_ATTEMPTS})`,
          error as Error,
        );
      }
    }
  }

  async #streamAnnotated(): Promise<AsyncIterable<Entity[]>> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    return this.#catalog.streamEntities(
      {
        filter: [
          {
            [`metadata.annotations.${ANNOTATIONS.clusterId}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${ANNOTATIONS.gatewayId}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: REFRESH_FIELDS,
      },
      { credentials },
    );
  }

  /**
   * Refreshes the entries in order, at most {@link REFRESH_WINDOW} at once.
   * Once the last entity of a cluster or gateway is evaluated, the source
   * may drop the reads it kept of it.
   */
  async #refreshEntries(
    entries: RefreshEntry[],
    summary: RefreshSummary,
    storage: {
      queue: AssessmentWriteQueue;
      writes: Promise<void>[];
      readFailures: ReadFailureLog;
    },
  ): Promise<void> {
    const window = new ConcurrencyLimiter(REFRESH_WINDOW);
    const remaining = new RemainingScopes(entries.map(entry => entry.scope));

    for (const [order, { entity, scope }] of entries.entries()) {
      const leaveWindow = await window.acquire();

      const refreshed = this.#refreshOnce(entity, {
        save: record => storage.queue.save(record),
        // Evaluating only while the queue has room keeps the evaluated
        // assessments held in memory to a few batches.
        beforeEvaluate: () => storage.queue.whenAccepting(),
        priority: order,
        readFailures: storage.readFailures,
      });
      const counted = refreshed
        .then(async outcome => {
          await outcome.stored;
          summary[outcome.stale ? 'stale' : 'assessed'] += 1;
          if (!outcome.stale && outcome.failedReads > 0) {
            summary.withFailedReads += 1;
          }
        })
        .catch(error => {
          this.#logger.error(
            `Failed to store the assessment of entity ${entityRefOf(entity)}`,
            error as Error,
          );
          summary.skipped += 1;
        });
      storage.writes.push(counted);

      // An entity leaves the window once evaluated, not once stored.
      const evaluated = () => {
        leaveWindow();
        const unused = remaining.finish(scope);
        if (unused.clusterId || unused.gatewayId) {
          this.#release(unused);
        }
      };
      refreshed.then(evaluated, evaluated);
    }
  }

  /**
   * Lets the source drop its reads of a cluster or gateway. Dropping them
   * only saves memory, so a source that fails to is logged and the refresh
   * goes on.
   */
  #release(unused: SharedScope): void {
    try {
      this.#source.release?.(unused);
    } catch (error) {
      const ids = [unused.clusterId, unused.gatewayId].filter(Boolean);
      this.#logger.warn(
        `Failed to release the reads of ${ids.join(
          ' and ',
        )}; they stay in memory until the refresh ends`,
        error as Error,
      );
    }
  }

  /**
   * Refreshes one entity. Concurrent calls for the same entity share one
   * refresh. Throws an `InputError` naming each annotation that is missing
   * or invalid.
   */
  async refreshEntity(entity: Entity): Promise<StoredAssessment> {
    const outcome = await this.#refreshOnce(entity, {
      save: record => this.#store.saveAssessment(record),
    });
    await outcome.stored;
    return (await this.#store.getAssessment(entityRefOf(entity)))!;
  }

  // The full refresh does not read back what it stored, which would double
  // its database traffic.
  #refreshOnce(
    entity: Entity,
    options: RefreshOptions,
  ): Promise<RefreshOutcome> {
    const entityRef = entityRefOf(entity);
    const running = this.#inFlight.get(entityRef);
    if (running) {
      return running;
    }

    const refresh = this.#refresh(entity, options).finally(() => {
      this.#inFlight.delete(entityRef);
    });
    this.#inFlight.set(entityRef, refresh);
    return refresh;
  }

  async #refresh(
    entity: Entity,
    options: RefreshOptions,
  ): Promise<RefreshOutcome> {
    const entityRef = entityRefOf(entity);
    const read = scopeFromAnnotations(entity);
    const problem = describeAnnotationProblems(entityRef, read);
    if (problem) {
      throw new InputError(problem);
    }
    const scope = read.scope;
    const refreshedAt = new Date();

    let resourceSet: ResourceSet;
    try {
      resourceSet = await this.#source.readResourceSet(entity, scope, {
        priority: options.priority,
      });
    } catch (error) {
      const reason = `The ${this.#source.name} source could not be read: ${
        error instanceof Error ? error.message : String(error)
      }`;
      if (options.readFailures) {
        options.readFailures.add(entityRef, reason);
      } else {
        this.#logger.warn('Failed to read the resources of an entity', {
          entityRef,
          source: this.#source.name,
          error: reason,
        });
      }

      // The last good assessment is kept only when it was made from the
      // same annotations; one of another cluster or gateway would mislead.
      const kept = await this.#store.markStale({
        entityRef,
        reason,
        refreshedAt,
        scopeKey: scopeKeyOf(scope),
        catalog: describeEntity(entity, scope),
      });
      if (kept) {
        return { stale: true, failedReads: 0, stored: Promise.resolve() };
      }
      // With no earlier assessment to keep, every check reports the failure as unknown.
      resourceSet = unreadableResourceSet(scope, reason);
    }

    // When a resource that many entities share arrives, they are all ready at
    // once. A turn of the event loop of its own for each evaluation lets the
    // responses to reads and writes be handled in between.
    await options.beforeEvaluate?.();
    await this.#turns.next();
    const assessment = evaluate(resourceSet, { policy: this.#policy });
    const failedReads = failedReadsOf(resourceSet);
    const stored = options.save({
      entity: describeEntity(entity, scope),
      assessment,
      source: this.#source.name,
      refreshedAt,
      failedReads,
    });
    this.#logger.debug('Assessed entity', {
      entityRef,
      verdict: assessment.verdict,
      durationMs: Date.now() - refreshedAt.getTime(),
    });
    // Callers await it later; this keeps a failed write from counting as
    // unhandled in the meantime.
    stored.catch(() => undefined);
    return { stale: false, failedReads: failedReads.length, stored };
  }
}

function emptySummary(): RefreshSummary {
  return {
    assessed: 0,
    withFailedReads: 0,
    stale: 0,
    skipped: 0,
    removed: 0,
    pruned: 0,
  };
}

/**
 * Builds a resource set with nothing read, whose failures name the entity's
 * cluster and gateway so that the checks that look them up report the reason.
 */
function unreadableResourceSet(
  scope: AssessmentScope,
  message: string,
): ResourceSet {
  const targets = [scope.clusterId, scope.gatewayId].filter(
    (target): target is string => target !== undefined,
  );
  return {
    scope,
    resources: [],
    failures: targets.map(target => ({
      target,
      reason: 'source-unavailable',
      message,
    })),
    kubernetesNamespaceRead: false,
  };
}

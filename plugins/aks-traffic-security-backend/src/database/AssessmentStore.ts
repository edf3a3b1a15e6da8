import {
  Assessment,
  LastCompleteAssessment,
  ReadFailure,
  FleetEntry,
  FleetResponse,
  FleetSortField,
  Flow,
  Severity,
  Verdict,
  VerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The catalog facts stored with an assessment, for fleet filtering. */
export interface AssessedEntity {
  /** The entity reference, `kind:namespace/name`, lower case. */
  entityRef: string;
  title?: string;
  /** The owner entity reference, such as `group:default/team-a`. */
  owner?: string;
  /** The system entity reference, such as `system:default/payments`. */
  system?: string;
  /** The ARM id of the entity's AKS cluster. */
  clusterId?: string;
  /** The digest of the annotations the assessment is made from, from `scopeKeyOf`. */
  scopeKey?: string;
}

/** The latest assessment of one entity, as stored. */
export interface StoredAssessment {
  entityRef: string;
  assessment: Assessment;
  source: string;
  stale: boolean;
  staleReason?: string;
  /** When a refresh of the entity last ran, successful or not. */
  refreshedAt: Date;
  /** The reads of the assessment's refresh that failed. */
  failedReads: ReadFailure[];
  /** The last assessment with no failed read, when this one has failed reads. */
  lastComplete?: LastCompleteAssessment;
  /** The digest of the annotations the assessment was made from; absent for rows stored before it was kept. */
  scopeKey?: string;
}

/** The latest assessment of one entity, with the assessment as JSON text. */
export interface StoredAssessmentJson
  extends Omit<StoredAssessment, 'assessment'> {
  /** `JSON.stringify` of the assessment that `getAssessment` returns. */
  assessmentJson: string;
}

/** One row of an entity's history. */
export interface HistoryRecord {
  evaluatedAt: Date;
  verdict: Verdict;
  source: string;
  flows: Record<Flow, Verdict>;
  counts: VerdictCounts;
  /** The verdict of each check that ran, by check id. */
  checks: Record<string, Verdict>;
}

/** One page of an entity's history, newest first. */
export interface HistoryPage {
  items: HistoryRecord[];
  /** The record just older than the last item, to tell what the last item changed. */
  previous?: HistoryRecord;
  total: number;
}

/** Filters of the fleet summary. Every filter that is set must match. */
export interface FleetFilter {
  /** Owner entity references; any may match. */
  owners?: string[];
  /** System entity references; any may match. */
  systems?: string[];
  /** An AKS cluster's ARM id or name, compared case-insensitively. */
  cluster?: string;
  /** Verdicts; any may match. Compared to the flow's verdict when `flow` is set. */
  verdicts?: Verdict[];
  flow?: Flow;
  /** Only entities with at least one failing check of this severity. */
  severity?: Severity;
}

/**
 * The order of fleet entries. Text sorts case-insensitively by code point,
 * absent values sort last in ascending order, verdicts sort from worst to
 * best, and ties sort by entity reference in ascending order.
 */
export interface FleetOrder {
  sort: FleetSortField;
  order: 'asc' | 'desc';
}

/** The total and the verdict counts of the entries that match a filter. */
export type FleetCounts = Pick<
  FleetResponse,
  'total' | 'verdictCounts' | 'flowCounts'
>;

/** A freshly evaluated assessment to store. */
export interface NewAssessment {
  entity: AssessedEntity;
  assessment: Assessment;
  source: string;
  refreshedAt: Date;
  failedReads: ReadFailure[];
}

/**
 * An assessment turned into the rows the store writes. The rows hold the
 * assessment as compact JSON text, a small part of the memory the evaluated
 * objects take.
 */
export interface PreparedAssessment {
  entityRef: string;
  /** The row of the entity's latest assessment, by column. */
  latest: Record<string, unknown>;
  /** The row of the entity's history, by column. */
  history: Record<string, unknown>;
}

/** Persistence of the latest assessments and their history. */
export interface AssessmentStore {
  /**
   * Stores a new assessment as the entity's latest. Adds it to the history
   * only when its overall, flow or check verdicts differ from the entity's
   * latest history row. With no failed reads it also becomes the last
   * complete assessment; otherwise the last complete one stays as it was.
   */
  saveAssessment(record: NewAssessment): Promise<void>;

  /**
   * Stores several assessments as {@link AssessmentStore.saveAssessment}
   * does, in one transaction: all of them or none. When an entity appears
   * twice, its last assessment becomes the latest.
   */
  saveAssessments(records: NewAssessment[]): Promise<void>;

  /**
   * Turns an assessment into the rows that
   * {@link AssessmentStore.savePreparedAssessments} writes. A caller that
   * keeps assessments waiting before it stores them keeps these instead.
   */
  prepareAssessment(record: NewAssessment): PreparedAssessment;

  /** Stores prepared assessments as {@link AssessmentStore.saveAssessments} does. */
  savePreparedAssessments(records: PreparedAssessment[]): Promise<void>;

  /**
   * Marks the entity's latest assessment stale with the reason. Returns false
   * when the entity has no stored assessment, or none of `scopeKey`.
   */
  markStale(options: {
    entityRef: string;
    reason: string;
    refreshedAt: Date;
    /**
     * When set, only an assessment made from these annotations is kept (or
     * one stored before scope keys), because an assessment of other
     * annotations describes other resources.
     */
    scopeKey?: string;
    /**
     * The entity's current title, owner and system, which the kept
     * assessment takes, so that the fleet follows the catalog meanwhile.
     */
    catalog?: Pick<AssessedEntity, 'title' | 'owner' | 'system'>;
  }): Promise<boolean>;

  getAssessment(entityRef: string): Promise<StoredAssessment | undefined>;

  /**
   * Returns what {@link AssessmentStore.getAssessment} does, with the
   * assessment as JSON text, for callers that only send it on.
   */
  getAssessmentJson(
    entityRef: string,
  ): Promise<StoredAssessmentJson | undefined>;

  getHistory(
    entityRef: string,
    page: { limit: number; offset: number },
  ): Promise<HistoryPage>;

  /**
   * Returns the latest history record of each of the entities among those
   * evaluated in `[from, before)`, by entity reference. Without `from`,
   * every record before `before` counts. Entities without such a record are
   * absent from the map.
   */
  getLatestHistory(options: {
    entityRefs: string[];
    from?: Date;
    before: Date;
  }): Promise<Map<string, HistoryRecord>>;

  /**
   * Returns the fleet entries that match the filter, in the given order
   * (entity reference order by default), optionally one page of them.
   */
  listFleet(
    filter: FleetFilter,
    options?: { order?: FleetOrder; limit?: number; offset?: number },
  ): Promise<FleetEntry[]>;

  /** Counts the fleet entries that match the filter, by verdict and by flow verdict. */
  countFleet(filter: FleetFilter): Promise<FleetCounts>;

  /**
   * Returns a value that changes whenever a latest assessment is saved,
   * marked stale or deleted, so that fleet pages and counts can be reused
   * until then. A write through this instance changes it as soon as the
   * write returns. A write through another instance on the same database,
   * such as another backend instance, changes it for the calls made one
   * second or more after the write committed, because the database's part
   * is read at most once a second.
   */
  getFleetVersion(): Promise<string>;

  /**
   * Returns a value that changes whenever a history row is added or pruned,
   * so that results computed from the history can be reused until then.
   */
  getHistoryVersion(): Promise<string>;

  /** Returns the references of every entity with a stored assessment. */
  listEntityRefs(): Promise<string[]>;

  /**
   * Returns the catalog facts stored with each entity's latest assessment,
   * so that entities whose facts changed since can be found.
   */
  listAssessedEntities(): Promise<AssessedEntity[]>;

  /** Deletes the latest assessments of entities that are gone; their history ages out. */
  deleteAssessments(entityRefs: string[]): Promise<number>;

  /**
   * Deletes history rows evaluated before the given time, except the newest
   * row of each entity with a latest assessment, which contains its current
   * verdicts. Returns the number deleted.
   */
  pruneHistory(options: { before: Date }): Promise<number>;

  /**
   * Updates the database's statistics of the latest assessments after a
   * full refresh has rewritten them, so the fleet queries get good plans.
   */
  updateStatistics(): Promise<void>;
}

import {
  Assessment,
  Flow,
  ReadFailure,
  Severity,
  Verdict,
  VerdictCounts,
} from './types';
import { CheckMetadata } from './checks/types';

/**
 * The body of `GET /entities/{kind}/{namespace}/{name}/assessment`.
 *
 * @public
 */
export interface EntityAssessmentResponse {
  /** The entity reference, `kind:namespace/name`, lower case. */
  entityRef: string;
  assessment: Assessment;
  /** The source that produced the resources: `snapshot` or `azure`. */
  source: string;
  /**
   * True when the latest refresh could not read the source at all, so this
   * is the last good assessment.
   */
  stale: boolean;
  /** The reason the assessment is stale, when it is. */
  staleReason?: string;
  /**
   * The reads of this assessment's refresh that failed. The checks that
   * needed them are `unknown` with the failure's reason. Reads the product
   * never makes, such as listing Secrets, are not failures.
   */
  failedReads: ReadFailure[];
  /**
   * The last assessment whose reads all succeeded, when this one has failed
   * reads. It is stale: its data predates the latest refresh. Absent when
   * no complete assessment is in the history.
   */
  lastComplete?: LastCompleteAssessment;
}

/**
 * The summary of an entity's last assessment whose reads all succeeded.
 *
 * @public
 */
export interface LastCompleteAssessment {
  /** ISO 8601 time of the evaluation. */
  evaluatedAt: string;
  verdict: Verdict;
  flows: Record<Flow, Verdict>;
  counts: VerdictCounts;
  /** Always true: a newer refresh exists, whose reads failed in part. */
  stale: true;
}

/**
 * One entry of the fleet summary.
 *
 * @public
 */
export interface FleetEntry {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  clusterId?: string;
  verdict: Verdict;
  flows: Record<Flow, Verdict>;
  /** Failing checks by severity. */
  failingBySeverity: Partial<Record<Severity, number>>;
  evaluatedAt: string;
  stale: boolean;
  /** The number of reads that failed in the refresh of this assessment. */
  failedReads: number;
}

/** The body of `GET /checks`. @public */
export interface CheckCatalogResponse {
  checks: CheckMetadata[];
}

/**
 * The body of `POST /entities/{kind}/{namespace}/{name}/refresh`: the
 * assessment after the refresh. When the source could not be read at all,
 * it is the last good assessment, marked stale. When some reads failed, it
 * names them and summarises the last complete assessment.
 *
 * @public
 */
export interface EntityRefreshResponse extends EntityAssessmentResponse {
  /** ISO 8601 time the refresh ran. */
  refreshedAt: string;
}

/**
 * A check whose verdict changed between two assessments.
 *
 * @public
 */
export interface CheckChange {
  checkId: string;
  /** The check's title, when the check is still in the catalog. */
  title?: string;
  /** The earlier verdict, absent when the check was not run before. */
  from?: Verdict;
  /** The later verdict, absent when the check is no longer run. */
  to?: Verdict;
}

/**
 * The differences between an assessment and the one before it.
 *
 * @public
 */
export interface AssessmentChanges {
  /** The overall verdict before, when it differs. */
  previousVerdict?: Verdict;
  /** The flows whose verdict differs, with the verdict before. */
  flows: Partial<Record<Flow, Verdict>>;
  checks: CheckChange[];
}

/**
 * One assessment of an entity's history.
 *
 * @public
 */
export interface AssessmentHistoryEntry {
  /** ISO 8601 time of the evaluation. */
  evaluatedAt: string;
  verdict: Verdict;
  flows: Record<Flow, Verdict>;
  counts: VerdictCounts;
  source: string;
  /**
   * The differences from the previous assessment, absent for the oldest
   * assessment still kept.
   */
  changes?: AssessmentChanges;
}

/**
 * The body of `GET /entities/{kind}/{namespace}/{name}/history`, newest first.
 *
 * @public
 */
export interface EntityHistoryResponse {
  entityRef: string;
  items: AssessmentHistoryEntry[];
  /** The number of assessments kept for the entity. */
  total: number;
  limit: number;
  offset: number;
}

/**
 * The fields the fleet summary can be sorted by.
 *
 * @public
 */
export const FLEET_SORT_FIELDS = [
  'entityRef',
  'title',
  'owner',
  'system',
  'cluster',
  'verdict',
  'evaluatedAt',
] as const;

/** @public */
export type FleetSortField = (typeof FLEET_SORT_FIELDS)[number];

/**
 * The body of `GET /fleet`: one page of entries, and counts over every
 * entry that matches the filters.
 *
 * @public
 */
export interface FleetResponse {
  items: FleetEntry[];
  /** The number of entries that match the filters. */
  total: number;
  limit: number;
  offset: number;
  /** Overall verdicts of the matching entries. */
  verdictCounts: VerdictCounts;
  /** Verdicts of each flow of the matching entries. */
  flowCounts: Record<Flow, VerdictCounts>;
}

/**
 * One day of the fleet trend. Each matching entity counts with its latest
 * assessment as of the end of that day (UTC).
 *
 * @public
 */
export interface FleetTrendPoint {
  /** The day, as an ISO 8601 date such as `2026-03-02`. */
  date: string;
  /** The failing checks of each entity's latest assessment as of that day, summed. */
  failingChecks: number;
  /** Entities with at least one failing check. */
  failingEntities: number;
  /** Entities with an assessment. */
  entities: number;
}

/**
 * The body of `GET /fleet/trend`, oldest day first. Days before the first
 * kept assessment of any matching entity have no point.
 *
 * @public
 */
export interface FleetTrendResponse {
  points: FleetTrendPoint[];
}

/** The body of `GET /health`. @public */
export interface HealthResponse {
  status: 'ok';
}

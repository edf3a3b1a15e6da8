import { Assessment, Flow, Severity, Verdict } from './types';
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
  /** True when the latest refresh failed and this is the last good assessment. */
  stale: boolean;
  /** Why the assessment is stale, when it is. */
  staleReason?: string;
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
}

/** The body of `GET /checks`. @public */
export interface CheckCatalogResponse {
  checks: CheckMetadata[];
}

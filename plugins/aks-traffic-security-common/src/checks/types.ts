import { CheckLevel, Evidence, Flow, Severity, Verdict } from '../types';
import { EvaluationContext } from '../evaluator/EvaluationContext';

/**
 * The verdict a check function returns, before the evaluator adds the
 * check's metadata and applies organisation policy.
 *
 * @public
 */
export interface CheckOutcome {
  verdict: Verdict;
  message: string;
  /** A machine-readable reason code, such as `missing-resource` or `implicit-default`. */
  reason?: string;
  evidence: Evidence[];
}

/**
 * The metadata of one check, as the check catalog lists it.
 *
 * @public
 */
export interface CheckMetadata {
  /** Stable id, `<flow>.<resource>.<rule>`, for example `ingress.appgw.min-tls-version`. */
  id: string;
  flow: Flow;
  severity: Severity;
  level: CheckLevel;
  title: string;
  /** Why the check matters, in one or two sentences. */
  why: string;
  remediation: string;
  documentationUrl: string;
}

/**
 * One check: its metadata and a pure function from the resources to a verdict.
 *
 * @public
 */
export interface CheckDefinition extends CheckMetadata {
  evaluate(context: EvaluationContext): CheckOutcome;
}

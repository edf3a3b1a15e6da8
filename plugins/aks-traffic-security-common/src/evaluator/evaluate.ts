import {
  Assessment,
  CheckResult,
  Flow,
  FlowStatus,
  OrganisationPolicy,
  ResourceSet,
} from '../types';
import { CheckDefinition, CheckOutcome } from '../checks/types';
import { unknown } from '../checks/outcomes';
import { ALL_CHECKS } from '../checks/catalog';
import { EvaluationContext } from './EvaluationContext';
import { countVerdicts, worstVerdict } from './verdicts';

/**
 * The four flows in the order they are displayed.
 *
 * @public
 */
export const FLOWS: readonly Flow[] = [
  'ingress',
  'egress',
  'pod-to-pod',
  'management',
];

/**
 * Display names of the four flows, shared by the UI and the command line.
 *
 * @public
 */
export const FLOW_LABELS: Record<Flow, string> = {
  ingress: 'Ingress',
  egress: 'Egress',
  'pod-to-pod': 'Pod-to-pod',
  management: 'Management',
};

/** @public */
export interface EvaluateOptions {
  policy?: OrganisationPolicy;
  /** The checks to run; the whole catalog when omitted. */
  checks?: readonly CheckDefinition[];
  /** The evaluation time; now when omitted. */
  now?: Date;
}

/**
 * Runs every enabled check over a resource set and summarises the verdicts
 * per flow. A check that throws is reported as `unknown` with reason
 * `evaluation-error`, so one bad input never hides the other verdicts.
 *
 * @public
 */
export function evaluate(
  resourceSet: ResourceSet,
  options: EvaluateOptions = {},
): Assessment {
  const context = new EvaluationContext(resourceSet, options.policy);
  const checks = (options.checks ?? ALL_CHECKS).filter(
    check => !context.policy.disabledChecks.has(check.id),
  );

  const results = checks.map(check => runCheck(check, context));
  return summarizeAssessment(
    results,
    (options.now ?? new Date()).toISOString(),
  );
}

/**
 * Builds an assessment from check results: the worst verdict and the verdict
 * counts overall and per flow.
 *
 * @public
 */
export function summarizeAssessment(
  results: CheckResult[],
  evaluatedAt: string,
): Assessment {
  const flows: FlowStatus[] = FLOWS.map(flow => {
    const verdicts = results
      .filter(result => result.flow === flow)
      .map(result => result.verdict);
    return { flow, verdict: worstVerdict(verdicts), counts: countVerdicts(verdicts) };
  });

  return {
    evaluatedAt,
    verdict: worstVerdict(results.map(result => result.verdict)),
    flows,
    checks: results,
    counts: countVerdicts(results.map(result => result.verdict)),
  };
}

function runCheck(check: CheckDefinition, context: EvaluationContext): CheckResult {
  let outcome: CheckOutcome;
  try {
    outcome = check.evaluate(context);
  } catch (error) {
    outcome = unknown(
      'evaluation-error',
      `The check could not evaluate the data it was given: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }

  // An advisory check only advises: the worst it reports is a warning.
  const verdict =
    check.level === 'advisory' && outcome.verdict === 'fail' ? 'warn' : outcome.verdict;

  return {
    checkId: check.id,
    flow: check.flow,
    severity: context.policy.severityOverrides[check.id] ?? check.severity,
    level: check.level,
    title: check.title,
    verdict,
    reason: outcome.reason,
    message: outcome.message,
    evidence: outcome.evidence,
    remediation: check.remediation,
    documentationUrl: check.documentationUrl,
  };
}

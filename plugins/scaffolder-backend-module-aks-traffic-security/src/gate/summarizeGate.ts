import {
  FLOWS,
  Flow,
  Verdict,
  VerdictCounts,
  countVerdicts,
  RepositoryCheckResult,
  worstVerdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The verdicts that fail the gate, chosen by the action's `failOn` input. */
export type FailOn = 'fail' | 'unknown';

/** The rules, from the verify action's inputs, that decide which results fail the gate. */
export interface GateRules {
  failOn: FailOn;
  /**
   * Ids of checks that must pass or be not applicable: a `warn` or `unknown`
   * on one of them fails the gate too, also an `unknown` left to the live
   * resources. Advisory checks never return `fail`, so this is how a
   * template makes one of them mandatory.
   */
  requirePass: ReadonlySet<string>;
}

/** The gate's outcome, as the verify action outputs it. */
export interface GateSummary {
  /** True when no judged check fails the gate. */
  passed: boolean;
  failOn: FailOn;
  /** The worst verdict over every check. */
  verdict: Verdict;
  /** Checks per verdict, over every check. */
  counts: VerdictCounts;
  /** Checks left `unknown` because only the live resources can decide them. */
  needsLiveData: number;
  /** Worst verdict and counts per flow. */
  flows: Record<Flow, { verdict: Verdict; counts: VerdictCounts }>;
  /** Ids of the judged checks that fail the gate. */
  blocking: string[];
}

/** Returns whether a result fails the gate under the given rules. */
export function isBlocking(
  result: RepositoryCheckResult,
  rules: GateRules,
): boolean {
  // A required check blocks even when only the live resources could decide
  // it, because the template's files are then missing a setting it demands.
  if (rules.requirePass.has(result.checkId)) {
    return result.verdict !== 'pass' && result.verdict !== 'not-applicable';
  }
  if (!result.judged) {
    return false;
  }
  if (result.verdict === 'fail') {
    return true;
  }
  return rules.failOn === 'unknown' && result.verdict === 'unknown';
}

/** Counts the gate's results per verdict and per flow. */
export function summarizeGate(
  results: RepositoryCheckResult[],
  rules: GateRules,
): GateSummary {
  const verdicts = results.map(result => result.verdict);
  const blocking = results.filter(result => isBlocking(result, rules));

  const flows = Object.fromEntries(
    FLOWS.map(flow => {
      const flowVerdicts = results
        .filter(result => result.flow === flow)
        .map(result => result.verdict);
      return [
        flow,
        {
          verdict: worstVerdict(flowVerdicts),
          counts: countVerdicts(flowVerdicts),
        },
      ];
    }),
  ) as GateSummary['flows'];

  return {
    passed: blocking.length === 0,
    failOn: rules.failOn,
    verdict: worstVerdict(verdicts),
    counts: countVerdicts(verdicts),
    needsLiveData: results.filter(result => !result.judged).length,
    flows,
    blocking: blocking.map(result => result.checkId),
  };
}

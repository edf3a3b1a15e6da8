import {
  FLOWS,
  Flow,
  Verdict,
  VerdictCounts,
  countVerdicts,
  worstVerdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { GateCheckResult } from './judgeRepositoryChecks';

/** The verdicts that fail the gate, chosen by the action's `failOn` input. */
export type FailOn = 'fail' | 'unknown';

/** The gate's outcome, as the verify action outputs it. */
export interface GateSummary {
  /** True when no judged check has a verdict that fails the gate. */
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

/** Tells whether a result fails the gate under the given setting. */
export function isBlocking(result: GateCheckResult, failOn: FailOn): boolean {
  if (!result.judged) {
    return false;
  }
  return (
    result.verdict === 'fail' ||
    (failOn === 'unknown' && result.verdict === 'unknown')
  );
}

/** Counts the gate's results per verdict and per flow. */
export function summarizeGate(
  results: GateCheckResult[],
  failOn: FailOn,
): GateSummary {
  const verdicts = results.map(result => result.verdict);
  const blocking = results.filter(result => isBlocking(result, failOn));

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
    failOn,
    verdict: worstVerdict(verdicts),
    counts: countVerdicts(verdicts),
    needsLiveData: results.filter(result => !result.judged).length,
    flows,
    blocking: blocking.map(result => result.checkId),
  };
}

import {
  Assessment,
  CheckResult,
  countVerdicts,
  FLOWS,
  Flow,
  Severity,
  Verdict,
  worstVerdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The parts of a check result that the store and the API look at. */
export interface TestCheck {
  checkId: string;
  flow: Flow;
  verdict: Verdict;
  severity?: Severity;
}

/**
 * Builds an assessment from check verdicts, summarised per flow the way the
 * evaluator does it, for tests that need exact verdicts.
 */
export function buildAssessment(
  checks: TestCheck[],
  evaluatedAt: string = '2026-12-01T10:00:00.000Z',
): Assessment {
  const results: CheckResult[] = checks.map(check => ({
    checkId: check.checkId,
    flow: check.flow,
    severity: check.severity ?? 'high',
    level: 'baseline',
    title: `Title of ${check.checkId}`,
    verdict: check.verdict,
    message: `${check.checkId} is ${check.verdict}`,
    evidence: [],
    remediation: 'Fix it.',
    documentationUrl: 'https://learn.microsoft.com/azure/aks/',
  }));

  return {
    evaluatedAt,
    verdict: worstVerdict(results.map(result => result.verdict)),
    flows: FLOWS.map(flow => {
      const verdicts = results
        .filter(result => result.flow === flow)
        .map(result => result.verdict);
      return {
        flow,
        verdict: worstVerdict(verdicts),
        counts: countVerdicts(verdicts),
      };
    }),
    checks: results,
    counts: countVerdicts(results.map(result => result.verdict)),
  };
}

import {
  Assessment,
  CheckResult,
  FLOW_LABELS,
  FLOWS,
  Flow,
  Verdict,
  VerdictCounts,
  countVerdicts,
  worstVerdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

export { FLOW_LABELS };

/** One-line descriptions of the traffic each flow covers. */
export const FLOW_DESCRIPTIONS: Record<Flow, string> = {
  ingress: 'Clients to the workload, through the Application Gateway',
  egress: 'Pods and nodes to external services',
  'pod-to-pod': 'Between pods, including from the ingress controller',
  management: 'Clients to the Kubernetes API server',
};

/** The displayed status of one flow. */
export interface FlowSummary {
  flow: Flow;
  verdict: Verdict;
  counts: VerdictCounts;
  checks: CheckResult[];
}

/**
 * Summarises each flow from its checks, in display order. The displayed
 * verdict is the worst of the server's flow verdict and the verdicts of the
 * flow's checks, so an `unknown` check always keeps its flow from showing as
 * secure. A flow without checks is `unknown` whatever the server reports,
 * because nothing shows that it was evaluated, and so is a flow the server
 * did not report at all.
 */
export function summariseFlows(assessment: Assessment): FlowSummary[] {
  return FLOWS.map(flow => {
    const checks = assessment.checks.filter(check => check.flow === flow);
    const reported = assessment.flows.find(status => status.flow === flow);

    if (checks.length === 0) {
      const verdict = worstVerdict(['unknown', reported?.verdict ?? 'unknown']);
      const counts = reported?.counts ?? countVerdicts([]);
      return { flow, verdict, counts, checks };
    }

    const verdicts = checks.map(check => check.verdict);
    const verdict = worstVerdict(
      reported ? [reported.verdict, ...verdicts] : verdicts,
    );
    return { flow, verdict, counts: countVerdicts(verdicts), checks };
  });
}

/** Returns the overall verdict, which is never better than any flow or check. */
export function overallVerdict(assessment: Assessment): Verdict {
  return worstVerdict([
    assessment.verdict,
    ...summariseFlows(assessment).map(summary => summary.verdict),
  ]);
}

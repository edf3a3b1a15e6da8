import {
  CheckResult,
  EntityAssessmentResponse,
  FLOWS,
  countVerdicts,
  worstVerdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shipping/providers/Microsoft.ContainerService/managedClusters/aks-shipping';
const GATEWAY_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shipping/providers/Microsoft.Network/applicationGateways/agw-shipping';
const ROUTE_TABLE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shipping/providers/Microsoft.Network/routeTables/rt-aks-nodes';

/** Two passing checks per flow, as the evaluator reports them for a compliant service. */
export function passingChecks(): CheckResult[] {
  return [
    {
      checkId: 'ingress.appgw.min-tls-version',
      flow: 'ingress',
      severity: 'high',
      level: 'required',
      title: 'The Application Gateway accepts TLS 1.2 or later only.',
      verdict: 'pass',
      message:
        'The TLS policy AppGwSslPolicy20220101S sets TLS 1.2 as minimum.',
      evidence: [
        {
          resource: GATEWAY_ID,
          path: 'properties.sslPolicy.policyName',
          observed: 'AppGwSslPolicy20220101S',
          expected: 'a policy with minimum TLSv1_2',
        },
      ],
      remediation:
        'Set `sslPolicy` to the predefined policy `AppGwSslPolicy20220101S`.',
      documentationUrl:
        'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
    },
    {
      checkId: 'ingress.waf.prevention-mode',
      flow: 'ingress',
      severity: 'high',
      level: 'required',
      title: 'The WAF policy runs in Prevention mode.',
      verdict: 'pass',
      message: 'The WAF policy blocks matching requests.',
      evidence: [
        {
          resource: `${GATEWAY_ID}/firewallPolicy`,
          path: 'properties.policySettings.mode',
          observed: 'Prevention',
          expected: 'Prevention',
        },
      ],
      remediation:
        'Set `policySettings.mode` of the WAF policy to `Prevention`.',
      documentationUrl:
        'https://learn.microsoft.com/azure/web-application-firewall/ag/policy-overview',
    },
    {
      checkId: 'egress.aks.outbound-type',
      flow: 'egress',
      severity: 'high',
      level: 'baseline',
      title: 'Outbound traffic leaves through user-defined routing.',
      verdict: 'pass',
      message: 'The cluster sends outbound traffic by user-defined routing.',
      evidence: [
        {
          resource: CLUSTER_ID,
          path: 'properties.networkProfile.outboundType',
          observed: 'userDefinedRouting',
          expected: 'userDefinedRouting',
        },
      ],
      remediation:
        'Create the cluster with `outboundType: userDefinedRouting`.',
      documentationUrl:
        'https://learn.microsoft.com/azure/aks/egress-outboundtype',
    },
    {
      checkId: 'egress.routetable.default-route-to-firewall',
      flow: 'egress',
      severity: 'high',
      level: 'baseline',
      title: 'The default route points at the firewall.',
      verdict: 'pass',
      message: 'The route 0.0.0.0/0 goes to the virtual appliance 10.0.1.4.',
      evidence: [
        {
          resource: ROUTE_TABLE_ID,
          path: 'properties.routes[0].properties.nextHopType',
          observed: 'VirtualAppliance',
          expected: 'VirtualAppliance',
        },
      ],
      remediation:
        'Add a route `0.0.0.0/0` with next hop type `VirtualAppliance` to the firewall.',
      documentationUrl:
        'https://learn.microsoft.com/azure/aks/limit-egress-traffic',
    },
    {
      checkId: 'pod.aks.network-policy-engine',
      flow: 'pod-to-pod',
      severity: 'high',
      level: 'baseline',
      title: 'A network policy engine is enabled.',
      verdict: 'pass',
      message: 'The cluster enforces network policies with Azure.',
      evidence: [
        {
          resource: CLUSTER_ID,
          path: 'properties.networkProfile.networkPolicy',
          observed: 'azure',
          expected: ['azure', 'calico', 'cilium'],
        },
      ],
      remediation:
        'Enable a network policy engine with `networkProfile.networkPolicy`.',
      documentationUrl:
        'https://learn.microsoft.com/azure/aks/use-network-policies',
    },
    {
      checkId: 'pod.k8s.default-deny',
      flow: 'pod-to-pod',
      severity: 'medium',
      level: 'advisory',
      title: 'The namespace denies traffic by default.',
      verdict: 'pass',
      message:
        'The NetworkPolicy default-deny selects every pod of the namespace.',
      evidence: [
        {
          resource: 'shipping/NetworkPolicy/default-deny',
          path: 'spec.podSelector',
          observed: {},
          expected: {},
        },
      ],
      remediation:
        'Add a NetworkPolicy with an empty pod selector and no rules.',
      documentationUrl:
        'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    },
    {
      checkId: 'mgmt.aks.api-server-exposure',
      flow: 'management',
      severity: 'critical',
      level: 'baseline',
      title: 'The API server is private or limited to authorized IP ranges.',
      verdict: 'pass',
      message: 'The API server is private.',
      evidence: [
        {
          resource: CLUSTER_ID,
          path: 'properties.apiServerAccessProfile.enablePrivateCluster',
          observed: true,
          expected: true,
        },
      ],
      remediation:
        'Make the cluster private (`apiServerAccessProfile.enablePrivateCluster: true`) or set `apiServerAccessProfile.authorizedIPRanges` to the admin networks.',
      documentationUrl:
        'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
    },
    {
      checkId: 'mgmt.aks.local-accounts-disabled',
      flow: 'management',
      severity: 'high',
      level: 'baseline',
      title: 'Local accounts are disabled.',
      verdict: 'pass',
      message: 'Local accounts are disabled.',
      evidence: [
        {
          resource: CLUSTER_ID,
          path: 'properties.disableLocalAccounts',
          observed: true,
          expected: true,
        },
      ],
      remediation: 'Set `disableLocalAccounts: true` on the cluster.',
      documentationUrl:
        'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad',
    },
  ];
}

/** Replaces the check with the given id by a changed copy. */
export function withCheck(
  checks: CheckResult[],
  checkId: string,
  change: Partial<CheckResult>,
): CheckResult[] {
  return checks.map(check =>
    check.checkId === checkId ? { ...check, ...change } : check,
  );
}

/**
 * Wraps checks in the body of the assessment endpoint, with the flow and
 * overall summaries computed the way the evaluator computes them.
 */
export function assessmentResponse(
  checks: CheckResult[],
  options: Partial<
    Pick<
      EntityAssessmentResponse,
      'stale' | 'staleReason' | 'failedReads' | 'lastComplete'
    >
  > = {},
): EntityAssessmentResponse {
  const flows = FLOWS.map(flow => {
    const verdicts = checks
      .filter(check => check.flow === flow)
      .map(check => check.verdict);
    return {
      flow,
      verdict: worstVerdict(verdicts),
      counts: countVerdicts(verdicts),
    };
  });
  const verdicts = checks.map(check => check.verdict);

  return {
    entityRef: 'component:default/shipping-api',
    source: 'snapshot',
    stale: options.stale ?? false,
    staleReason: options.staleReason,
    failedReads: options.failedReads ?? [],
    lastComplete: options.lastComplete,
    assessment: {
      evaluatedAt: '2026-03-02T08:30:00.000Z',
      verdict: worstVerdict(verdicts),
      flows,
      checks,
      counts: countVerdicts(verdicts),
    },
  };
}

/**
 * Builds an assessment body whose flows and overall verdict claim `pass`
 * although no check was evaluated, as a faulty or outdated server may send.
 */
export function passWithoutChecksResponse(): EntityAssessmentResponse {
  const response = assessmentResponse([]);
  response.assessment.verdict = 'pass';
  response.assessment.flows = response.assessment.flows.map(status => ({
    ...status,
    verdict: 'pass',
  }));
  return response;
}

import {
  ArmResource,
  CheckResult,
  Flow,
  JsonObject,
  ResourceSet,
  Verdict,
} from '../types';
import { summarizeAssessment } from './evaluate';
import {
  judgeRepositoryAssessment,
  judgeRepositoryChecks,
  NEEDS_LIVE_DATA,
} from './judgeRepositoryChecks';

const GROUP =
  '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008';
const GATEWAY_ID = `${GROUP}/providers/Microsoft.Network/applicationGateways/apw-aks`;
const EVALUATED_AT = '2026-12-01T10:00:00.000Z';

const FLOW_OF_PREFIX: Record<string, Flow> = {
  ingress: 'ingress',
  egress: 'egress',
  pod: 'pod-to-pod',
  mgmt: 'management',
};

function result(checkId: string, verdict: Verdict): CheckResult {
  const flow = FLOW_OF_PREFIX[checkId.split('.')[0]];
  return {
    checkId,
    flow,
    severity: 'high',
    level: 'baseline',
    title: `Title of ${checkId}`,
    verdict,
    message: `${checkId} is ${verdict}.`,
    evidence: [],
    remediation: 'Fix it.',
    documentationUrl: 'https://learn.microsoft.com/azure/application-gateway/',
  };
}

function armResource(id: string, type: string, body: JsonObject): ArmResource {
  return {
    kind: 'arm',
    id,
    type,
    name: id.split('/').pop()!,
    body: { id, type, ...body },
    origin: { source: 'file', location: 'infra/resource.json' },
  };
}

/** The service's part of a shared gateway: one HTTPS listener with its SSL profile. */
function serviceGateway(extra: JsonObject = {}): ArmResource {
  return armResource(GATEWAY_ID, 'Microsoft.Network/applicationGateways', {
    properties: {
      httpListeners: [
        {
          name: 'orders-https-listener',
          properties: {
            protocol: 'Https',
            sslProfile: { id: `${GATEWAY_ID}/sslProfiles/orders-tls-profile` },
            firewallPolicy: {
              id: `${GROUP}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-orders`,
            },
          },
        },
      ],
      sslProfiles: [
        {
          name: 'orders-tls-profile',
          properties: {
            sslPolicy: {
              policyType: 'CustomV2',
              minProtocolVersion: 'TLSv1_2',
            },
          },
        },
      ],
    },
    ...extra,
  });
}

function resourceSet(
  resources: ArmResource[],
  gatewayId: string | undefined = GATEWAY_ID,
): ResourceSet {
  return {
    scope: { gatewayId, namespace: 'orders' },
    resources,
    failures: [],
    kubernetesNamespaceRead: true,
  };
}

function judge(results: CheckResult[], set: ResourceSet) {
  const judged = judgeRepositoryChecks(
    summarizeAssessment(results, EVALUATED_AT),
    set,
  );
  return Object.fromEntries(judged.map(item => [item.checkId, item]));
}

describe('judgeRepositoryChecks', () => {
  it('leaves undeclared gateway-wide settings to the live gateway', () => {
    const judged = judge(
      [
        result('ingress.appgw.sku-waf-v2', 'unknown'),
        result('ingress.appgw.user-assigned-identity', 'fail'),
      ],
      resourceSet([serviceGateway()]),
    );

    for (const checkId of [
      'ingress.appgw.sku-waf-v2',
      'ingress.appgw.user-assigned-identity',
    ]) {
      expect(judged[checkId].judged).toBe(false);
      expect(judged[checkId].verdict).toBe('unknown');
      expect(judged[checkId].reason).toBe(NEEDS_LIVE_DATA);
      expect(judged[checkId].message).toBe(
        "The repository declares only the service's part of the Application Gateway, not the gateway-wide settings this check reads, so the live gateway apw-aks decides it.",
      );
    }
  });

  it('judges gateway-wide settings the gateway declares', () => {
    const gateway = serviceGateway({
      identity: { type: 'UserAssigned' },
    });
    (gateway.body.properties as JsonObject).sku = {
      name: 'Standard_v2',
      tier: 'Standard_v2',
    };

    const judged = judge(
      [
        result('ingress.appgw.sku-waf-v2', 'fail'),
        result('ingress.appgw.user-assigned-identity', 'pass'),
        result('ingress.appgw.min-tls-version', 'pass'),
        result('ingress.appgw.waf-attached', 'pass'),
      ],
      resourceSet([gateway]),
    );

    expect(judged['ingress.appgw.sku-waf-v2']).toMatchObject({
      judged: true,
      verdict: 'fail',
      message: 'ingress.appgw.sku-waf-v2 is fail.',
    });
    expect(judged['ingress.appgw.user-assigned-identity'].judged).toBe(true);
    expect(judged['ingress.appgw.min-tls-version'].judged).toBe(true);
    expect(judged['ingress.appgw.waf-attached'].judged).toBe(true);
  });

  it('leaves the TLS policy to the live gateway without a profile', () => {
    const gateway = serviceGateway();
    const listener = (gateway.body.properties as any).httpListeners[0];
    delete listener.properties.sslProfile;

    const judged = judge(
      [result('ingress.appgw.min-tls-version', 'fail')],
      resourceSet([gateway]),
    );

    expect(judged['ingress.appgw.min-tls-version'].judged).toBe(false);
    expect(judged['ingress.appgw.min-tls-version'].reason).toBe(
      NEEDS_LIVE_DATA,
    );
  });

  it('finds the gateway by an id in another case', () => {
    const judged = judge(
      [result('ingress.appgw.sku-waf-v2', 'unknown')],
      resourceSet([serviceGateway()], GATEWAY_ID.toLowerCase()),
    );

    expect(judged['ingress.appgw.sku-waf-v2'].judged).toBe(false);
  });

  it('judges gateway checks when no gateway matches the scope', () => {
    const judged = judge(
      [result('ingress.appgw.sku-waf-v2', 'unknown')],
      resourceSet(
        [serviceGateway()],
        `${GROUP}/providers/Microsoft.Network/applicationGateways/other`,
      ),
    );

    expect(judged['ingress.appgw.sku-waf-v2'].judged).toBe(true);
    expect(judged['ingress.appgw.sku-waf-v2'].reason).toBeUndefined();
  });

  it('leaves checks of absent resources to live data', () => {
    const judged = judge(
      [
        result('mgmt.aks.rbac-enabled', 'unknown'),
        result('ingress.keyvault.rbac-authorization', 'unknown'),
      ],
      resourceSet([serviceGateway()]),
    );

    expect(judged['mgmt.aks.rbac-enabled']).toMatchObject({
      judged: false,
      verdict: 'unknown',
      reason: NEEDS_LIVE_DATA,
      message:
        'The repository contains no Microsoft.ContainerService/managedClusters resource, so only the live resource can decide this check.',
    });
    expect(judged['ingress.keyvault.rbac-authorization']).toMatchObject({
      judged: false,
      message:
        'The repository contains no Microsoft.KeyVault/vaults resource, so only the live resource can decide this check.',
    });
  });

  it('judges checks of resources the repository adds', () => {
    const cluster = armResource(
      `${GROUP}/providers/Microsoft.ContainerService/managedClusters/aks`,
      'microsoft.containerservice/managedclusters',
      { properties: {} },
    );

    const judged = judge(
      [result('mgmt.aks.rbac-enabled', 'fail')],
      resourceSet([serviceGateway(), cluster]),
    );

    expect(judged['mgmt.aks.rbac-enabled'].judged).toBe(true);
    expect(judged['mgmt.aks.rbac-enabled'].verdict).toBe('fail');
  });

  it('leaves undecided controller checks to the live cluster', () => {
    const judged = judge(
      [
        result('ingress.k8s.controller-internal-lb', 'unknown'),
        result('pod.k8s.controller-ingress-from-appgw', 'pass'),
      ],
      resourceSet([serviceGateway()]),
    );

    expect(judged['ingress.k8s.controller-internal-lb']).toMatchObject({
      judged: false,
      verdict: 'unknown',
      reason: NEEDS_LIVE_DATA,
      message:
        "ingress.k8s.controller-internal-lb is unknown. The ingress controller runs outside the service's namespace, so the live cluster decides this check.",
    });
    expect(judged['pod.k8s.controller-ingress-from-appgw'].judged).toBe(true);
  });

  it('judges Kubernetes checks of the service as evaluated', () => {
    const judged = judge(
      [
        result('ingress.k8s.ingress-https-only', 'fail'),
        result('pod.k8s.default-deny', 'unknown'),
      ],
      resourceSet([serviceGateway()]),
    );

    expect(judged['ingress.k8s.ingress-https-only']).toMatchObject({
      judged: true,
      verdict: 'fail',
    });
    expect(judged['pod.k8s.default-deny']).toMatchObject({
      judged: true,
      verdict: 'unknown',
    });
    expect(judged['pod.k8s.default-deny'].reason).toBeUndefined();
  });
});

describe('judgeRepositoryAssessment', () => {
  it('summarises the verdicts again', () => {
    const assessment = summarizeAssessment(
      [
        result('ingress.appgw.user-assigned-identity', 'fail'),
        result('ingress.appgw.strict-sni', 'pass'),
        result('mgmt.aks.rbac-enabled', 'fail'),
      ],
      EVALUATED_AT,
    );

    const judged = judgeRepositoryAssessment(
      assessment,
      resourceSet([serviceGateway()]),
    );

    expect(assessment.verdict).toBe('fail');
    expect(judged.evaluatedAt).toBe(EVALUATED_AT);
    expect(judged.verdict).toBe('unknown');
    expect(judged.counts).toEqual({
      pass: 1,
      warn: 0,
      fail: 0,
      'not-applicable': 0,
      unknown: 2,
    });
    expect(judged.flows.find(flow => flow.flow === 'ingress')).toEqual({
      flow: 'ingress',
      verdict: 'unknown',
      counts: { pass: 1, warn: 0, fail: 0, 'not-applicable': 0, unknown: 1 },
    });
    expect(judged.checks.map(check => check.reason)).toEqual([
      NEEDS_LIVE_DATA,
      undefined,
      NEEDS_LIVE_DATA,
    ]);
    expect(judged.checks[0]).not.toHaveProperty('judged');
  });

  it('keeps a failure the repository can decide', () => {
    const judged = judgeRepositoryAssessment(
      summarizeAssessment(
        [result('ingress.appgw.strict-sni', 'fail')],
        EVALUATED_AT,
      ),
      resourceSet([serviceGateway()]),
    );

    expect(judged.verdict).toBe('fail');
    expect(judged.counts.fail).toBe(1);
  });
});

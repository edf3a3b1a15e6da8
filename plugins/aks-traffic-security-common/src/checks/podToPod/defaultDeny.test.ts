import { fixture, kubernetes } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import { defaultDeny } from './defaultDeny';

function resultFor(yaml: string) {
  return runCheck(defaultDeny, {
    resources: kubernetes(yaml),
    scope: { namespace: 'a0008' },
  });
}

describe('pod.k8s.default-deny', () => {
  it('passes a deny-all policy without policyTypes, which default to Ingress', () => {
    const result = resultFor(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: a0008
spec:
  podSelector: {}
`);

    expect(result.verdict).toBe('pass');
  });

  it('passes an explicit Ingress and Egress deny-all', () => {
    const result = resultFor(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
  namespace: a0008
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: []
`);

    expect(result.verdict).toBe('pass');
  });

  it('warns when the empty-selector policy only covers egress', () => {
    const result = resultFor(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress
  namespace: a0008
spec:
  podSelector: {}
  policyTypes: [Egress]
`);

    expect(result.verdict).toBe('warn');
  });

  it('warns when the empty-selector policy allows ingress', () => {
    const result = resultFor(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-same-namespace
  namespace: a0008
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector: {}
`);

    expect(result.verdict).toBe('warn');
    expect(result.evidence[0].elements).toEqual(['allow-same-namespace']);
  });

  it('warns when the namespace has no policy', () => {
    const result = runCheck(defaultDeny, {
      resources: [],
      kubernetesNamespaceRead: true,
      scope: { namespace: 'a0008' },
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('no-default-deny');
  });

  it('is unknown when the namespace was not read', () => {
    const result = runCheck(defaultDeny, { scope: { namespace: 'a0008' } });

    expect(result.verdict).toBe('unknown');
  });

  it('is unknown when listing NetworkPolicies failed', () => {
    const result = runCheck(defaultDeny, {
      kubernetesNamespaceRead: true,
      failures: [
        {
          target: 'kubernetes:NetworkPolicy',
          reason: 'forbidden',
          message: 'list denied',
        },
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });

  it('passes the aks-baseline-regulated deny-all policy', () => {
    const result = runCheck(defaultDeny, {
      resources: fixture('aks-baseline-regulated/networkpolicy-denyall.yaml'),
      scope: { namespace: 'a0005-i' },
    });

    expect(result.verdict).toBe('pass');
  });

  it('warns on aks-baseline, whose namespace has only an allow policy', () => {
    const result = runCheck(defaultDeny, {
      resources: fixture('aks-baseline/ingress-network-policy.yaml'),
      scope: { namespace: 'a0008' },
    });

    expect(result.verdict).toBe('warn');
  });
});

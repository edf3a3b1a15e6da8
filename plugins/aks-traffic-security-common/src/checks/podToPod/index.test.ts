import { evaluate } from '../../evaluator/evaluate';
import { fixture, resourceSet } from '../../__testUtils__/resourceSets';
import { referenceCluster } from '../../__testUtils__/referenceCluster';
import { Resource } from '../../types';
import { podToPodChecks } from './index';

function verdicts(resources: Resource[], scope = {}) {
  const assessment = evaluate(resourceSet({ resources, scope }), {
    checks: podToPodChecks,
  });
  return Object.fromEntries(
    assessment.checks.map(check => [check.checkId, check.verdict]),
  );
}

describe('pod-to-pod checks', () => {
  it('lists the catalog section in order', () => {
    expect(podToPodChecks.map(check => check.id)).toEqual([
      'pod.aks.network-policy-engine',
      'pod.k8s.default-deny',
      'pod.k8s.workload-ingress-from-controller',
      'pod.k8s.controller-ingress-from-appgw',
      'pod.k8s.workload-service-clusterip',
      'pod.k8s.no-host-network',
      'pod.k8s.backend-tls',
    ]);
    expect(podToPodChecks.every(check => check.flow === 'pod-to-pod')).toBe(
      true,
    );
  });

  it('judges the aks-baseline cluster and a0008 manifests', () => {
    const result = verdicts(
      [
        referenceCluster(),
        ...fixture('aks-baseline/01-aspnetapp.yaml'),
        ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
        ...fixture('aks-baseline/traefik.yaml'),
        ...fixture('aks-baseline/ingress-network-policy.yaml'),
      ],
      { namespace: 'a0008', gatewaySubnetPrefix: '10.240.5.0/24' },
    );

    expect(result).toEqual({
      'pod.aks.network-policy-engine': 'pass',
      'pod.k8s.default-deny': 'warn',
      'pod.k8s.workload-ingress-from-controller': 'warn',
      'pod.k8s.controller-ingress-from-appgw': 'warn',
      'pod.k8s.workload-service-clusterip': 'pass',
      'pod.k8s.no-host-network': 'pass',
      'pod.k8s.backend-tls': 'pass',
    });
  });

  it('is unknown on every Kubernetes check when the namespace was not read', () => {
    const result = verdicts(
      fixture('arm-specs-aks-2025-10-01/ManagedClustersGet.json'),
      {
        namespace: 'a0008',
      },
    );

    expect(result).toEqual({
      'pod.aks.network-policy-engine': 'fail',
      'pod.k8s.default-deny': 'unknown',
      'pod.k8s.workload-ingress-from-controller': 'unknown',
      'pod.k8s.controller-ingress-from-appgw': 'unknown',
      'pod.k8s.workload-service-clusterip': 'unknown',
      'pod.k8s.no-host-network': 'unknown',
      'pod.k8s.backend-tls': 'unknown',
    });
  });
});

import { Resource } from '../../types';
import { fixture, kubernetes } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import { aspnetappIngressRoute } from '../../__testUtils__/traefikRoutes';
import { workloadServiceClusterIp } from './workloadServiceClusterIp';

const INGRESS = fixture('aks-baseline/02-aspnetapp-ingress.yaml');

function service(spec: string, annotations = '', name = 'aspnetapp-service') {
  return kubernetes(`
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: a0008
${annotations}
spec:
  selector:
    app.kubernetes.io/name: aspnetapp
  ports:
  - name: http
    port: 80
    targetPort: 8080
${spec}
`);
}

function resultFor(resources: Resource[]) {
  return runCheck(workloadServiceClusterIp, {
    resources,
    scope: { namespace: 'a0008' },
  });
}

describe('pod.k8s.workload-service-clusterip', () => {
  it('passes the aks-baseline ClusterIP Service, whose type is absent', () => {
    const result = resultFor([
      ...INGRESS,
      ...fixture('aks-baseline/01-aspnetapp.yaml'),
    ]);

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].observed).toBeNull();
  });

  it('passes an ExternalName Service as a DNS alias', () => {
    const result = resultFor([
      ...INGRESS,
      ...service('  type: ExternalName\n  externalName: api.partner.example'),
    ]);

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('is ExternalName, a DNS alias');
  });

  it('fails a public LoadBalancer', () => {
    const result = resultFor([...INGRESS, ...service('  type: LoadBalancer')]);

    expect(result.verdict).toBe('fail');
  });

  it('fails a public LoadBalancer behind a GRPCRoute', () => {
    const grpcRoute = kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata:
  name: aspnetapp-grpc
  namespace: a0008
spec:
  parentRefs:
  - name: internal
  hostnames:
  - grpc.aks-ingress.contoso.com
  rules:
  - backendRefs:
    - name: aspnetapp-service
      port: 80
`);

    const result = resultFor([
      ...grpcRoute,
      ...service('  type: LoadBalancer'),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('aspnetapp-service');
  });

  it('fails a public LoadBalancer behind a Traefik IngressRoute', () => {
    const result = resultFor([
      ...aspnetappIngressRoute(),
      ...service('  type: LoadBalancer'),
    ]);

    expect(result.verdict).toBe('fail');
  });

  it('warns on an internal LoadBalancer', () => {
    const result = resultFor([
      ...INGRESS,
      ...service(
        '  type: LoadBalancer',
        '  annotations:\n    service.beta.kubernetes.io/azure-load-balancer-internal: "true"',
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('bypasses-controller');
  });

  it('warns on a NodePort', () => {
    expect(
      resultFor([...INGRESS, ...service('  type: NodePort')]).verdict,
    ).toBe('warn');
  });

  it('warns on a ClusterIP with a private external IP', () => {
    const result = resultFor([
      ...INGRESS,
      ...service('  type: ClusterIP\n  externalIPs:\n  - 10.240.0.50'),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('bypasses-controller');
    expect(result.message).toContain('10.240.0.50');
    expect(result.evidence[1]).toMatchObject({
      path: 'spec.externalIPs',
      observed: ['10.240.0.50'],
    });
  });

  it('fails a ClusterIP with a public external IP', () => {
    const result = resultFor([
      ...INGRESS,
      ...service('  externalIPs:\n  - 10.240.0.50\n  - 20.50.1.10'),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('(20.50.1.10)');
  });

  it('fails a NodePort with a public external IP', () => {
    const result = resultFor([
      ...INGRESS,
      ...service('  type: NodePort\n  externalIPs:\n  - 20.50.1.10'),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.evidence.map(item => item.path)).toEqual([
      'spec.type',
      'spec.externalIPs',
    ]);
  });

  it('is unknown for an external IP that is not an address', () => {
    const result = resultFor([
      ...INGRESS,
      ...service('  externalIPs:\n  - 10.240.0.0/24'),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
  });

  it('passes a ClusterIP with an empty externalIPs list', () => {
    const result = resultFor([...INGRESS, ...service('  externalIPs: []')]);

    expect(result.verdict).toBe('pass');
  });

  it('fails a second Service that exposes the same pods publicly', () => {
    const result = resultFor([
      ...INGRESS,
      ...fixture('aks-baseline/01-aspnetapp.yaml'),
      ...service('  type: LoadBalancer', '', 'aspnetapp-public'),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('aspnetapp-public');
  });

  it('does not judge the controller Service, which selects other pods', () => {
    const result = resultFor([
      ...INGRESS,
      ...fixture('aks-baseline/01-aspnetapp.yaml'),
      ...fixture('aks-baseline/traefik.yaml'),
    ]);

    expect(result.verdict).toBe('pass');
  });

  it('is unknown when the routed Service was not read', () => {
    const result = resultFor(INGRESS);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the namespace was not read', () => {
    expect(
      runCheck(workloadServiceClusterIp, { scope: { namespace: 'a0008' } })
        .verdict,
    ).toBe('unknown');
  });

  it('is not applicable without routes', () => {
    expect(resultFor(fixture('aks-baseline/01-aspnetapp.yaml')).verdict).toBe(
      'not-applicable',
    );
  });
});

import { evaluate } from '../../../evaluator/evaluate';
import { kubernetes, resourceSet } from '../../../__testUtils__/resourceSets';
import { AssessmentScope, Resource } from '../../../types';
import { httpRouteHosts } from './httpRouteHosts';

function resultFor(
  resources: Resource[],
  scope: AssessmentScope = { namespace: 'a0008' },
) {
  return evaluate(
    resourceSet({ resources, scope, kubernetesNamespaceRead: true }),
    {
      checks: [httpRouteHosts],
    },
  ).checks[0];
}

function gateway(namespace = 'a0008', allowedFrom = 'Same') {
  return kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: internal
  namespace: ${namespace}
spec:
  gatewayClassName: traefik
  listeners:
  - name: https
    protocol: HTTPS
    port: 443
    hostname: '*.aks-ingress.contoso.com'
    allowedRoutes:
      namespaces:
        from: ${allowedFrom}
    tls:
      certificateRefs:
      - name: ingress-tls-csi
  - name: http
    protocol: HTTP
    port: 80
    allowedRoutes:
      namespaces:
        from: ${allowedFrom}
`);
}

function route(
  parentRef: string,
  hostnames: string,
  rules = '  - backendRefs:\n    - name: app\n      port: 8080',
  kind = 'HTTPRoute',
) {
  return kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata:
  name: app
  namespace: a0008
spec:
  parentRefs:
${parentRef}
${hostnames}
  rules:
${rules}
`);
}

const HTTPS_PARENT = '  - name: internal\n    sectionName: https';
const INTERNAL_HOSTS = '  hostnames:\n  - app.aks-ingress.contoso.com';

describe('ingress.k8s.httproute-hosts', () => {
  it('passes an internal host on an HTTPS listener', () => {
    const result = resultFor([
      ...gateway(),
      ...route(HTTPS_PARENT, INTERNAL_HOSTS),
    ]);
    expect(result.verdict).toBe('pass');
    expect(result.evidence.at(-1)?.observed).toEqual([
      'a0008/Gateway/internal#https',
    ]);
  });

  it('fails a route without hostnames', () => {
    const result = resultFor([...gateway(), ...route(HTTPS_PARENT, '')]);
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('spec.hostnames');
    expect(result.evidence[0].elements).toEqual(['a0008/HTTPRoute/app']);
  });

  it('fails a host outside the internal domain', () => {
    const result = resultFor([
      ...gateway(),
      ...route(HTTPS_PARENT, '  hostnames:\n  - app.contoso.com'),
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('app.contoso.com');
  });

  it('fails a host outside the configured suffix', () => {
    const result = resultFor(
      [...gateway(), ...route(HTTPS_PARENT, INTERNAL_HOSTS)],
      {
        namespace: 'a0008',
        internalDomainSuffix: 'ingress.fabrikam.com',
      },
    );
    expect(result.verdict).toBe('fail');
  });

  it('is unknown when the suffix also covers the public host', () => {
    const result = resultFor(
      [
        ...gateway(),
        ...route(HTTPS_PARENT, '  hostnames:\n  - shop.contoso.com'),
      ],
      {
        namespace: 'a0008',
        internalDomainSuffix: 'contoso.com',
        hostNames: ['shop.contoso.com'],
      },
    );
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('internal-domain-not-distinct');
  });

  it('fails a route that attaches to the HTTP listener too', () => {
    const result = resultFor([
      ...gateway(),
      ...route('  - name: internal', INTERNAL_HOSTS),
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('a0008/Gateway/internal#http');
  });

  it('passes a redirect-only route on the HTTP listener', () => {
    const redirect =
      '  - filters:\n    - type: RequestRedirect\n      requestRedirect:\n        scheme: https';
    const result = resultFor([
      ...gateway(),
      ...route(
        '  - name: internal\n    sectionName: http',
        INTERNAL_HOSTS,
        redirect,
      ),
    ]);
    expect(result.verdict).toBe('pass');
  });

  describe('GRPCRoute', () => {
    const grpcRoute = (parentRef: string, hostnames: string) =>
      route(parentRef, hostnames, undefined, 'GRPCRoute');

    it('passes an internal host on an HTTPS listener', () => {
      const result = resultFor([
        ...gateway(),
        ...grpcRoute(HTTPS_PARENT, INTERNAL_HOSTS),
      ]);

      expect(result.verdict).toBe('pass');
      expect(result.message).toContain('a0008/GRPCRoute/app');
    });

    it('fails a route on the HTTP listener', () => {
      const result = resultFor([
        ...gateway(),
        ...grpcRoute(
          '  - name: internal\n    sectionName: http',
          INTERNAL_HOSTS,
        ),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('a0008/Gateway/internal#http');
    });

    it('fails a route without hostnames', () => {
      const result = resultFor([...gateway(), ...grpcRoute(HTTPS_PARENT, '')]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('spec.hostnames is empty');
    });

    it('is unknown when GRPCRoutes could not be listed', () => {
      const result = evaluate(
        resourceSet({
          resources: [...gateway(), ...route(HTTPS_PARENT, INTERNAL_HOSTS)],
          scope: { namespace: 'a0008' },
          failures: [
            {
              target: 'kubernetes:GRPCRoute',
              reason: 'forbidden',
              message: 'grpcroutes is forbidden',
            },
          ],
          kubernetesNamespaceRead: true,
        }),
        { checks: [httpRouteHosts] },
      ).checks[0];

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('forbidden');
    });
  });

  it('warns when no listener accepts the route', () => {
    const result = resultFor([
      ...gateway(),
      ...route('  - name: internal\n    sectionName: grpc', INTERNAL_HOSTS),
    ]);
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('route-not-attached');
  });

  it('does not attach across namespaces when the listener allows only its own', () => {
    const parent =
      '  - name: internal\n    namespace: shared-gateways\n    sectionName: http';
    expect(
      resultFor([
        ...gateway('shared-gateways'),
        ...route(parent, INTERNAL_HOSTS),
      ]).verdict,
    ).toBe('warn');
    expect(
      resultFor([
        ...gateway('shared-gateways', 'All'),
        ...route(parent, INTERNAL_HOSTS),
      ]).verdict,
    ).toBe('fail');
  });

  it('is unknown when the parent Gateway was not read', () => {
    const result = resultFor(route(HTTPS_PARENT, INTERNAL_HOSTS));
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is not applicable without HTTPRoutes', () => {
    expect(resultFor(gateway()).verdict).toBe('not-applicable');
  });

  it('is unknown when the namespace was not read', () => {
    const result = evaluate(
      resourceSet({ resources: [], kubernetesNamespaceRead: false }),
      {
        checks: [httpRouteHosts],
      },
    ).checks[0];
    expect(result.verdict).toBe('unknown');
  });
});

import { evaluate } from '../../../evaluator/evaluate';
import {
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import { AssessmentScope, Resource } from '../../../types';
import { ingressHttpsOnly } from './ingressHttpsOnly';

function resultFor(
  resources: Resource[],
  scope: AssessmentScope = { namespace: 'a0008' },
) {
  return evaluate(resourceSet({ resources, scope }), {
    checks: [ingressHttpsOnly],
  }).checks[0];
}

function ingress(annotations: Record<string, string>, withTls = true) {
  const annotationLines = Object.entries(annotations)
    .map(([key, value]) => `    ${key}: "${value}"`)
    .join('\n');
  return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
  annotations:
${annotationLines || '    {}'}
spec:
${withTls ? '  tls:\n  - hosts: [app.aks-ingress.contoso.com]' : ''}
  rules:
  - host: app.aks-ingress.contoso.com
`);
}

describe('ingress.k8s.ingress-https-only', () => {
  it('passes TLS with allow-http "false"', () => {
    const result = resultFor(
      ingress({ 'kubernetes.io/ingress.allow-http': 'false' }),
    );
    expect(result.verdict).toBe('pass');
  });

  it('fails allow-http "false" without TLS', () => {
    const result = resultFor(
      ingress({ 'kubernetes.io/ingress.allow-http': 'false' }, false),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('spec.tls');
  });

  it('fails allow-http "true"', () => {
    expect(
      resultFor(ingress({ 'kubernetes.io/ingress.allow-http': 'true' }))
        .verdict,
    ).toBe('fail');
  });

  it('fails allow-http "False", which the policy does not accept', () => {
    expect(
      resultFor(ingress({ 'kubernetes.io/ingress.allow-http': 'False' }))
        .verdict,
    ).toBe('fail');
  });

  it('fails TLS with no annotation and no controller signal', () => {
    expect(resultFor(ingress({})).verdict).toBe('fail');
  });

  it('warns on a TLS-only Traefik router without allow-http', () => {
    const result = resultFor(
      ingress({
        'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
        'traefik.ingress.kubernetes.io/router.tls': 'true',
      }),
    );
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('controller-specific-https-only');
  });

  it('fails a Traefik router without router.tls', () => {
    const result = resultFor(
      ingress({
        'traefik.ingress.kubernetes.io/router.entrypoints': 'web,websecure',
      }),
    );
    expect(result.verdict).toBe('fail');
  });

  it.each([
    'nginx.ingress.kubernetes.io/force-ssl-redirect',
    'nginx.ingress.kubernetes.io/ssl-redirect',
    'appgw.ingress.kubernetes.io/ssl-redirect',
  ])('warns on %s "true" without allow-http', key => {
    expect(resultFor(ingress({ [key]: 'true' })).verdict).toBe('warn');
  });

  it('fails an ssl-redirect of "false"', () => {
    expect(
      resultFor(
        ingress({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }),
      ).verdict,
    ).toBe('fail');
  });

  it('reports the worst Ingress and names it', () => {
    const good = ingress({ 'kubernetes.io/ingress.allow-http': 'false' });
    const bad = kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: plain
  namespace: a0008
spec:
  rules:
  - host: plain.aks-ingress.contoso.com
`);
    const result = resultFor([...good, ...bad]);
    expect(result.verdict).toBe('fail');
    expect(
      result.evidence.filter(item => item.path === 'spec.tls')[0].elements,
    ).toEqual(['a0008/Ingress/plain']);
  });

  it('is unknown when the Ingress list failed', () => {
    const result = evaluate(
      resourceSet({
        resources: [],
        scope: { namespace: 'a0008' },
        kubernetesNamespaceRead: true,
        failures: [
          {
            target: 'kubernetes:Ingress',
            reason: 'forbidden',
            message: 'ingresses is forbidden',
          },
        ],
      }),
      { checks: [ingressHttpsOnly] },
    ).checks[0];
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });

  describe('fixtures', () => {
    it('passes the aks-baseline Ingress', () => {
      expect(
        resultFor(fixture('aks-baseline/02-aspnetapp-ingress.yaml')).verdict,
      ).toBe('pass');
    });

    it('passes the regulated web-frontend Ingress', () => {
      expect(
        resultFor(fixture('aks-baseline-regulated/ingress.yaml'), {
          namespace: 'a0005-i',
        }).verdict,
      ).toBe('pass');
    });

    it.each([
      'agic/ingress-http.yaml',
      'agic/ingress-https.yaml',
      'agic/ing-guestbook-tls-sni.yaml',
    ])('fails %s, which lacks allow-http "false"', file => {
      expect(resultFor(fixture(file), {}).verdict).toBe('fail');
    });
  });

  describe('Traefik IngressRoute', () => {
    function ingressRoute(tls: string) {
      return kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: app-route
  namespace: a0008
spec:
  entryPoints: [web]
  routes:
  - match: Host(\`app.aks-ingress.contoso.com\`)
    kind: Rule
    services:
    - name: app
      port: 80
${tls}
`);
    }

    it('fails a route without spec.tls', () => {
      const result = resultFor([
        ...ingress({ 'kubernetes.io/ingress.allow-http': 'false' }),
        ...ingressRoute(''),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain(
        'a0008/IngressRoute/app-route has no spec.tls, so Traefik serves its routes over plain HTTP on entry points web.',
      );
    });

    it('passes a route with spec.tls', () => {
      const result = resultFor(ingressRoute('  tls: {}'));

      expect(result.verdict).toBe('pass');
    });

    it('is unknown when IngressRoutes could not be listed', () => {
      const result = evaluate(
        resourceSet({
          resources: ingress({ 'kubernetes.io/ingress.allow-http': 'false' }),
          scope: { namespace: 'a0008' },
          failures: [
            {
              target: 'kubernetes:IngressRoute',
              reason: 'forbidden',
              message: 'ingressroutes is forbidden',
            },
          ],
        }),
        { checks: [ingressHttpsOnly] },
      ).checks[0];

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('forbidden');
    });
  });

  describe('Traefik IngressRouteTCP', () => {
    const ELEMENT = 'a0008/IngressRouteTCP/app-tcp';

    function tcpRoute(tls: string) {
      return kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata:
  name: app-tcp
  namespace: a0008
spec:
  entryPoints: [websecure]
  routes:
  - match: HostSNI(\`*\`)
    services:
    - name: app
      port: 8443
${tls}
`);
    }

    const PASSTHROUGH = '  tls:\n    passthrough: true';

    it('passes a route on which Traefik terminates TLS', () => {
      const result = resultFor(tcpRoute('  tls:\n    secretName: app-tls'));

      expect(result.verdict).toBe('pass');
      expect(result.message).toContain(ELEMENT);
    });

    it.each([
      ['passes TLS through', PASSTHROUGH],
      ['has no TLS', ''],
    ])('passes a route that %s to pods that terminate TLS', (_case, tls) => {
      const result = resultFor(tcpRoute(tls), {
        namespace: 'a0008',
        tlsToPod: true,
      });

      expect(result.verdict).toBe('pass');
    });

    it('fails a route without TLS to pods that do not terminate TLS', () => {
      const result = resultFor(tcpRoute(''), {
        namespace: 'a0008',
        tlsToPod: false,
      });

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain(
        `${ELEMENT}: no spec.tls, so Traefik forwards each connection as it arrives, but the pods do not terminate TLS`,
      );
    });

    it('is unknown when the pods may not terminate TLS', () => {
      const result = resultFor(tcpRoute(PASSTHROUGH));

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('tls-to-pod-unknown');
    });
  });
});

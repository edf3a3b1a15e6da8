import { fixture, kubernetes } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import { backendTls } from './backendTls';

const AB_ROUTE = [
  ...fixture('aks-baseline/01-aspnetapp.yaml'),
  ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
  ...fixture('aks-baseline/traefik.yaml'),
];

function nginxIngress(annotations: string) {
  return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: a0008
  annotations:
${annotations}
spec:
  ingressClassName: nginx
  rules:
  - host: web.aks-ingress.contoso.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 8443
`);
}

describe('pod.k8s.backend-tls', () => {
  it('passes the aks-baseline plaintext hop and says it is plaintext', () => {
    const result = runCheck(backendTls, {
      resources: AB_ROUTE,
      scope: { namespace: 'a0008' },
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence.some(item => item.note?.includes('plaintext'))).toBe(
      true,
    );
  });

  it('warns on the plaintext hop when organisation policy requires TLS to the pod', () => {
    const result = runCheck(backendTls, {
      resources: AB_ROUTE,
      scope: { namespace: 'a0008' },
      policy: { requireTlsToPod: true },
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('plaintext-to-pod');
  });

  it('warns on the plaintext hop when the service declares TLS to the pod', () => {
    const result = runCheck(backendTls, {
      resources: AB_ROUTE,
      scope: { namespace: 'a0008', tlsToPod: true },
    });

    expect(result.verdict).toBe('warn');
  });

  it('passes the aks-baseline-regulated HTTPS hop with proxy-ssl-verify', () => {
    const result = runCheck(backendTls, {
      resources: fixture('aks-baseline-regulated/ingress.yaml'),
      scope: { namespace: 'a0005-i' },
      policy: { requireTlsToPod: true },
    });

    expect(result.verdict).toBe('pass');
  });

  it('warns on TLS without verification', () => {
    const result = runCheck(backendTls, {
      resources: nginxIngress(
        '    nginx.ingress.kubernetes.io/backend-protocol: HTTPS',
      ),
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('tls-not-verified');
  });

  it('passes a Traefik https scheme, which verifies by default', () => {
    const service = kubernetes(`
apiVersion: v1
kind: Service
metadata:
  name: aspnetapp-service
  namespace: a0008
  annotations:
    traefik.ingress.kubernetes.io/service.serversscheme: https
spec:
  selector:
    app.kubernetes.io/name: aspnetapp
  ports:
  - name: https
    port: 80
    targetPort: 8443
`);
    const result = runCheck(backendTls, {
      resources: [
        ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
        ...service,
      ],
      policy: { requireTlsToPod: true },
    });

    expect(result.verdict).toBe('pass');
  });

  it('warns on a Traefik https scheme whose ServersTransport skips verification', () => {
    const resources = kubernetes(`
apiVersion: v1
kind: Service
metadata:
  name: aspnetapp-service
  namespace: a0008
  annotations:
    traefik.ingress.kubernetes.io/service.serversscheme: https
    traefik.ingress.kubernetes.io/service.serverstransport: a0008-insecure@kubernetescrd
spec:
  selector:
    app.kubernetes.io/name: aspnetapp
  ports:
  - port: 80
---
apiVersion: traefik.io/v1alpha1
kind: ServersTransport
metadata:
  name: insecure
  namespace: a0008
spec:
  insecureSkipVerify: true
`);
    const result = runCheck(backendTls, {
      resources: [
        ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
        ...resources,
      ],
    });

    expect(result.verdict).toBe('warn');
  });

  it('is unknown when the annotated ServersTransport was not read', () => {
    const resources = kubernetes(`
apiVersion: v1
kind: Service
metadata:
  name: aspnetapp-service
  namespace: a0008
  annotations:
    traefik.ingress.kubernetes.io/service.serversscheme: https
    traefik.ingress.kubernetes.io/service.serverstransport: a0008-missing@kubernetescrd
spec:
  selector:
    app.kubernetes.io/name: aspnetapp
  ports:
  - port: 80
`);
    const result = runCheck(backendTls, {
      resources: [
        ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
        ...resources,
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('a0008-missing@kubernetescrd');
  });

  it('is unknown without the Service', () => {
    const result = runCheck(backendTls, {
      resources: fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the namespace was not read', () => {
    expect(
      runCheck(backendTls, { scope: { namespace: 'a0008' } }).verdict,
    ).toBe('unknown');
  });

  it('is not applicable without routes', () => {
    const result = runCheck(backendTls, {
      resources: fixture('aks-baseline/01-aspnetapp.yaml'),
    });

    expect(result.verdict).toBe('not-applicable');
  });

  it('passes an HTTPRoute backend that a BackendTLSPolicy validates', () => {
    const resources = kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: aspnetapp
  namespace: a0008
spec:
  parentRefs:
  - name: internal
  hostnames:
  - bu0001a0008-00.aks-ingress.contoso.com
  rules:
  - backendRefs:
    - name: aspnetapp-service
      port: 443
---
apiVersion: v1
kind: Service
metadata:
  name: aspnetapp-service
  namespace: a0008
spec:
  selector:
    app.kubernetes.io/name: aspnetapp
  ports:
  - port: 443
    targetPort: 8443
---
apiVersion: gateway.networking.k8s.io/v1
kind: BackendTLSPolicy
metadata:
  name: aspnetapp-tls
  namespace: a0008
spec:
  targetRefs:
  - group: ""
    kind: Service
    name: aspnetapp-service
  validation:
    caCertificateRefs:
    - group: ""
      kind: ConfigMap
      name: aks-ingress-ca
    hostname: aspnetapp.a0008.svc.cluster.local
`);
    const result = runCheck(backendTls, {
      resources,
      policy: { requireTlsToPod: true },
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].resource).toBe(
      'a0008/BackendTLSPolicy/aspnetapp-tls',
    );
  });

  describe('Traefik IngressRoute and IngressRouteTCP', () => {
    const WORKLOAD = [
      ...fixture('aks-baseline/01-aspnetapp.yaml'),
      ...fixture('aks-baseline/traefik.yaml'),
    ];

    function ingressRoute(service: string) {
      return kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: app
  namespace: a0008
spec:
  entryPoints: [websecure]
  routes:
  - match: Host(\`app.aks-ingress.contoso.com\`)
    kind: Rule
    services:
    - name: aspnetapp-service
${service}
  tls: {}
`);
    }

    function tcpRoute(tls: string, service = '') {
      return kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata:
  name: app-tcp
  namespace: a0008
spec:
  entryPoints: [websecure]
  routes:
  - match: HostSNI(\`app.aks-ingress.contoso.com\`)
    services:
    - name: aspnetapp-service
      port: 80
${service}
  tls:
${tls}
`);
    }

    const INSECURE_TRANSPORT = kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: ServersTransport
metadata:
  name: skip-verify
  namespace: a0008
spec:
  insecureSkipVerify: true
`);

    it('passes an https scheme, which Traefik verifies by default', () => {
      const result = runCheck(backendTls, {
        resources: [
          ...WORKLOAD,
          ...ingressRoute('      port: 80\n      scheme: https'),
        ],
        scope: { namespace: 'a0008', tlsToPod: true },
      });

      expect(result.verdict).toBe('pass');
      expect(result.evidence[0].resource).toBe('a0008/IngressRoute/app');
    });

    it('warns on an https scheme whose ServersTransport skips verification', () => {
      const result = runCheck(backendTls, {
        resources: [
          ...WORKLOAD,
          ...INSECURE_TRANSPORT,
          ...ingressRoute(
            '      port: 80\n      scheme: https\n      serversTransport: skip-verify',
          ),
        ],
        scope: { namespace: 'a0008', tlsToPod: true },
      });

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('tls-not-verified');
    });

    it('warns on plaintext port 80 by default', () => {
      const result = runCheck(backendTls, {
        resources: [...WORKLOAD, ...ingressRoute('      port: 80')],
        scope: { namespace: 'a0008', tlsToPod: true },
      });

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('plaintext-to-pod');
    });

    it.each([
      ['another provider', 'insecure@file'],
      ['a transport that was not read', 'missing'],
    ])('is unknown when serversTransport names %s', (_case, transport) => {
      const result = runCheck(backendTls, {
        resources: [
          ...WORKLOAD,
          ...ingressRoute(
            `      port: 80\n      scheme: https\n      serversTransport: ${transport}`,
          ),
        ],
        scope: { namespace: 'a0008', tlsToPod: true },
      });

      expect(result.verdict).toBe('unknown');
      expect(result.message).toContain(transport);
    });

    it('reads a transport named as <namespace>-<name>@kubernetescrd', () => {
      const result = runCheck(backendTls, {
        resources: [
          ...WORKLOAD,
          ...INSECURE_TRANSPORT,
          ...ingressRoute(
            '      port: 80\n      scheme: https\n      serversTransport: a0008-skip-verify@kubernetescrd',
          ),
        ],
        scope: { namespace: 'a0008', tlsToPod: true },
      });

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('tls-not-verified');
    });

    it('takes https by default for a Service port named https', () => {
      const service = kubernetes(`
apiVersion: v1
kind: Service
metadata:
  name: tls-app
  namespace: a0008
spec:
  ports:
  - name: https-web
    port: 8443
`);
      const route = ingressRoute('      port: https-web').map(resource => ({
        ...resource,
        body: JSON.parse(
          JSON.stringify(resource.body).replace(
            '"aspnetapp-service"',
            '"tls-app"',
          ),
        ),
      }));

      const result = runCheck(backendTls, {
        resources: [...WORKLOAD, ...service, ...route],
        scope: { namespace: 'a0008', tlsToPod: true },
      });

      expect(result.verdict).toBe('pass');
    });

    it('is unknown for a Service that was not read and no scheme', () => {
      const result = runCheck(backendTls, {
        resources: [
          ...fixture('aks-baseline/traefik.yaml'),
          ...ingressRoute('      port: 443'),
        ],
        scope: { namespace: 'a0008' },
      });

      expect(result.verdict).toBe('unknown');
    });

    it('is unknown for a TraefikService, which it does not follow', () => {
      const result = runCheck(backendTls, {
        resources: [...WORKLOAD, ...ingressRoute('      kind: TraefikService')],
        scope: { namespace: 'a0008' },
      });

      expect(result.verdict).toBe('unknown');
      expect(result.message).toContain('TraefikService');
    });

    it('passes a TCP route that passes TLS through to the pods', () => {
      const result = runCheck(backendTls, {
        resources: [...WORKLOAD, ...tcpRoute('    passthrough: true')],
        scope: { namespace: 'a0008', tlsToPod: true },
      });

      expect(result.verdict).toBe('pass');
    });

    it('warns on a TCP route dialling plaintext', () => {
      const result = runCheck(backendTls, {
        resources: [...WORKLOAD, ...tcpRoute('    options: {name: default}')],
        scope: { namespace: 'a0008', tlsToPod: true },
      });

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('plaintext-to-pod');
    });
  });
});

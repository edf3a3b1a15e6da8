import { evaluate } from '../../../evaluator/evaluate';
import { kubernetes, resourceSet } from '../../../__testUtils__/resourceSets';
import { AssessmentScope, ReadFailure, Resource } from '../../../types';
import { gatewayListenerTls } from './gatewayListenerTls';

function resultFor(
  resources: Resource[],
  options: { scope?: AssessmentScope; failures?: ReadFailure[] } = {},
) {
  return evaluate(
    resourceSet({
      resources,
      scope: options.scope ?? { namespace: 'a0008' },
      failures: options.failures,
      kubernetesNamespaceRead: true,
    }),
    { checks: [gatewayListenerTls] },
  ).checks[0];
}

function gateway(listeners: string) {
  return kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: internal
  namespace: a0008
spec:
  gatewayClassName: approuting-istio
  listeners:
${listeners}
`);
}

const HTTPS_LISTENER = `
  - name: https-app
    protocol: HTTPS
    port: 443
    hostname: app.aks-ingress.contoso.com
    tls:
      mode: Terminate
      certificateRefs:
      - kind: Secret
        name: ingress-tls-csi`;

const HTTP_LISTENER = `
  - name: http
    protocol: HTTP
    port: 80
    hostname: app.aks-ingress.contoso.com`;

const SYNCING_SPC = kubernetes(`
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: ingress-tls
  namespace: a0008
spec:
  provider: azure
  secretObjects:
  - secretName: ingress-tls-csi
    type: kubernetes.io/tls
    data:
    - objectName: ingress-tls
      key: tls.key
    - objectName: ingress-tls
      key: tls.crt
`);

function route(
  name: string,
  parentRef: string,
  rules: string,
  kind = 'HTTPRoute',
) {
  return kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: a0008
spec:
  parentRefs:
  - ${parentRef}
  hostnames:
  - app.aks-ingress.contoso.com
  rules:
${rules}
`);
}

const BACKEND_RULE = `
  - backendRefs:
    - name: app
      port: 8080`;

const REDIRECT_RULE = `
  - filters:
    - type: RequestRedirect
      requestRedirect:
        scheme: https
        statusCode: 301`;

describe('ingress.k8s.gateway-listener-tls', () => {
  it('passes an HTTPS listener with a Secret synced from Key Vault', () => {
    const result = resultFor([...gateway(HTTPS_LISTENER), ...SYNCING_SPC]);
    expect(result.verdict).toBe('pass');
    expect(result.evidence.at(-1)?.note).toBe(
      'synced by SecretProviderClass ingress-tls',
    );
  });

  it('fails a listener without hostname', () => {
    const result = resultFor([
      ...gateway(
        HTTPS_LISTENER.replace(
          '    hostname: app.aks-ingress.contoso.com\n',
          '',
        ),
      ),
      ...SYNCING_SPC,
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('spec.listeners[0].hostname');
    expect(result.evidence[0].elements).toEqual([
      'a0008/Gateway/internal#https-app',
    ]);
  });

  it('fails a certificate Secret that no SecretProviderClass syncs', () => {
    const result = resultFor(gateway(HTTPS_LISTENER));
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('not synced from Key Vault');
  });

  it('fails an HTTPS listener without certificateRefs', () => {
    const listener = HTTPS_LISTENER.replace(
      /\n {6}certificateRefs:[\s\S]*$/,
      '',
    );
    expect(resultFor([...gateway(listener), ...SYNCING_SPC]).verdict).toBe(
      'fail',
    );
  });

  it('fails an HTTP listener that serves a route', () => {
    const result = resultFor([
      ...gateway(HTTPS_LISTENER + HTTP_LISTENER),
      ...SYNCING_SPC,
      ...route('app', 'name: internal', BACKEND_RULE),
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('a0008/HTTPRoute/app');
    expect(result.message).toContain('a0008/Gateway/internal#http');
  });

  it('fails an HTTP listener that serves a GRPCRoute', () => {
    const result = resultFor([
      ...gateway(HTTPS_LISTENER + HTTP_LISTENER),
      ...SYNCING_SPC,
      ...route('app', 'name: internal', BACKEND_RULE, 'GRPCRoute'),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('a0008/GRPCRoute/app');
  });

  it('warns on an HTTP listener that only redirects to https', () => {
    const result = resultFor([
      ...gateway(HTTPS_LISTENER + HTTP_LISTENER),
      ...SYNCING_SPC,
      ...route(
        'app',
        'name: internal\n    sectionName: https-app',
        BACKEND_RULE,
      ),
      ...route(
        'redirect',
        'name: internal\n    sectionName: http',
        REDIRECT_RULE,
      ),
    ]);
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('redirect-only-http-listener');
  });

  it('warns on an HTTP listener with no route', () => {
    const result = resultFor([
      ...gateway(HTTPS_LISTENER + HTTP_LISTENER),
      ...SYNCING_SPC,
    ]);
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('unused-http-listener');
  });

  it('fails a plain TCP listener', () => {
    const result = resultFor(
      gateway(
        '  - name: tcp\n    protocol: TCP\n    port: 5432\n    hostname: db.aks-ingress.contoso.com',
      ),
    );
    expect(result.verdict).toBe('fail');
  });

  describe('TLS passthrough', () => {
    const passthrough = `
  - name: tls
    protocol: TLS
    port: 443
    hostname: app.aks-ingress.contoso.com
    tls:
      mode: Passthrough`;

    it('passes when the pods terminate TLS', () => {
      const result = resultFor(gateway(passthrough), {
        scope: { namespace: 'a0008', tlsToPod: true },
      });
      expect(result.verdict).toBe('pass');
    });

    it('fails when the pods do not terminate TLS', () => {
      const result = resultFor(gateway(passthrough), {
        scope: { namespace: 'a0008', tlsToPod: false },
      });
      expect(result.verdict).toBe('fail');
    });

    it('is unknown when TLS to the pods is not declared', () => {
      const result = resultFor(gateway(passthrough));
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('tls-to-pod-unknown');
    });
  });

  it('is unknown when SecretProviderClasses could not be read', () => {
    const result = resultFor(gateway(HTTPS_LISTENER), {
      failures: [
        {
          target: 'kubernetes:SecretProviderClass',
          reason: 'forbidden',
          message: 'forbidden',
        },
      ],
    });
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });

  it('is unknown when the Gateway list failed', () => {
    const result = resultFor([], {
      failures: [
        {
          target: 'kubernetes:Gateway',
          reason: 'forbidden',
          message: 'gateways is forbidden',
        },
      ],
    });
    expect(result.verdict).toBe('unknown');
  });

  it('is not applicable when the Gateway API is not installed', () => {
    const result = resultFor([], {
      failures: [
        {
          target: 'kubernetes:Gateway',
          reason: 'not-found',
          message: 'the server could not find the requested resource',
        },
      ],
    });
    expect(result.verdict).toBe('not-applicable');
  });

  it('ignores Istio networking Gateways', () => {
    const istio = kubernetes(`
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: legacy
  namespace: a0008
spec:
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ['*']
`);
    expect(resultFor(istio).verdict).toBe('not-applicable');
  });
});

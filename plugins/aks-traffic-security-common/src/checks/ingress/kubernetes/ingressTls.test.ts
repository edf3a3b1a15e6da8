import { evaluate } from '../../../evaluator/evaluate';
import {
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import { AssessmentScope, ReadFailure, Resource } from '../../../types';
import { ingressTls } from './ingressTls';

function resultFor(
  resources: Resource[],
  options: {
    scope?: AssessmentScope;
    failures?: ReadFailure[];
    kubernetesNamespaceRead?: boolean;
  } = {},
) {
  return evaluate(
    resourceSet({
      resources,
      scope: options.scope ?? { namespace: 'a0008' },
      failures: options.failures,
      kubernetesNamespaceRead: options.kubernetesNamespaceRead,
    }),
    { checks: [ingressTls] },
  ).checks[0];
}

function ingress(spec: string) {
  return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
spec:
${spec}
`);
}

describe('ingress.k8s.ingress-tls', () => {
  it('passes when TLS covers every host', () => {
    const result = resultFor(
      ingress(`
  tls:
  - hosts: [app.aks-ingress.contoso.com]
  rules:
  - host: app.aks-ingress.contoso.com
`),
    );
    expect(result.verdict).toBe('pass');
  });

  it('passes a host covered by a one-label wildcard', () => {
    const result = resultFor(
      ingress(`
  tls:
  - hosts: ['*.aks-ingress.contoso.com']
  rules:
  - host: APP.aks-ingress.contoso.com
`),
    );
    expect(result.verdict).toBe('pass');
  });

  it('fails a host two labels below a wildcard', () => {
    const result = resultFor(
      ingress(`
  tls:
  - hosts: ['*.contoso.com']
  rules:
  - host: app.aks-ingress.contoso.com
`),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('spec.rules[0].host');
    expect(result.evidence[0].observed).toBe('app.aks-ingress.contoso.com');
  });

  it('fails an Ingress without spec.tls', () => {
    const result = resultFor(
      ingress(`
  rules:
  - host: app.aks-ingress.contoso.com
`),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual(['a0008/Ingress/app']);
  });

  it('fails a rule without host while TLS is configured', () => {
    const result = resultFor(
      ingress(`
  tls:
  - hosts: [app.aks-ingress.contoso.com]
  rules:
  - host: app.aks-ingress.contoso.com
  - http:
      paths: []
`),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('spec.rules[1].host');
    expect(result.evidence[0].observed).toBeNull();
  });

  it('warns when a named TLS Secret does not exist', () => {
    const result = resultFor(
      ingress(`
  tls:
  - hosts: [app.aks-ingress.contoso.com]
    secretName: app-tls
  rules:
  - host: app.aks-ingress.contoso.com
`),
    );
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('missing-secret');
  });

  it('passes a named Secret that exists or that an SPC syncs', () => {
    const secret = kubernetes(`
apiVersion: v1
kind: Secret
metadata:
  name: app-tls
  namespace: a0008
type: kubernetes.io/tls
`);
    const spc = kubernetes(`
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app-tls
  namespace: a0008
spec:
  provider: azure
  secretObjects:
  - secretName: app-tls
    type: kubernetes.io/tls
`);
    const withSecret = ingress(`
  tls:
  - hosts: [app.aks-ingress.contoso.com]
    secretName: app-tls
  rules:
  - host: app.aks-ingress.contoso.com
`);
    expect(resultFor([...withSecret, ...secret]).verdict).toBe('pass');
    expect(resultFor([...withSecret, ...spc]).verdict).toBe('pass');
  });

  it('is unknown when the Secret list failed and the Secret is not synced', () => {
    const result = resultFor(
      ingress(`
  tls:
  - hosts: [app.aks-ingress.contoso.com]
    secretName: app-tls
  rules:
  - host: app.aks-ingress.contoso.com
`),
      {
        failures: [
          {
            target: 'kubernetes:Secret',
            reason: 'forbidden',
            message: 'secrets is forbidden',
          },
        ],
      },
    );
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });

  it('is unknown when the namespace was not read', () => {
    const result = resultFor([], { kubernetesNamespaceRead: false });
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('is not applicable without Ingresses', () => {
    expect(resultFor([], { kubernetesNamespaceRead: true }).verdict).toBe(
      'not-applicable',
    );
  });

  describe('fixtures', () => {
    it('passes the aks-baseline Ingress, which has no secretName', () => {
      const result = resultFor(
        fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
      );
      expect(result.verdict).toBe('pass');
    });

    it('passes the regulated web-frontend Ingress', () => {
      const result = resultFor(fixture('aks-baseline-regulated/ingress.yaml'), {
        scope: { namespace: 'a0005-i' },
      });
      expect(result.verdict).toBe('pass');
    });

    it('fails the AGIC HTTP sample, which has no TLS', () => {
      expect(
        resultFor(fixture('agic/ingress-http.yaml'), { scope: {} }).verdict,
      ).toBe('fail');
    });

    it('fails the AGIC HTTPS sample, whose rule has no host', () => {
      const result = resultFor(fixture('agic/ingress-https.yaml'), {
        scope: {},
      });
      expect(result.verdict).toBe('fail');
      expect(result.evidence[0].path).toBe('spec.rules[0].host');
    });

    it('warns on the guestbook sample, whose Secret is a placeholder', () => {
      const result = resultFor(fixture('agic/ing-guestbook-tls-sni.yaml'), {
        scope: {},
      });
      expect(result.verdict).toBe('warn');
      expect(result.evidence[0].observed).toBe('<guestbook-secret-name>');
    });
  });
});

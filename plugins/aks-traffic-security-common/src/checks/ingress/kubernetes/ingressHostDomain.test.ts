import { evaluate } from '../../../evaluator/evaluate';
import {
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import { AssessmentScope, Resource } from '../../../types';
import { ingressHostDomain } from './ingressHostDomain';

function resultFor(
  resources: Resource[],
  scope: AssessmentScope = { namespace: 'a0008' },
) {
  return evaluate(resourceSet({ resources, scope }), {
    checks: [ingressHostDomain],
  }).checks[0];
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

const INTERNAL_HOST = `
  tls:
  - hosts: [app.aks-ingress.contoso.com]
  rules:
  - host: app.aks-ingress.contoso.com
`;

describe('ingress.k8s.ingress-host-domain', () => {
  it('passes an aks-ingress host without a configured suffix', () => {
    expect(resultFor(ingress(INTERNAL_HOST)).verdict).toBe('pass');
  });

  it('passes a host under the configured suffix', () => {
    const result = resultFor(ingress(INTERNAL_HOST), {
      namespace: 'a0008',
      internalDomainSuffix: 'aks-ingress.contoso.com',
    });
    expect(result.verdict).toBe('pass');
  });

  it('fails a host outside the configured suffix', () => {
    const result = resultFor(ingress(INTERNAL_HOST), {
      namespace: 'a0008',
      internalDomainSuffix: 'ingress.fabrikam.com',
    });
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].expected).toBe(
      'a host ending in .ingress.fabrikam.com',
    );
  });

  it('is unknown when the suffix also covers the public host', () => {
    const result = resultFor(
      ingress(`
  rules:
  - host: shop.contoso.com
`),
      {
        namespace: 'a0008',
        internalDomainSuffix: 'contoso.com',
        hostNames: ['shop.contoso.com'],
      },
    );
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('internal-domain-not-distinct');
  });

  it('passes when the public host is outside the suffix', () => {
    const result = resultFor(ingress(INTERNAL_HOST), {
      namespace: 'a0008',
      internalDomainSuffix: 'aks-ingress.contoso.com',
      hostNames: ['app.contoso.com'],
    });
    expect(result.verdict).toBe('pass');
  });

  it('fails the suffix itself, which the wildcard does not cover', () => {
    const result = resultFor(
      ingress(`
  rules:
  - host: aks-ingress.contoso.com
`),
      { namespace: 'a0008', internalDomainSuffix: '.aks-ingress.contoso.com' },
    );
    expect(result.verdict).toBe('fail');
  });

  it('fails a public host without a configured suffix', () => {
    const result = resultFor(
      ingress(`
  rules:
  - host: www.contoso.com
`),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].observed).toBe('www.contoso.com');
  });

  it('fails a rule without host', () => {
    const result = resultFor(
      ingress(`
  rules:
  - http:
      paths: []
`),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('spec.rules[0].host');
  });

  it('fails a default backend', () => {
    const result = resultFor(
      ingress(`
  defaultBackend:
    service:
      name: app
      port:
        number: 80
  rules:
  - host: app.aks-ingress.contoso.com
`),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('spec.defaultBackend');
  });

  it.each(['${HOST}', '{{ .Values.host }}', '<app.aks-ingress.contoso.com>'])(
    'fails the placeholder %s',
    host => {
      const result = resultFor(
        ingress(`
  rules:
  - host: "${host}"
`),
      );
      expect(result.verdict).toBe('fail');
    },
  );

  it('fails a TLS host outside the domain', () => {
    const result = resultFor(
      ingress(`
  tls:
  - hosts: [app.aks-ingress.contoso.com, app.contoso.com]
  rules:
  - host: app.aks-ingress.contoso.com
`),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('spec.tls[0].hosts[1]');
  });

  it('names a host of a rule and the TLS list once', () => {
    const result = resultFor(
      ingress(`
  tls:
  - hosts: [app.contoso.com]
  rules:
  - host: app.contoso.com
`),
    );

    expect(result.verdict).toBe('fail');
    expect(result.evidence).toHaveLength(2);
    expect(result.message.split('app.contoso.com').length).toBe(2);
  });

  it('is unknown when the namespace was not read', () => {
    const result = evaluate(
      resourceSet({ resources: [], kubernetesNamespaceRead: false }),
      {
        checks: [ingressHostDomain],
      },
    ).checks[0];
    expect(result.verdict).toBe('unknown');
  });

  describe('fixtures', () => {
    it('passes the aks-baseline host bu0001a0008-00.aks-ingress.contoso.com', () => {
      expect(
        resultFor(fixture('aks-baseline/02-aspnetapp-ingress.yaml')).verdict,
      ).toBe('pass');
      expect(
        resultFor(fixture('aks-baseline/02-aspnetapp-ingress.yaml'), {
          namespace: 'a0008',
          internalDomainSuffix: 'aks-ingress.contoso.com',
        }).verdict,
      ).toBe('pass');
    });

    it('passes the regulated host bu0001a0005-00.aks-ingress.contoso.com', () => {
      expect(
        resultFor(fixture('aks-baseline-regulated/ingress.yaml'), {
          namespace: 'a0005-i',
        }).verdict,
      ).toBe('pass');
    });

    it('fails the AGIC samples, whose rules have no host', () => {
      expect(resultFor(fixture('agic/ingress-http.yaml'), {}).verdict).toBe(
        'fail',
      );
      expect(resultFor(fixture('agic/ingress-https.yaml'), {}).verdict).toBe(
        'fail',
      );
    });

    it('fails the guestbook sample for its placeholder host', () => {
      const result = resultFor(fixture('agic/ing-guestbook-tls-sni.yaml'), {});
      expect(result.verdict).toBe('fail');
      expect(result.evidence[0].note).toContain('placeholder');
    });
  });
});

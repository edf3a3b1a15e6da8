import { evaluate } from '../../../evaluator/evaluate';
import {
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import {
  aksBaselineTraefik,
  configVolumeNamed,
  containerArgsSetTo,
  withoutFileProvider,
} from '../../../__testUtils__/traefikFixture';
import { AssessmentScope, ReadFailure, Resource } from '../../../types';
import { controllerTlsOptions } from './controllerTlsOptions';

function resultFor(
  resources: Resource[],
  scope: AssessmentScope = { namespace: 'a0008' },
  failures: ReadFailure[] = [],
) {
  return evaluate(
    resourceSet({ resources, scope, failures, kubernetesNamespaceRead: true }),
    {
      checks: [controllerTlsOptions],
    },
  ).checks[0];
}

function traefikIngress(annotations = '') {
  return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
  annotations:
    traefik.ingress.kubernetes.io/router.entrypoints: websecure
${annotations}
spec:
  ingressClassName: traefik
  tls:
  - hosts: [app.aks-ingress.contoso.com]
  rules:
  - host: app.aks-ingress.contoso.com
`);
}

function traefikToml(toml: string, key = 'traefik.toml') {
  const indented = toml
    .trim()
    .split('\n')
    .map(line => `    ${line}`)
    .join('\n');
  return kubernetes(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: traefik-config
  namespace: a0008
data:
  ${key}: |
${indented}
`);
}

const TLS_OPTION_LIST_FORBIDDEN: ReadFailure = {
  target: 'kubernetes:TLSOption',
  reason: 'forbidden',
  message: 'tlsoptions.traefik.io is forbidden (namespace a0008)',
};

const APPROVED_CIPHERS =
  'cipherSuites = ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]';

describe('ingress.k8s.controller-tls-options', () => {
  describe('Traefik', () => {
    it('passes TLS 1.2, strict SNI and approved ciphers', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml(`
[entryPoints.websecure]
  address = ":8443"
[tls.options.default]
  minVersion = "VersionTLS12"
  sniStrict = true
  ${APPROVED_CIPHERS}
`),
      ]);
      expect(result.verdict).toBe('pass');
    });

    it('reads option keys case-insensitively, as Traefik does', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml(`
[TLS.Options.default]
  minversion = "VersionTLS12"
  SNIStrict = true
  ${APPROVED_CIPHERS}
`),
      ]);
      expect(result.verdict).toBe('pass');
    });

    it('fails a minimum version below TLS 1.2', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml(`
[tls.options.default]
  minVersion = "VersionTLS11"
  sniStrict = true
  ${APPROVED_CIPHERS}
`),
      ]);
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('VersionTLS11');
    });

    it('fails when sniStrict is not true', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml(`
[tls.options.default]
  minVersion = "VersionTLS12"
  ${APPROVED_CIPHERS}
`),
      ]);
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('sniStrict');
    });

    it('warns when cipher suites are not pinned', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml(`
[tls.options.default]
  minVersion = "VersionTLS12"
  sniStrict = true
`),
      ]);
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('ciphers-not-pinned');
    });

    it('warns on pinned suites outside the approved set', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml(`
[tls.options.default]
  minVersion = "VersionTLS12"
  sniStrict = true
  cipherSuites = ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA"]
`),
      ]);
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('unapproved-cipher-suites');
      expect(result.message).toContain('TLS_RSA_WITH_AES_128_CBC_SHA');
    });

    it('passes TLS 1.3 only, whose suites are fixed', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml(`
[tls.options.default]
  minVersion = "VersionTLS13"
  sniStrict = true
`),
      ]);
      expect(result.verdict).toBe('pass');
    });

    it('fails the built-in default when the configuration defines no option', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml('[entryPoints.websecure]\n  address = ":8443"'),
      ]);
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('sniStrict');
    });

    it('follows the entry point option when the Ingress names none', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml(`
[entryPoints.websecure.http.tls]
  options = "strict@file"
[tls.options.default]
  minVersion = "VersionTLS10"
[tls.options.strict]
  minVersion = "VersionTLS12"
  sniStrict = true
  ${APPROVED_CIPHERS}
`),
      ]);
      expect(result.verdict).toBe('pass');
    });

    describe('with an entry point option', () => {
      /**
       * Returns a Traefik configuration with the given entry points, a
       * `websecure` entry point with the option strict, a strict option
       * and a default option that allows TLS 1.0.
       */
      function withEntryPoints(entryPoints = '') {
        return traefikToml(`
${entryPoints}
[entryPoints.web]
  address = ":8000"
[entryPoints.websecure]
  address = ":8443"
  [entryPoints.websecure.http.tls]
    options = "strict@file"
[tls.options.default]
  minVersion = "VersionTLS10"
[tls.options.strict]
  minVersion = "VersionTLS12"
  sniStrict = true
  ${APPROVED_CIPHERS}
`);
      }
      const strictEntryPoint = withEntryPoints();

      function ingressWith(annotations: Record<string, string>) {
        const lines = Object.entries(annotations)
          .map(([key, value]) => `    ${key}: ${JSON.stringify(value)}`)
          .join('\n');
        return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
  annotations:
${lines}
spec:
  ingressClassName: traefik
  rules:
  - host: app.aks-ingress.contoso.com
`);
      }

      it.each([
        ['router.tls', 'true'],
        ['router.tls.certresolver', 'letsencrypt'],
        ['router.tls.domains.0.main', 'aks-ingress.contoso.com'],
      ])('uses default for a router with %s', (key, value) => {
        const result = resultFor([
          ...ingressWith({
            'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
            [`traefik.ingress.kubernetes.io/${key}`]: value,
          }),
          ...strictEntryPoint,
        ]);

        expect(result.verdict).toBe('fail');
        expect(result.evidence[0].note).toBe(
          'the router uses TLS option default',
        );
      });

      it('follows the entry point for router.tls false', () => {
        const result = resultFor([
          ...ingressWith({
            'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
            'traefik.ingress.kubernetes.io/router.tls': 'false',
          }),
          ...strictEntryPoint,
        ]);

        expect(result.verdict).toBe('pass');
        expect(result.evidence[0].note).toBe(
          'the router uses TLS option strict@file',
        );
      });

      it('reports a router.tls that is not a boolean', () => {
        const result = resultFor([
          ...ingressWith({ 'traefik.ingress.kubernetes.io/router.tls': 'yes' }),
          ...strictEntryPoint,
        ]);

        expect(result.verdict).toBe('unknown');
        expect(result.reason).toBe('invalid-document');
        expect(result.message).toContain(
          "sets traefik.ingress.kubernetes.io/router.tls to 'yes', which is not a boolean",
        );
      });

      it('judges every default entry point with TLS', () => {
        const result = resultFor([
          ...ingressWith({}),
          ...withEntryPoints(`
[entryPoints.traefik]
  address = ":9000"
[entryPoints.internal]
  address = ":9443"
  [entryPoints.internal.http.tls]
`),
        ]);

        expect(result.verdict).toBe('fail');
        expect(result.message).toContain(
          'a0008/Ingress/app with TLS option default',
        );
        expect(result.evidence.map(item => item.note)).toEqual(
          expect.arrayContaining([
            'the router uses TLS option strict@file',
            'the router uses TLS option default',
          ]),
        );
      });

      it("leaves out Traefik's internal and plain entry points", () => {
        const result = resultFor([
          ...ingressWith({}),
          ...withEntryPoints('[entryPoints.traefik]\n  address = ":9000"'),
        ]);

        expect(result.verdict).toBe('pass');
        expect(result.evidence[0].note).toBe(
          'the router uses TLS option strict@file',
        );
      });

      it('judges default when no entry point is defined', () => {
        const result = resultFor([
          ...ingressWith({}),
          ...traefikToml(
            '[tls.options.default]\n  minVersion = "VersionTLS10"',
          ),
        ]);

        expect(result.verdict).toBe('fail');
        expect(result.evidence[0].note).toBe(
          'the router uses TLS option default',
        );
      });

      it('adds default for a rule without a host', () => {
        const ingress = kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
  annotations:
    traefik.ingress.kubernetes.io/router.tls.options: strict@file
spec:
  ingressClassName: traefik
  rules:
  - host: app.aks-ingress.contoso.com
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: { name: app, port: { number: 8080 } }
`);
        const result = resultFor([...ingress, ...strictEntryPoint]);

        expect(result.verdict).toBe('fail');
        expect(result.message).toContain(
          'a0008/Ingress/app with TLS option default',
        );
        expect(result.evidence).toContainEqual(
          expect.objectContaining({
            resource: 'a0008/Ingress/app',
            path: 'spec.rules',
          }),
        );
      });

      it('judges only the entry points marked asDefault', () => {
        const result = resultFor([
          ...ingressWith({}),
          ...traefikToml(`
[entryPoints.internal]
  address = ":9443"
  [entryPoints.internal.http.tls]
[entryPoints.websecure]
  address = ":8443"
  asDefault = true
  [entryPoints.websecure.http.tls]
    options = "strict@file"
[tls.options.default]
  minVersion = "VersionTLS10"
[tls.options.strict]
  minVersion = "VersionTLS12"
  sniStrict = true
  ${APPROVED_CIPHERS}
`),
        ]);

        expect(result.verdict).toBe('pass');
      });
    });

    it.each(['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1'])(
      'resolves a %s TLSOption',
      apiVersion => {
        const option = kubernetes(`
apiVersion: ${apiVersion}
kind: TLSOption
metadata:
  name: strict
  namespace: a0008
spec:
  minVersion: VersionTLS12
  sniStrict: true
  cipherSuites:
  - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
`);
        const result = resultFor([
          ...traefikIngress(
            '    traefik.ingress.kubernetes.io/router.tls.options: a0008-strict@kubernetescrd',
          ),
          ...option,
        ]);
        expect(result.verdict).toBe('pass');
        expect(result.evidence.map(item => item.resource)).toContain(
          'a0008/TLSOption/strict',
        );
      },
    );

    it('fails a TLSOption that allows TLS 1.0', () => {
      const option = kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: TLSOption
metadata:
  name: legacy
  namespace: a0008
spec:
  minVersion: VersionTLS10
  sniStrict: true
`);
      const result = resultFor([
        ...traefikIngress(
          '    traefik.ingress.kubernetes.io/router.tls.options: a0008-legacy@kubernetescrd',
        ),
        ...option,
      ]);
      expect(result.verdict).toBe('fail');
    });

    it('reads a YAML configuration file', () => {
      const configMap = kubernetes(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: traefik-config
  namespace: a0008
data:
  traefik.yml: |
    tls:
      options:
        default:
          minVersion: VersionTLS12
          sniStrict: true
          cipherSuites:
            - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
`);
      expect(resultFor([...traefikIngress(), ...configMap]).verdict).toBe(
        'pass',
      );
    });

    it('is unknown when the referenced option does not exist', () => {
      const result = resultFor([
        ...traefikIngress(
          '    traefik.ingress.kubernetes.io/router.tls.options: a0008-missing@kubernetescrd',
        ),
        ...traefikToml('[tls.options.default]\n  sniStrict = true'),
      ]);
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unresolved-reference');
    });

    it('is unknown for a name without a provider suffix other than default', () => {
      const result = resultFor([
        ...traefikIngress(
          '    traefik.ingress.kubernetes.io/router.tls.options: strict',
        ),
        ...traefikToml('[tls.options.strict]\n  sniStrict = true'),
      ]);
      expect(result.verdict).toBe('unknown');
    });

    it('is unknown for default without the TLSOption list', () => {
      const result = resultFor(
        [
          ...traefikIngress(),
          ...traefikToml(`
[tls.options.default]
  minVersion = "VersionTLS12"
  sniStrict = true
  ${APPROVED_CIPHERS}
`),
        ],
        undefined,
        [TLS_OPTION_LIST_FORBIDDEN],
      );
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('forbidden');
      expect(result.message).toContain('tlsoptions.traefik.io is forbidden');
    });

    it('judges a file option without the TLSOption list', () => {
      const result = resultFor(
        [
          ...traefikIngress(
            '    traefik.ingress.kubernetes.io/router.tls.options: strict@file',
          ),
          ...traefikToml(`
[tls.options.strict]
  minVersion = "VersionTLS12"
  sniStrict = true
  ${APPROVED_CIPHERS}
`),
        ],
        undefined,
        [TLS_OPTION_LIST_FORBIDDEN],
      );
      expect(result.verdict).toBe('pass');
    });

    it('is unknown when no Traefik configuration was read', () => {
      const result = resultFor(traefikIngress());
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('missing-resource');
    });

    it('is unknown when the configuration does not parse', () => {
      const result = resultFor([
        ...traefikIngress(),
        ...traefikToml('[tls.options.default\n  sniStrict = true'),
      ]);
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('invalid-document');
    });
  });

  describe('configuration the Traefik controller loads', () => {
    const INGRESS = fixture('aks-baseline/02-aspnetapp-ingress.yaml');

    it('fails defaults without a file provider', () => {
      const result = resultFor([
        ...aksBaselineTraefik({ toml: withoutFileProvider }),
        ...INGRESS,
      ]);
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('sniStrict');
      expect(result.evidence.map(item => item.note)).toContainEqual(
        expect.stringContaining('no file provider'),
      );
    });

    it('is unknown when the mounted ConfigMap was not read', () => {
      const result = resultFor([
        ...aksBaselineTraefik({
          deployment: configVolumeNamed('traefik-ingress-config-v2'),
        }),
        ...INGRESS,
      ]);
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('missing-resource');
      expect(result.message).toContain('traefik-ingress-config-v2');
    });

    it('ignores an unmounted ConfigMap', () => {
      const appSettings = kubernetes(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-settings
  namespace: a0008
data:
  appsettings.yaml: |
    tls:
      options:
        default:
          minVersion: VersionTLS10
`);
      const result = resultFor([
        ...aksBaselineTraefik(),
        ...INGRESS,
        ...appSettings,
      ]);
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('ciphers-not-pinned');
      expect(result.evidence.map(item => item.resource)).not.toContain(
        'a0008/ConfigMap/app-settings',
      );
    });

    it('is unknown for an unmounted provider file', () => {
      const result = resultFor([
        ...aksBaselineTraefik({
          toml: text =>
            text.replace('/config/traefik.toml', '/etc/traefik/dynamic.toml'),
        }),
        ...INGRESS,
      ]);
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('missing-resource');
      expect(result.message).toContain('/etc/traefik/dynamic.toml');
    });

    it('is unknown for an unmounted static file', () => {
      const result = resultFor([
        ...aksBaselineTraefik({
          deployment: containerArgsSetTo(['--configfile=/etc/traefik.toml']),
        }),
        ...INGRESS,
      ]);
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('missing-resource');
      expect(result.message).toContain('/etc/traefik.toml');
    });

    it('reads a file provider directory given as an argument', () => {
      const result = resultFor([
        ...aksBaselineTraefik({
          deployment: containerArgsSetTo([
            '--entryPoints.websecure.address=:8443',
            '--providers.file.directory=/config',
          ]),
        }),
        ...INGRESS,
      ]);
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('ciphers-not-pinned');
    });

    it('is unknown when a file of the provider directory does not parse', () => {
      const result = resultFor([
        ...aksBaselineTraefik({
          deployment: containerArgsSetTo([
            '--entryPoints.websecure.address=:8443',
            '--providers.file.directory=/config',
          ]),
          extraData: { 'extra.yaml': 'http:\n  middlewares: [unclosed' },
        }),
        ...INGRESS,
      ]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('invalid-document');
      expect(result.evidence).toContainEqual(
        expect.objectContaining({ path: 'data["extra.yaml"]' }),
      );
    });

    it('fails defaults when flags omit the provider', () => {
      const result = resultFor([
        ...aksBaselineTraefik({
          deployment: containerArgsSetTo([
            '--entryPoints.websecure.address=:8443',
          ]),
        }),
        ...INGRESS,
      ]);
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('sniStrict');
    });

    it('finds the static configuration in /etc/traefik', () => {
      const result = resultFor([
        ...aksBaselineTraefik({
          toml: text =>
            text.replace('/config/traefik.toml', '/etc/traefik/traefik.toml'),
          deployment: body => {
            containerArgsSetTo([])(body);
            const json = JSON.stringify(body).replace(
              '"mountPath":"/config"',
              '"mountPath":"/etc/traefik"',
            );
            Object.assign(body, JSON.parse(json));
          },
        }),
        ...INGRESS,
      ]);
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('ciphers-not-pinned');
    });
  });

  describe('NGINX', () => {
    function nginx(configData: string, ingressAnnotations = '') {
      return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
  annotations:
    kubernetes.io/ingress.allow-http: "false"
${ingressAnnotations}
spec:
  ingressClassName: nginx
  rules:
  - host: app.aks-ingress.contoso.com
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
spec:
  template:
    spec:
      containers:
      - name: controller
        image: registry.k8s.io/ingress-nginx/controller:v1.11.3
        args:
        - /nginx-ingress-controller
        - --configmap=$(POD_NAMESPACE)/ingress-nginx-controller
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  allow-snippet-annotations: "false"
${configData}
`);
    }

    it('passes TLS 1.2 and 1.3 with approved ciphers', () => {
      const result = resultFor(
        nginx(
          '  ssl-protocols: "TLSv1.2 TLSv1.3"\n  ssl-ciphers: "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"',
        ),
      );
      expect(result.verdict).toBe('pass');
    });

    it('fails ssl-protocols that include TLSv1.1', () => {
      const result = resultFor(nginx('  ssl-protocols: "TLSv1.1 TLSv1.2"'));
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('TLSv1.1');
    });

    it('fails a weak protocol written in lower case', () => {
      const result = resultFor(
        nginx(
          '  ssl-protocols: "tlsv1 TLSv1.2"\n  ssl-ciphers: "ECDHE-RSA-AES128-GCM-SHA256"',
        ),
      );

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('tlsv1');
    });

    it.each([
      ['a comma-separated list', 'TLSv1.2,TLSv1'],
      ['a name NGINX does not know', 'TLSv1.0 TLSv1.2'],
      ['an empty value', ''],
    ])('is unknown for %s', (_case, protocols) => {
      const result = resultFor(
        nginx(
          `  ssl-protocols: "${protocols}"\n  ssl-ciphers: "ECDHE-RSA-AES128-GCM-SHA256"`,
        ),
      );

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unrecognised-value');
    });

    it('takes a lower-case tlsv1.3 as TLS 1.3 only', () => {
      const result = resultFor(nginx('  ssl-protocols: "tlsv1.3"'));

      expect(result.verdict).toBe('pass');
    });

    it('warns when ssl-ciphers is not set', () => {
      const result = resultFor(nginx(''));
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('ciphers-not-pinned');
      expect(result.evidence.map(item => item.resource)).toContain(
        'ingress-nginx/ConfigMap/ingress-nginx-controller',
      );
    });

    it('warns on an OpenSSL keyword instead of suites', () => {
      const result = resultFor(nginx('  ssl-ciphers: "HIGH:!aNULL:!MD5"'));
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('unapproved-cipher-suites');
    });

    it('takes the ssl-ciphers annotation of the Ingress over the ConfigMap', () => {
      const result = resultFor(
        nginx(
          '  ssl-ciphers: "HIGH"',
          '    nginx.ingress.kubernetes.io/ssl-ciphers: "ECDHE-ECDSA-AES128-GCM-SHA256"',
        ),
      );
      expect(result.verdict).toBe('pass');
    });

    it('is unknown when the --configmap ConfigMap was not read', () => {
      const resources = nginx('').filter(
        resource =>
          resource.kind !== 'kubernetes' || resource.objectKind !== 'ConfigMap',
      );
      const result = resultFor(resources);
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unresolved-reference');
    });
  });

  it('is unknown when the controller of an Ingress cannot be identified', () => {
    const result = resultFor(
      kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
spec:
  ingressClassName: custom
`),
    );
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unidentified-controller');
  });

  describe('fixtures', () => {
    it('warns on aks-baseline: TLS 1.2 and strict SNI, but no pinned ciphers', () => {
      const result = resultFor([
        ...fixture('aks-baseline/traefik.yaml'),
        ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
      ]);
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('ciphers-not-pinned');
      const observed = Object.fromEntries(
        result.evidence.map(item => [item.path, item.observed]),
      );
      expect(
        observed['data["traefik.toml"] tls.options.default.minVersion'],
      ).toBe('VersionTLS12');
      expect(
        observed['data["traefik.toml"] tls.options.default.sniStrict'],
      ).toBe(true);
    });

    it('reads the aks-baseline ConfigMap without an Ingress', () => {
      const result = resultFor(fixture('aks-baseline/traefik.yaml'));
      expect(result.verdict).toBe('warn');
      expect(result.evidence[0].resource).toBe(
        'a0008/ConfigMap/traefik-ingress-config',
      );
    });

    it('warns on the regulated ingress-nginx ConfigMap, which keeps the defaults', () => {
      const result = resultFor(
        [
          ...fixture('aks-baseline-regulated/deployment.yaml'),
          ...fixture('aks-baseline-regulated/ingress.yaml'),
        ],
        { namespace: 'a0005-i' },
      );
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('ciphers-not-pinned');
      expect(result.evidence[0].observed).toBeNull();
    });

    it('is not applicable to an AGIC Ingress', () => {
      expect(resultFor(fixture('agic/ingress-https.yaml'), {}).verdict).toBe(
        'not-applicable',
      );
    });
  });

  describe('a service without an entry point that the checks read', () => {
    const GATEWAY_ID =
      '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-edge/providers/Microsoft.Network/applicationGateways/apw-aks';
    const ISTIO = kubernetes(`
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: app
  namespace: a0008
spec:
  selector:
    istio: aks-istio-ingressgateway-internal
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [app.aks-ingress.contoso.com]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: app
  namespace: a0008
spec:
  hosts: [app.aks-ingress.contoso.com]
  gateways: [app]
  http:
  - route:
    - destination: {host: app}
`);

    it('is unknown when an Application Gateway serves it', () => {
      const result = resultFor(ISTIO, {
        namespace: 'a0008',
        gatewayId: GATEWAY_ID,
      });

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('entry-point-not-found');
      expect(result.message).toContain('apw-aks');
      expect(result.evidence[0].observed).toEqual([
        'a0008/Gateway/app',
        'a0008/VirtualService/app',
      ]);
    });

    it('is not applicable without an Application Gateway', () => {
      expect(resultFor(ISTIO).verdict).toBe('not-applicable');
    });

    it('is not applicable to an AGIC Ingress behind the gateway', () => {
      const result = resultFor(fixture('agic/ingress-https.yaml'), {
        gatewayId: GATEWAY_ID,
      });

      expect(result.verdict).toBe('not-applicable');
    });
  });

  describe('Traefik IngressRoute', () => {
    const ROUTE = 'a0008/IngressRoute/app-route';

    function ingressRoute(
      tls: string,
      route: { apiVersion?: string; annotations?: string; spec?: string } = {},
    ) {
      return kubernetes(`
apiVersion: ${route.apiVersion ?? 'traefik.io/v1alpha1'}
kind: IngressRoute
metadata:
  name: app-route
  namespace: a0008
  annotations:
${route.annotations ?? '    example.com/owner: a0008'}
spec:
${route.spec ?? ''}
  entryPoints: [websecure]
  routes:
  - match: Host(\`app.aks-ingress.contoso.com\`)
    kind: Rule
    services:
    - name: app
      port: 80
${tls}
`);
    }

    function tlsOption(
      spec: string,
      option: { name?: string; namespace?: string; apiVersion?: string } = {},
    ) {
      return kubernetes(`
apiVersion: ${option.apiVersion ?? 'traefik.io/v1alpha1'}
kind: TLSOption
metadata:
  name: ${option.name ?? 'strict'}
  namespace: ${option.namespace ?? 'a0008'}
spec:
${spec}
`);
    }

    /**
     * Builds a Traefik Deployment in namespace traefik, configured by flags,
     * whose file provider loads `dynamic.toml` from ConfigMap `<name>-dynamic`.
     */
    function traefikDeployment(
      name: string,
      flags: string[],
      dynamicToml: string,
    ) {
      const args = [
        '--entryPoints.websecure.address=:8443',
        '--providers.file.filename=/dynamic/dynamic.toml',
        ...flags,
      ]
        .map(flag => `        - ${flag}`)
        .join('\n');
      const toml = dynamicToml
        .trim()
        .split('\n')
        .map(line => `    ${line}`)
        .join('\n');
      return kubernetes(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: traefik
spec:
  template:
    spec:
      containers:
      - name: traefik
        image: docker.io/library/traefik:v3.4
        args:
${args}
        volumeMounts:
        - name: dynamic
          mountPath: /dynamic
      volumes:
      - name: dynamic
        configMap:
          name: ${name}-dynamic
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-dynamic
  namespace: traefik
data:
  dynamic.toml: |
${toml}
`);
    }

    const NAMED_STRICT = '  tls:\n    options:\n      name: strict';
    const NO_OPTIONS = '  tls:\n    secretName: app-tls';
    const STRICT_SPEC = `  minVersion: VersionTLS12
  sniStrict: true
  cipherSuites:
  - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`;
    const STRICT_DEFAULT_TOML = `
[tls.options.default]
  minVersion = "VersionTLS12"
  sniStrict = true
  ${APPROVED_CIPHERS}
`;
    const WEAK_DEFAULT_TOML = `
[tls.options.default]
  minVersion = "VersionTLS10"
  sniStrict = true
  ${APPROVED_CIPHERS}
`;

    it('passes a named TLSOption that meets the bar', () => {
      const result = resultFor([
        ...ingressRoute(NAMED_STRICT),
        ...tlsOption(STRICT_SPEC),
      ]);

      expect(result.verdict).toBe('pass');
      expect(result.evidence.map(item => item.resource)).toContain(
        'a0008/TLSOption/strict',
      );
      expect(result.evidence).toContainEqual(
        expect.objectContaining({
          resource: ROUTE,
          path: 'spec.tls.options',
          note: expect.stringContaining('a0008-strict@kubernetescrd'),
        }),
      );
    });

    describe('IngressRouteTCP', () => {
      const TCP_ROUTE = 'a0008/IngressRouteTCP/app-tcp';

      function tcpRoute(
        tls: string,
        match = 'HostSNI(`app.aks-ingress.contoso.com`)',
      ) {
        return kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata:
  name: app-tcp
  namespace: a0008
spec:
  entryPoints: [websecure]
  routes:
  - match: ${match}
    services:
    - name: app
      port: 8443
${tls}
`);
      }

      it('fails a TLS option that allows TLS 1.0', () => {
        const result = resultFor([
          ...tcpRoute(NAMED_STRICT),
          ...tlsOption(STRICT_SPEC.replace('VersionTLS12', 'VersionTLS10')),
        ]);

        expect(result.verdict).toBe('fail');
        expect(result.message).toContain(TCP_ROUTE);
        expect(result.message).toContain('VersionTLS10');
      });

      it('passes a TLS option that meets the bar', () => {
        const result = resultFor([
          ...tcpRoute(NAMED_STRICT),
          ...tlsOption(STRICT_SPEC),
        ]);

        expect(result.verdict).toBe('pass');
        expect(result.evidence).toContainEqual(
          expect.objectContaining({
            resource: TCP_ROUTE,
            path: 'spec.tls.options',
            note: expect.stringContaining('a0008-strict@kubernetescrd'),
          }),
        );
      });

      it('judges only its own option for every name', () => {
        const result = resultFor([
          ...tcpRoute(NAMED_STRICT, 'HostSNI(`*`)'),
          ...tlsOption(STRICT_SPEC),
          ...traefikToml(WEAK_DEFAULT_TOML),
        ]);

        expect(result.verdict).toBe('pass');
      });

      it.each([
        ['passes TLS through', '  tls:\n    passthrough: true'],
        ['has no TLS', ''],
      ])('is not applicable to a route that %s', (_case, tls) => {
        expect(resultFor(tcpRoute(tls)).verdict).toBe('not-applicable');
      });

      it('is unknown when IngressRouteTCP objects could not be read', () => {
        const result = resultFor(
          [...ingressRoute(NAMED_STRICT), ...tlsOption(STRICT_SPEC)],
          { namespace: 'a0008' },
          [
            {
              target: 'kubernetes:IngressRouteTCP',
              reason: 'forbidden',
              message: 'ingressroutetcps.traefik.io is forbidden',
            },
          ],
        );

        expect(result.verdict).toBe('unknown');
        expect(result.reason).toBe('forbidden');
      });
    });

    describe('on a host that another router serves', () => {
      function ingress(
        options: { host?: string; entryPoint?: string; option?: string } = {},
      ) {
        return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
  annotations:
    traefik.ingress.kubernetes.io/router.entrypoints: ${
      options.entryPoint ?? 'websecure'
    }
    traefik.ingress.kubernetes.io/router.tls.options: ${
      options.option ?? 'a0008-other@kubernetescrd'
    }
spec:
  ingressClassName: traefik
  rules:
  - host: ${options.host ?? 'App.aks-ingress.contoso.com'}
`);
      }

      // Both named options meet the bar, and only default does not.
      const OPTIONS = [
        ...tlsOption(STRICT_SPEC),
        ...tlsOption(STRICT_SPEC, { name: 'other' }),
        ...traefikToml(WEAK_DEFAULT_TOML),
      ];

      it('judges default where two options meet', () => {
        const result = resultFor([
          ...ingressRoute(NAMED_STRICT),
          ...ingress(),
          ...OPTIONS,
        ]);

        expect(result.verdict).toBe('fail');
        expect(result.evidence).toContainEqual(
          expect.objectContaining({
            resource: ROUTE,
            observed: 'app.aks-ingress.contoso.com',
            note: 'a0008/Ingress/app routes host app.aks-ingress.contoso.com with TLS option a0008-other@kubernetescrd, so Traefik serves the host with TLS option default',
          }),
        );
        expect(result.evidence).toContainEqual(
          expect.objectContaining({
            resource: 'a0008/Ingress/app',
            note: expect.stringContaining(`${ROUTE} routes host`),
          }),
        );
      });

      it('passes routers of one host with one option', () => {
        const result = resultFor([
          ...ingressRoute(NAMED_STRICT),
          ...ingress({ option: 'a0008-strict@kubernetescrd' }),
          ...OPTIONS,
        ]);

        expect(result.verdict).toBe('pass');
      });

      it('passes routers of different hosts', () => {
        const result = resultFor([
          ...ingressRoute(NAMED_STRICT),
          ...ingress({ host: 'other.aks-ingress.contoso.com' }),
          ...OPTIONS,
        ]);

        expect(result.verdict).toBe('pass');
      });

      it('passes routers on different entry points', () => {
        const result = resultFor([
          ...ingressRoute(NAMED_STRICT),
          ...ingress({ entryPoint: 'internal' }),
          ...OPTIONS,
        ]);

        expect(result.verdict).toBe('pass');
      });
    });

    it('adds default for a route without a Host matcher', () => {
      const route = kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: app-route
  namespace: a0008
spec:
  entryPoints: [websecure]
  routes:
  - match: PathPrefix(\`/\`)
    kind: Rule
    services:
    - name: app
      port: 80
${NAMED_STRICT}
`);
      const result = resultFor([
        ...route,
        ...tlsOption(STRICT_SPEC),
        ...traefikToml(WEAK_DEFAULT_TOML),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain(`${ROUTE} with TLS option default`);
      expect(result.evidence).toContainEqual(
        expect.objectContaining({ resource: ROUTE, path: 'spec.routes' }),
      );
    });

    it('fails a named TLSOption that allows TLS 1.0', () => {
      const result = resultFor([
        ...ingressRoute(NAMED_STRICT),
        ...tlsOption(STRICT_SPEC.replace('VersionTLS12', 'VersionTLS10')),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain(ROUTE);
      expect(result.message).toContain('VersionTLS10');
    });

    it('fails a named TLSOption without sniStrict', () => {
      const result = resultFor([
        ...ingressRoute(NAMED_STRICT),
        ...tlsOption(STRICT_SPEC.replace('  sniStrict: true\n', '')),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('sniStrict');
    });

    it.each(['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1'])(
      'judges a %s route and TLSOption',
      apiVersion => {
        const passing = resultFor([
          ...ingressRoute(NAMED_STRICT, { apiVersion }),
          ...tlsOption(STRICT_SPEC, { apiVersion }),
        ]);
        const failing = resultFor([
          ...ingressRoute(NAMED_STRICT, { apiVersion }),
          ...tlsOption(STRICT_SPEC.replace('VersionTLS12', 'VersionTLS11'), {
            apiVersion,
          }),
        ]);

        expect(passing.verdict).toBe('pass');
        expect(failing.verdict).toBe('fail');
        expect(failing.message).toContain('VersionTLS11');
      },
    );

    it('is unknown for a route of another API group', () => {
      const result = resultFor([
        ...ingressRoute(NAMED_STRICT, {
          apiVersion: 'contour.heptio.com/v1beta1',
        }),
        ...tlsOption(STRICT_SPEC),
      ]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unsupported-route');
      expect(result.message).toContain('contour.heptio.com/v1beta1');
    });

    it('resolves a TLSOption of another namespace', () => {
      const result = resultFor([
        ...ingressRoute(
          '  tls:\n    options:\n      name: strict\n      namespace: traefik',
        ),
        ...tlsOption(STRICT_SPEC, { namespace: 'traefik' }),
        ...tlsOption(STRICT_SPEC.replace('VersionTLS12', 'VersionTLS10')),
      ]);

      expect(result.verdict).toBe('pass');
      expect(result.evidence.map(item => item.resource)).toContain(
        'traefik/TLSOption/strict',
      );
      expect(result.evidence.map(item => item.resource)).not.toContain(
        'a0008/TLSOption/strict',
      );
      expect(result.evidence).toContainEqual(
        expect.objectContaining({
          note: expect.stringContaining('allowCrossNamespace'),
        }),
      );
    });

    it('accepts another namespace with allowCrossNamespace', () => {
      const result = resultFor([
        ...ingressRoute(
          '  tls:\n    options:\n      name: strict\n      namespace: traefik',
        ),
        ...tlsOption(STRICT_SPEC, { namespace: 'traefik' }),
        ...traefikDeployment(
          'traefik',
          [
            '--providers.kubernetescrd',
            '--providers.kubernetescrd.allowCrossNamespace=true',
          ],
          WEAK_DEFAULT_TOML,
        ),
      ]);

      expect(result.verdict).toBe('pass');
      expect(result.evidence).toContainEqual(
        expect.objectContaining({
          path: 'container traefik args providers.kubernetesCRD.allowCrossNamespace',
          observed: 'true',
        }),
      );
    });

    it('is unknown for another namespace without allowCrossNamespace', () => {
      const result = resultFor([
        ...ingressRoute(
          '  tls:\n    options:\n      name: strict\n      namespace: traefik',
        ),
        ...tlsOption(STRICT_SPEC, { namespace: 'traefik' }),
        ...traefikDeployment(
          'traefik',
          ['--providers.kubernetescrd'],
          STRICT_DEFAULT_TOML,
        ),
      ]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unresolved-reference');
      expect(result.message).toContain('traefik-strict@kubernetescrd');
      expect(result.message).toContain('allowCrossNamespace');
    });

    it('is unknown for a @kubernetescrd name without allowCrossNamespace', () => {
      const result = resultFor([
        ...ingressRoute(
          '  tls:\n    options:\n      name: a0008-strict@kubernetescrd',
        ),
        ...tlsOption(STRICT_SPEC),
        ...traefikDeployment(
          'traefik',
          ['--providers.kubernetescrd'],
          STRICT_DEFAULT_TOML,
        ),
      ]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unresolved-reference');
      expect(result.message).toContain('allowCrossNamespace');
    });

    it('resolves an option of the file provider by name@file', () => {
      const result = resultFor([
        ...ingressRoute('  tls:\n    options:\n      name: strict@file'),
        ...traefikToml(`
[tls.options.default]
  minVersion = "VersionTLS10"
[tls.options.strict]
  minVersion = "VersionTLS12"
  sniStrict = true
  ${APPROVED_CIPHERS}
`),
      ]);

      expect(result.verdict).toBe('pass');
      expect(result.evidence).toContainEqual(
        expect.objectContaining({
          path: 'data["traefik.toml"] tls.options.strict.minVersion',
        }),
      );
    });

    it('passes the default option without options', () => {
      const result = resultFor([
        ...ingressRoute(NO_OPTIONS),
        ...traefikToml(STRICT_DEFAULT_TOML),
      ]);

      expect(result.verdict).toBe('pass');
      expect(result.evidence).toContainEqual(
        expect.objectContaining({
          path: 'data["traefik.toml"] tls.options.default.minVersion',
          observed: 'VersionTLS12',
        }),
      );
    });

    it('fails a weak default option without options', () => {
      const result = resultFor([
        ...ingressRoute(NO_OPTIONS),
        ...traefikToml(WEAK_DEFAULT_TOML),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain(ROUTE);
      expect(result.message).toContain('VersionTLS10');
    });

    it('fails the built-in default without any option defined', () => {
      const result = resultFor([
        ...ingressRoute('  tls: {}'),
        ...traefikToml('[entryPoints.websecure]\n  address = ":8443"'),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain(ROUTE);
      expect(result.message).toContain('sniStrict');
    });

    it('ignores the entry point option of a route with TLS', () => {
      const result = resultFor([
        ...ingressRoute(NO_OPTIONS),
        ...traefikToml(`
[entryPoints.websecure.http.tls]
  options = "strict@file"
${WEAK_DEFAULT_TOML}
[tls.options.strict]
  minVersion = "VersionTLS12"
  sniStrict = true
  ${APPROVED_CIPHERS}
`),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('VersionTLS10');
    });

    it('judges the default TLSOption without options', () => {
      const result = resultFor([
        ...ingressRoute(NO_OPTIONS),
        ...tlsOption(STRICT_SPEC.replace('VersionTLS12', 'VersionTLS10'), {
          name: 'default',
          namespace: 'traefik',
        }),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.evidence.map(item => item.resource)).toContain(
        'traefik/TLSOption/default',
      );
    });

    it('is unknown when the named TLSOption does not exist', () => {
      const result = resultFor([
        ...ingressRoute('  tls:\n    options:\n      name: missing'),
        ...tlsOption(STRICT_SPEC),
      ]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unresolved-reference');
      expect(result.message).toContain('a0008-missing@kubernetescrd');
    });

    it.each([
      ['a named option', NAMED_STRICT],
      ['the default option', NO_OPTIONS],
    ])('is unknown for %s without the TLSOption list', (_case, tls) => {
      const result = resultFor(
        [...ingressRoute(tls), ...traefikToml(STRICT_DEFAULT_TOML)],
        undefined,
        [TLS_OPTION_LIST_FORBIDDEN],
      );

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('forbidden');
      expect(result.message).toContain(ROUTE);
      expect(result.message).toContain('tlsoptions.traefik.io is forbidden');
    });

    it.each([
      ['spec.tls', '  tls: true', 'true'],
      ['spec.tls.options', '  tls:\n    options: strict', '"strict"'],
      [
        'spec.tls.options.name',
        '  tls:\n    options:\n      namespace: a0008',
        'missing',
      ],
      ['spec.tls.options.name', '  tls:\n    options:\n      name: 42', '42'],
      [
        'spec.tls.options.namespace',
        '  tls:\n    options:\n      name: strict\n      namespace: [a0008]',
        '["a0008"]',
      ],
    ])('is unknown for an invalid %s (%#)', (path, tls, shown) => {
      const result = resultFor([
        ...ingressRoute(tls),
        ...tlsOption(STRICT_SPEC),
      ]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('invalid-document');
      expect(result.message).toContain(`${path} of ${ROUTE} is`);
      expect(result.message).toContain(shown);
      expect(result.evidence).toContainEqual(
        expect.objectContaining({ resource: ROUTE, path }),
      );
    });

    it('uses the default option for an empty name', () => {
      const result = resultFor([
        ...ingressRoute('  tls:\n    options:\n      name: ""'),
        ...traefikToml(WEAK_DEFAULT_TOML),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('VersionTLS10');
    });

    it('judges the TLS option of a route with passthrough', () => {
      const result = resultFor([
        ...ingressRoute(
          '  tls:\n    passthrough: true\n    options:\n      name: strict',
        ),
        ...tlsOption(STRICT_SPEC.replace('VersionTLS12', 'VersionTLS10')),
      ]);

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('VersionTLS10');
      expect(result.evidence).toContainEqual(
        expect.objectContaining({
          path: 'spec.tls.passthrough',
          observed: true,
          note: expect.stringContaining('IngressRouteTCP'),
        }),
      );
    });

    it('is unknown when the configuration does not parse', () => {
      const result = resultFor([
        ...ingressRoute(NO_OPTIONS),
        ...traefikToml('[tls.options.default\n  sniStrict = true'),
      ]);

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('invalid-document');
      expect(result.message).toContain('TLS option default');
    });

    describe('served by a Traefik controller', () => {
      const CONTROLLERS = [
        ...traefikDeployment(
          'traefik-internal',
          [
            '--providers.kubernetescrd',
            '--providers.kubernetescrd.ingressclass=internal',
          ],
          STRICT_DEFAULT_TOML,
        ),
        ...traefikDeployment(
          'traefik-public',
          ['--providers.kubernetescrd'],
          WEAK_DEFAULT_TOML,
        ),
      ];

      it.each([
        [
          'the annotation',
          { annotations: '    kubernetes.io/ingress.class: internal' },
        ],
        ['spec.ingressClassName', { spec: '  ingressClassName: internal' }],
      ])('judges the controller of the class in %s', (_case, route) => {
        const result = resultFor([
          ...ingressRoute(NO_OPTIONS, route),
          ...CONTROLLERS,
        ]);

        expect(result.verdict).toBe('pass');
        expect(result.evidence.map(item => item.resource)).toContain(
          'traefik/ConfigMap/traefik-internal-dynamic',
        );
        expect(result.evidence.map(item => item.resource)).not.toContain(
          'traefik/ConfigMap/traefik-public-dynamic',
        );
      });

      it('judges the controller without a class for a route without one', () => {
        const result = resultFor([...ingressRoute(NO_OPTIONS), ...CONTROLLERS]);

        expect(result.verdict).toBe('fail');
        expect(result.message).toContain(`${ROUTE}: minVersion VersionTLS10`);
      });

      it('judges every controller when none serves the class', () => {
        const result = resultFor([
          ...ingressRoute(NO_OPTIONS, {
            annotations: '    kubernetes.io/ingress.class: unknown-class',
          }),
          ...CONTROLLERS,
        ]);

        expect(result.verdict).toBe('fail');
        expect(result.message).toContain(
          `${ROUTE} on traefik/Deployment/traefik-public`,
        );
        expect(result.evidence).toContainEqual(
          expect.objectContaining({
            elements: [`${ROUTE} on traefik/Deployment/traefik-internal`],
          }),
        );
      });

      it('is unknown when the static configuration was not read', () => {
        const result = resultFor([
          ...ingressRoute(NO_OPTIONS),
          ...aksBaselineTraefik({
            deployment: configVolumeNamed('traefik-ingress-config-v2'),
          }),
        ]);

        expect(result.verdict).toBe('unknown');
        expect(result.reason).toBe('missing-resource');
        expect(result.message).toContain('traefik-ingress-config-v2');
      });

      it('is unknown when a provider file does not parse', () => {
        const result = resultFor([
          ...ingressRoute(NO_OPTIONS),
          ...aksBaselineTraefik({
            deployment: containerArgsSetTo([
              '--entryPoints.websecure.address=:8443',
              '--providers.kubernetescrd',
              '--providers.file.directory=/config',
            ]),
            extraData: { 'extra.yaml': 'http:\n  middlewares: [unclosed' },
          }),
        ]);

        expect(result.verdict).toBe('unknown');
        expect(result.reason).toBe('invalid-document');
        expect(result.evidence).toContainEqual(
          expect.objectContaining({ path: 'data["extra.yaml"]' }),
        );
      });

      it('warns on the aks-baseline default option', () => {
        const result = resultFor([
          ...fixture('aks-baseline/traefik.yaml'),
          ...ingressRoute(NO_OPTIONS),
        ]);

        expect(result.verdict).toBe('warn');
        expect(result.reason).toBe('ciphers-not-pinned');
        expect(result.message).toContain(ROUTE);
      });
    });
  });

  describe('Gateway API', () => {
    function gateway(className: string, listener: string, namespace = 'a0008') {
      return kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: internal
  namespace: ${namespace}
spec:
  gatewayClassName: ${className}
  listeners:
  - name: app
    hostname: app.aks-ingress.contoso.com
    port: 443
${listener}
`);
    }

    const HTTPS = `    protocol: HTTPS
    tls:
      certificateRefs:
      - name: ingress-tls-csi`;

    function route(parentRef: string, kind = 'HTTPRoute') {
      return kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata:
  name: app
  namespace: a0008
spec:
  parentRefs:
  - ${parentRef}
  rules:
  - backendRefs:
    - name: app
      port: 8080
`);
    }

    it('warns on a Gateway that terminates TLS in the cluster', () => {
      const result = resultFor(gateway('approuting-istio', HTTPS));

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('tls-settings-not-pinned');
      expect(result.message).toContain('a0008/Gateway/internal');
      expect(result.message).toContain('the Istio Gateway API implementation');
    });

    it('warns on TLS terminated on a TLS listener', () => {
      const result = resultFor(
        gateway(
          'traefik',
          `    protocol: TLS
    tls:
      mode: Terminate`,
        ),
      );

      expect(result.reason).toBe('tls-settings-not-pinned');
    });

    it('is not applicable to a Gateway that passes TLS through', () => {
      const result = resultFor(
        gateway(
          'approuting-istio',
          `    protocol: TLS
    tls:
      mode: Passthrough`,
        ),
      );

      expect(result.verdict).toBe('not-applicable');
    });

    it('is not applicable to Application Gateway for Containers', () => {
      expect(resultFor(gateway('azure-alb-external', HTTPS)).verdict).toBe(
        'not-applicable',
      );
    });

    it('is unknown for a Gateway of an unidentified class', () => {
      const result = resultFor(gateway('envoy-internal', HTTPS));

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unidentified-controller');
    });

    it('judges the Gateway of another namespace that a route names', () => {
      const result = resultFor([
        ...gateway(
          'approuting-istio',
          `${HTTPS}
    allowedRoutes:
      namespaces:
        from: All`,
          'gateways',
        ),
        ...route('{name: internal, namespace: gateways}'),
      ]);

      expect(result.reason).toBe('tls-settings-not-pinned');
      expect(result.message).toContain('gateways/Gateway/internal');
    });

    it('judges the Gateway of another namespace that a GRPCRoute names', () => {
      const result = resultFor([
        ...gateway(
          'approuting-istio',
          `${HTTPS}
    allowedRoutes:
      namespaces:
        from: All`,
          'gateways',
        ),
        ...route('{name: internal, namespace: gateways}', 'GRPCRoute'),
      ]);

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('tls-settings-not-pinned');
      expect(result.message).toContain('gateways/Gateway/internal');
    });

    it.each([
      [
        '{name: shared, namespace: gateways, sectionName: http}',
        'not-applicable',
      ],
      ['{name: shared, namespace: gateways, sectionName: https}', 'warn'],
      ['{name: shared, namespace: gateways, port: 80}', 'not-applicable'],
      ['{name: shared, namespace: gateways}', 'warn'],
    ])(
      'judges the listeners that route %s attaches to',
      (parentRef, verdict) => {
        const shared = kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shared
  namespace: gateways
spec:
  gatewayClassName: approuting-istio
  listeners:
  - name: http
    protocol: HTTP
    port: 80
    allowedRoutes:
      namespaces:
        from: All
  - name: https
    protocol: HTTPS
    port: 443
    allowedRoutes:
      namespaces:
        from: All
`);

        expect(resultFor([...shared, ...route(parentRef)]).verdict).toBe(
          verdict,
        );
      },
    );

    it('is unknown for a route whose Gateway was not read', () => {
      const result = resultFor(route('{name: shared, namespace: gateways}'));

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('missing-resource');
      expect(result.message).toContain(
        'a0008/HTTPRoute/app attaches to gateways/Gateway/shared',
      );
    });

    it('judges a Gateway once for its own listener and its routes', () => {
      const result = resultFor([
        ...gateway('approuting-istio', HTTPS),
        ...route('{name: internal}'),
      ]);

      expect(result.evidence).toHaveLength(1);
    });
  });
});

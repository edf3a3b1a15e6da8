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

  it('is unknown for a Traefik IngressRoute with TLS', () => {
    const result = resultFor([
      ...fixture('aks-baseline/traefik.yaml'),
      ...kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: app-route
  namespace: a0008
spec:
  entryPoints: [websecure]
  routes:
  - match: Host(\`app.aks-ingress.contoso.com\`)
    kind: Rule
    services:
    - name: app
      port: 80
  tls:
    options:
      name: legacy
`),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unsupported-route');
    expect(result.message).toContain('a0008/IngressRoute/app-route');
  });
});

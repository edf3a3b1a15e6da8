import { evaluate } from '../../../evaluator/evaluate';
import {
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import {
  aksBaselineTraefik,
  configVolumeNamed,
  withoutFileProvider,
} from '../../../__testUtils__/traefikFixture';
import { AssessmentScope, ReadFailure, Resource } from '../../../types';
import { controllerCertCsi } from './controllerCertCsi';

function resultFor(
  resources: Resource[],
  scope: AssessmentScope = { namespace: 'a0008' },
  failures: ReadFailure[] = [],
) {
  return evaluate(
    resourceSet({ resources, scope, failures, kubernetesNamespaceRead: true }),
    {
      checks: [controllerCertCsi],
    },
  ).checks[0];
}

/** The SecretProviderClass that aks-baseline creates imperatively during deployment. */
const AKS_BASELINE_SPC = kubernetes(`
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: aks-ingress-tls-secret-csi-akv
  namespace: a0008
spec:
  provider: azure
  parameters:
    clientID: 00000000-0000-0000-0000-000000000002
    usePodIdentity: "false"
    useVMManagedIdentity: "false"
    keyvaultName: kv-aks-baseline
    objects: |
      array:
        - |
          objectName: traefik-ingress-internal-aks-ingress-tls
          objectAlias: tls.crt
          objectType: cert
        - |
          objectName: traefik-ingress-internal-aks-ingress-tls
          objectAlias: tls.key
          objectType: secret
    tenantID: 00000000-0000-0000-0000-000000000003
`);

function nginxController(volume: string, args: string[]) {
  return kubernetes(`
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
        args: ${JSON.stringify(['/nginx-ingress-controller', ...args])}
        volumeMounts:
        - name: ssl-csi
          mountPath: /certs
          readOnly: true
      volumes:
${volume}
`);
}

const CSI_VOLUME = `
      - name: ssl-csi
        csi:
          driver: secrets-store.csi.k8s.io
          readOnly: true
          volumeAttributes:
            secretProviderClass: ingress-tls`;

const SYNCING_SPC = kubernetes(`
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: ingress-tls
  namespace: ingress-nginx
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

describe('ingress.k8s.controller-cert-csi', () => {
  it('passes Traefik with its SecretProviderClass', () => {
    const result = resultFor([
      ...fixture('aks-baseline/traefik.yaml'),
      ...AKS_BASELINE_SPC,
    ]);
    expect(result.verdict).toBe('pass');
  });

  it('passes NGINX whose default certificate the mounted class syncs', () => {
    const result = resultFor([
      ...nginxController(CSI_VOLUME, [
        '--default-ssl-certificate=$(POD_NAMESPACE)/ingress-tls-csi',
      ]),
      ...SYNCING_SPC,
    ]);
    expect(result.verdict).toBe('pass');
  });

  it('fails NGINX whose default certificate is a plain Secret', () => {
    const result = resultFor([
      ...nginxController(CSI_VOLUME, [
        '--default-ssl-certificate=ingress-nginx/hand-made-tls',
      ]),
      ...SYNCING_SPC,
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('ingress-nginx/hand-made-tls');
  });

  it('fails NGINX without any certificate, which serves its fake one', () => {
    const result = resultFor([
      ...nginxController(CSI_VOLUME, []),
      ...SYNCING_SPC,
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('self-generated');
  });

  it('fails a controller without a CSI volume', () => {
    const result = resultFor(
      nginxController(
        `
      - name: ssl-csi
        secret:
          secretName: ingress-tls-csi`,
        ['--default-ssl-certificate=ingress-nginx/ingress-tls-csi'],
      ),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual([
      'ingress-nginx/Deployment/ingress-nginx-controller',
    ]);
  });

  it('warns when the CSI volume is not read-only', () => {
    const writable = CSI_VOLUME.replace('readOnly: true', 'readOnly: false');
    const result = resultFor([
      ...nginxController(writable, [
        '--default-ssl-certificate=ingress-nginx/ingress-tls-csi',
      ]),
      ...SYNCING_SPC,
    ]);
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('writable-csi-volume');
  });

  it('fails Traefik whose certificate files are outside the CSI mount', () => {
    const traefik = fixture('aks-baseline/traefik.yaml').map(resource =>
      resource.kind === 'kubernetes' && resource.objectKind === 'ConfigMap'
        ? {
            ...resource,
            body: {
              ...resource.body,
              data: {
                'traefik.toml': String(
                  (resource.body.data as Record<string, string>)[
                    'traefik.toml'
                  ],
                ).replace(/\/certs\/tls\.key/g, '/data/tls.key'),
              },
            },
          }
        : resource,
    );
    const result = resultFor([...traefik, ...AKS_BASELINE_SPC]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('/data/tls.key');
  });

  it('is unknown when the SecretProviderClass list failed', () => {
    const result = resultFor(
      fixture('aks-baseline/traefik.yaml'),
      { namespace: 'a0008' },
      [
        {
          target: 'kubernetes:SecretProviderClass',
          reason: 'forbidden',
          message: 'secretproviderclasses is forbidden',
        },
      ],
    );
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });

  it('is unknown when Ingresses name Traefik but no controller was read', () => {
    const result = resultFor(fixture('aks-baseline/02-aspnetapp-ingress.yaml'));
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('is unknown when nothing about the controller was read', () => {
    expect(resultFor([]).verdict).toBe('unknown');
  });

  describe('configuration the Traefik controller loads', () => {
    it('fails without a file provider', () => {
      const result = resultFor([
        ...aksBaselineTraefik({ toml: withoutFileProvider }),
        ...AKS_BASELINE_SPC,
      ]);
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('self-generated');
    });

    it('is unknown when the mounted ConfigMap was not read', () => {
      const result = resultFor([
        ...aksBaselineTraefik({
          deployment: configVolumeNamed('traefik-ingress-config-v2'),
        }),
        ...AKS_BASELINE_SPC,
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
      certificates:
        - certFile: /data/tls.crt
          keyFile: /data/tls.key
`);
      const result = resultFor([
        ...aksBaselineTraefik(),
        ...AKS_BASELINE_SPC,
        ...appSettings,
      ]);
      expect(result.verdict).toBe('pass');
    });
  });

  describe('fixtures', () => {
    it('fails aks-baseline manifests, which do not create the SecretProviderClass', () => {
      const result = resultFor([
        ...fixture('aks-baseline/traefik.yaml'),
        ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
      ]);
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('aks-ingress-tls-secret-csi-akv');
    });

    it('passes the regulated ingress-nginx with its SecretProviderClass', () => {
      const result = resultFor(
        [
          ...fixture('aks-baseline-regulated/deployment.yaml'),
          ...fixture('aks-baseline-regulated/ingress.yaml'),
          ...fixture('aks-baseline-regulated/akv-tls-provider.yaml'),
        ],
        {},
      );
      expect(result.verdict).toBe('pass');
      expect(result.evidence.map(item => item.observed)).toContain(
        'ingress-nginx/ingress-tls-csi',
      );
    });

    it('fails the regulated ingress-nginx without its SecretProviderClass', () => {
      const result = resultFor(
        fixture('aks-baseline-regulated/deployment.yaml'),
        {},
      );
      expect(result.verdict).toBe('fail');
    });

    it('is not applicable to an AGIC Ingress', () => {
      expect(resultFor(fixture('agic/ingress-https.yaml'), {}).verdict).toBe(
        'not-applicable',
      );
    });
  });
});

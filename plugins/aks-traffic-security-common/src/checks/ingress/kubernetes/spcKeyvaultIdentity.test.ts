import { stringify } from 'yaml';
import { evaluate } from '../../../evaluator/evaluate';
import {
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import { AssessmentScope, Resource } from '../../../types';
import { spcKeyvaultIdentity } from './spcKeyvaultIdentity';

function resultFor(
  resources: Resource[],
  scope: AssessmentScope = { namespace: 'a0008' },
) {
  return evaluate(
    resourceSet({ resources, scope, kubernetesNamespaceRead: true }),
    {
      checks: [spcKeyvaultIdentity],
    },
  ).checks[0];
}

const WORKLOAD_IDENTITY = {
  clientID: '00000000-0000-0000-0000-000000000002',
  usePodIdentity: 'false',
  useVMManagedIdentity: 'false',
  keyvaultName: 'kv-ingress',
  tenantID: '00000000-0000-0000-0000-000000000003',
};

const CERT_AND_KEY = `array:
  - |
    objectName: ingress-tls
    objectAlias: tls.crt
    objectType: cert
  - |
    objectName: ingress-tls
    objectAlias: tls.key
    objectType: secret
`;

function spcObject(name: string, spec: Record<string, unknown>) {
  return kubernetes(
    stringify({
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: { name, namespace: 'a0008' },
      spec,
    }),
  );
}

function spc(parameters: Record<string, string>, provider = 'azure') {
  return spcObject('ingress-tls', { provider, parameters });
}

function withSecretObjects(
  parameters: Record<string, string>,
  secretObjects: unknown[],
) {
  return spcObject('ingress-tls', {
    provider: 'azure',
    parameters,
    secretObjects,
  });
}

describe('ingress.k8s.spc-keyvault-identity', () => {
  it('passes workload identity with a certificate object', () => {
    const result = resultFor(
      spc({ ...WORKLOAD_IDENTITY, objects: CERT_AND_KEY }),
    );
    expect(result.verdict).toBe('pass');
  });

  it('fails a provider other than azure', () => {
    const result = resultFor(
      spc({ ...WORKLOAD_IDENTITY, objects: CERT_AND_KEY }, 'vault'),
    );
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('provider is vault');
  });

  it('fails an empty keyvaultName', () => {
    expect(
      resultFor(
        spc({ ...WORKLOAD_IDENTITY, keyvaultName: ' ', objects: CERT_AND_KEY }),
      ).verdict,
    ).toBe('fail');
  });

  it.each(['true', '1', 't', 'T', 'TRUE', 'True'])(
    'fails usePodIdentity "%s", which ParseBool reads as true',
    value => {
      const result = resultFor(
        spc({
          ...WORKLOAD_IDENTITY,
          usePodIdentity: value,
          objects: CERT_AND_KEY,
        }),
      );
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('usePodIdentity is true');
    },
  );

  it('fails usePodIdentity "yes", which the provider cannot parse', () => {
    const result = resultFor(
      spc({
        ...WORKLOAD_IDENTITY,
        usePodIdentity: 'yes',
        objects: CERT_AND_KEY,
      }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('not a boolean');
  });

  it('does not read parameter keys case-insensitively', () => {
    const { clientID, ...rest } = WORKLOAD_IDENTITY;
    const result = resultFor(
      spc({ ...rest, clientId: clientID, objects: CERT_AND_KEY }),
    );
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('no-identity');
  });

  it('warns on the VM managed identity', () => {
    const result = resultFor(
      spc({
        ...WORKLOAD_IDENTITY,
        clientID: '',
        useVMManagedIdentity: 'true',
        objects: CERT_AND_KEY,
      }),
    );
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('vm-managed-identity');
  });

  it('warns when only the deprecated tenantId is set', () => {
    const { tenantID, ...rest } = WORKLOAD_IDENTITY;
    const result = resultFor(
      spc({ ...rest, tenantId: tenantID, objects: CERT_AND_KEY }),
    );
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('deprecated-tenant-id');
  });

  it('fails when objects is not YAML with an array', () => {
    const result = resultFor(
      spc({ ...WORKLOAD_IDENTITY, objects: 'objectName: ingress-tls' }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('array');
  });

  it('fails when objects lists no certificate', () => {
    const result = resultFor(
      spc({
        ...WORKLOAD_IDENTITY,
        objects:
          'array:\n  - |\n    objectName: signing-key\n    objectType: key\n',
      }),
    );
    expect(result.verdict).toBe('fail');
  });

  it('warns when secretObjects syncs a TLS Secret from a secret object', () => {
    const result = resultFor(
      withSecretObjects(
        {
          ...WORKLOAD_IDENTITY,
          objects:
            'array:\n  - |\n    objectName: ingress-tls\n    objectType: secret\n',
        },
        [
          {
            secretName: 'ingress-tls-csi',
            type: 'kubernetes.io/tls',
            data: [
              { objectName: 'ingress-tls', key: 'tls.key' },
              { objectName: 'ingress-tls', key: 'tls.crt' },
            ],
          },
        ],
      ),
    );
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('synced-to-secret');
  });

  it('passes a synced Secret that holds no private key', () => {
    const result = resultFor(
      withSecretObjects({ ...WORKLOAD_IDENTITY, objects: CERT_AND_KEY }, [
        {
          secretName: 'ca-bundle',
          type: 'Opaque',
          data: [{ objectName: 'tls.crt', key: 'ca.crt' }],
        },
      ]),
    );
    expect(result.verdict).toBe('pass');
  });

  it('fails a TLS Secret whose key comes from a cert object', () => {
    const result = resultFor(
      withSecretObjects(
        {
          ...WORKLOAD_IDENTITY,
          objects:
            'array:\n  - |\n    objectName: ingress-tls\n    objectType: cert\n',
        },
        [
          {
            secretName: 'ingress-tls-csi',
            type: 'kubernetes.io/tls',
            data: [
              { objectName: 'ingress-tls', key: 'tls.key' },
              { objectName: 'ingress-tls', key: 'tls.crt' },
            ],
          },
        ],
      ),
    );
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('objectType cert');
  });

  it('fails a Traefik key file that comes from a cert object', () => {
    const certOnly = `array:
  - |
    objectName: ingress-tls
    objectAlias: tls.crt
    objectType: cert
  - |
    objectName: ingress-tls
    objectAlias: tls.key
    objectType: cert
`;
    const controllerSpc = spcObject('aks-ingress-tls-secret-csi-akv', {
      provider: 'azure',
      parameters: { ...WORKLOAD_IDENTITY, objects: certOnly },
    });
    const result = resultFor([
      ...fixture('aks-baseline/traefik.yaml'),
      ...controllerSpc,
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('private key tls.key');
  });

  it('is not applicable without a SecretProviderClass', () => {
    expect(resultFor([]).verdict).toBe('not-applicable');
  });

  it('is unknown when the SecretProviderClass list failed', () => {
    const result = evaluate(
      resourceSet({
        resources: [],
        kubernetesNamespaceRead: true,
        failures: [
          {
            target: 'kubernetes:SecretProviderClass',
            reason: 'forbidden',
            message: 'forbidden',
          },
        ],
      }),
      { checks: [spcKeyvaultIdentity] },
    ).checks[0];
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });

  describe('fixtures', () => {
    it('passes the aks-baseline class created during deployment, with Traefik reading tls.key', () => {
      const aksBaselineSpc = spcObject('aks-ingress-tls-secret-csi-akv', {
        provider: 'azure',
        parameters: {
          ...WORKLOAD_IDENTITY,
          objects: CERT_AND_KEY.replace(
            /ingress-tls/g,
            'traefik-ingress-internal-aks-ingress-tls',
          ),
        },
      });
      const result = resultFor([
        ...fixture('aks-baseline/traefik.yaml'),
        ...aksBaselineSpc,
      ]);
      expect(result.verdict).toBe('pass');
    });

    it('warns on the regulated class, which syncs the key into a Secret', () => {
      const result = resultFor(
        [
          ...fixture('aks-baseline-regulated/akv-tls-provider.yaml'),
          ...fixture('aks-baseline-regulated/deployment.yaml'),
        ],
        {},
      );
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('synced-to-secret');
      expect(result.message).not.toContain('objectType');
    });

    it('warns on the sync example: no identity, tenantId only, synced Secret', () => {
      const result = resultFor(
        fixture(
          'secrets-store-csi-provider-azure/tls_synck8s_v1alpha1_secretproviderclass.yaml',
        ),
        {},
      );
      expect(result.verdict).toBe('warn');
      expect(result.message).toContain('no identity parameter');
      expect(result.message).toContain('tenantId');
      expect(result.message).toContain('secretObjects');
    });

    it('fails the pod identity example', () => {
      const result = resultFor(
        fixture(
          'secrets-store-csi-provider-azure/v1alpha1_secretproviderclass_pod_identity.yaml',
        ),
        {},
      );
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('usePodIdentity');
    });

    it('warns on the VM managed identity example', () => {
      const result = resultFor(
        fixture(
          'secrets-store-csi-provider-azure/v1alpha1_secretproviderclass_user_assigned_identity.yaml',
        ),
        {},
      );
      expect(result.verdict).toBe('warn');
      expect(result.message).toContain('useVMManagedIdentity');
    });
  });
});

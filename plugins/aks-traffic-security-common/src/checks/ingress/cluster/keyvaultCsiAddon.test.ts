import { evaluate } from '../../../evaluator/evaluate';
import {
  arm,
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import { Resource } from '../../../types';
import { keyvaultCsiAddon } from './keyvaultCsiAddon';

const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1';

function cluster(addonProfiles?: Record<string, unknown>) {
  return arm({
    id: CLUSTER_ID,
    name: 'aks-1',
    type: 'Microsoft.ContainerService/managedClusters',
    properties: (addonProfiles === undefined ? {} : { addonProfiles }) as any,
  });
}

function resultFor(resources: Resource[], scope = {}) {
  return evaluate(resourceSet({ resources, scope }), {
    checks: [keyvaultCsiAddon],
  }).checks[0];
}

const TRAEFIK_WITH_CSI = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: traefik-ingress-controller
  namespace: a0008
spec:
  template:
    spec:
      containers:
      - name: traefik
        image: docker.io/library/traefik:v3.4
        volumeMounts:
        - name: ssl-csi
          mountPath: /certs
          readOnly: true
      volumes:
      - name: ssl-csi
        csi:
          driver: secrets-store.csi.k8s.io
          readOnly: true
          volumeAttributes:
            secretProviderClass: ingress-tls
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: ingress-tls
  namespace: a0008
spec:
  provider: azure
`;

describe('ingress.aks.keyvault-csi-addon', () => {
  it('passes when the add-on is enabled', () => {
    const result = resultFor([
      cluster({ azureKeyvaultSecretsProvider: { enabled: true } }),
    ]);
    expect(result.verdict).toBe('pass');
  });

  it.each([
    'azureKeyVaultSecretsProvider',
    'azurekeyvaultsecretsprovider',
    'AZUREKEYVAULTSECRETSPROVIDER',
  ])('matches the add-on key %s case-insensitively', key => {
    const result = resultFor([cluster({ [key]: { enabled: true } })]);
    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].path).toBe(
      `properties.addonProfiles.${key}.enabled`,
    );
  });

  it('fails when the add-on is disabled', () => {
    const result = resultFor([
      cluster({ azureKeyvaultSecretsProvider: { enabled: false } }),
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].observed).toBe(false);
  });

  it.each([
    [
      [{ azureKeyvaultSecretsProvider: { enabled: true } }],
      'properties.addonProfiles',
    ],
    [
      { azureKeyvaultSecretsProvider: 'on' },
      'properties.addonProfiles.azureKeyvaultSecretsProvider',
    ],
  ])('is unknown for add-on profiles %j', (addonProfiles, path) => {
    const result = resultFor([cluster(addonProfiles as any)]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
    expect(result.evidence[0].path).toBe(path);
  });

  it('fails when the add-on profile is absent', () => {
    expect(
      resultFor([cluster({ azurepolicy: { enabled: true } })]).verdict,
    ).toBe('fail');
    expect(resultFor([cluster()]).verdict).toBe('fail');
  });

  it('warns when a driver not managed by AKS serves a working mount', () => {
    const result = resultFor([cluster(), ...kubernetes(TRAEFIK_WITH_CSI)], {
      namespace: 'a0008',
    });
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('driver-not-managed-by-aks');
    expect(result.evidence[1].resource).toBe(
      'a0008/Deployment/traefik-ingress-controller',
    );
  });

  it('fails when the mounted SecretProviderClass does not exist', () => {
    const withoutSpc = kubernetes(TRAEFIK_WITH_CSI).filter(
      resource =>
        resource.kind === 'kubernetes' && resource.objectKind === 'Deployment',
    );
    expect(resultFor([cluster(), ...withoutSpc]).verdict).toBe('fail');
  });

  it('is unknown when the cluster was not read', () => {
    const result = resultFor([]);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('passes the AzureKeyvaultSecretsProvider example', () => {
    const result = resultFor(
      fixture(
        'arm-specs-aks-2025-10-01/ManagedClustersCreate_AzureKeyvaultSecretsProvider.json',
      ),
    );
    expect(result.verdict).toBe('pass');
  });

  it.each([
    'ManagedClustersGet.json',
    'ManagedClustersCreate_PrivateClusterPublicFQDN.json',
    'ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
    'ManagedClustersCreate_UserAssignedNATGateway.json',
  ])('fails %s, which has no add-on profiles', file => {
    expect(resultFor(fixture(`arm-specs-aks-2025-10-01/${file}`)).verdict).toBe(
      'fail',
    );
  });

  it('warns for aks-baseline Traefik with its SecretProviderClass and no add-on', () => {
    const spc = kubernetes(`
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: aks-ingress-tls-secret-csi-akv
  namespace: a0008
spec:
  provider: azure
`);
    const result = resultFor(
      [cluster({}), ...fixture('aks-baseline/traefik.yaml'), ...spc],
      {
        namespace: 'a0008',
      },
    );
    expect(result.verdict).toBe('warn');
  });
});

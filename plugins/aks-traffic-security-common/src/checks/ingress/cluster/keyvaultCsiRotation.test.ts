import { evaluate } from '../../../evaluator/evaluate';
import { arm, fixture, resourceSet } from '../../../__testUtils__/resourceSets';
import { Resource } from '../../../types';
import { keyvaultCsiRotation } from './keyvaultCsiRotation';

const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1';

function cluster(addonProfiles: Record<string, unknown>) {
  return arm({
    id: CLUSTER_ID,
    name: 'aks-1',
    type: 'Microsoft.ContainerService/managedClusters',
    properties: { addonProfiles } as any,
  });
}

function resultFor(resources: Resource[]) {
  return evaluate(resourceSet({ resources }), { checks: [keyvaultCsiRotation] })
    .checks[0];
}

function withConfig(config?: Record<string, unknown>) {
  return cluster({
    azureKeyvaultSecretsProvider:
      config === undefined ? { enabled: true } : { enabled: true, config },
  });
}

describe('ingress.aks.keyvault-csi-rotation', () => {
  it('passes when rotation is the string "true"', () => {
    const result = resultFor([
      withConfig({ enableSecretRotation: 'true', rotationPollInterval: '2m' }),
    ]);
    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('2m');
  });

  it.each(['soon', '2', '', 'm', '.s', '2 m', '1h30', '5M', '0', '0s', '-1m'])(
    'warns on the invalid poll interval "%s"',
    interval => {
      const result = resultFor([
        withConfig({
          enableSecretRotation: 'true',
          rotationPollInterval: interval,
        }),
      ]);
      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('malformed-config');
      expect(result.message).toContain('1h30m');
      expect(result.evidence).toContainEqual(
        expect.objectContaining({
          path: 'properties.addonProfiles.azureKeyvaultSecretsProvider.config.rotationPollInterval',
          observed: interval,
        }),
      );
    },
  );

  it('warns on a numeric poll interval', () => {
    const result = resultFor([
      withConfig({ enableSecretRotation: 'true', rotationPollInterval: 120 }),
    ]);
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('malformed-config');
  });

  it.each(['2m', '1h30m', '90s', '1.5h', '500ms', '0.5s', '+2m'])(
    'passes the poll interval "%s"',
    interval => {
      const result = resultFor([
        withConfig({
          enableSecretRotation: 'true',
          rotationPollInterval: interval,
        }),
      ]);
      expect(result.verdict).toBe('pass');
      expect(result.message).toContain(`polling every ${interval}.`);
    },
  );

  it('compares the string case-insensitively', () => {
    expect(
      resultFor([withConfig({ enableSecretRotation: 'True' })]).verdict,
    ).toBe('pass');
  });

  it('reads a differently cased add-on key', () => {
    const result = resultFor([
      cluster({
        azureKeyVaultSecretsProvider: {
          enabled: true,
          config: { enableSecretRotation: 'true' },
        },
      }),
    ]);
    expect(result.verdict).toBe('pass');
  });

  it('warns when rotation is "false", as aks-baseline sets it', () => {
    const result = resultFor([withConfig({ enableSecretRotation: 'false' })]);
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('rotation-disabled');
  });

  it('warns when rotation is not set', () => {
    expect(resultFor([withConfig()]).verdict).toBe('warn');
    expect(
      resultFor([withConfig({ rotationPollInterval: '2m' })]).verdict,
    ).toBe('warn');
  });

  it('warns on a JSON boolean, which is a malformed config', () => {
    const result = resultFor([withConfig({ enableSecretRotation: true })]);
    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('malformed-config');
  });

  it('is not applicable when the add-on is disabled or absent', () => {
    expect(
      resultFor([
        cluster({
          azureKeyvaultSecretsProvider: {
            enabled: false,
            config: { enableSecretRotation: 'true' },
          },
        }),
      ]).verdict,
    ).toBe('not-applicable');
    expect(resultFor([cluster({})]).verdict).toBe('not-applicable');
  });

  it('is unknown when the cluster was not read', () => {
    const result = evaluate(resourceSet({ scope: { clusterId: CLUSTER_ID } }), {
      checks: [keyvaultCsiRotation],
    }).checks[0];
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('passes the AzureKeyvaultSecretsProvider example, whose values are strings', () => {
    const result = resultFor(
      fixture(
        'arm-specs-aks-2025-10-01/ManagedClustersCreate_AzureKeyvaultSecretsProvider.json',
      ),
    );
    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].observed).toBe('true');
  });

  it('is not applicable to ManagedClustersGet, which has no add-ons', () => {
    expect(
      resultFor(fixture('arm-specs-aks-2025-10-01/ManagedClustersGet.json'))
        .verdict,
    ).toBe('not-applicable');
  });
});

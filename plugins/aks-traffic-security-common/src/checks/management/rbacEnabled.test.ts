import { fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { rbacEnabled } from './rbacEnabled';

function resultFor(properties: Record<string, any>) {
  return runCheck(rbacEnabled, { resources: [managedCluster(properties)] });
}

describe('mgmt.aks.rbac-enabled', () => {
  it('passes when RBAC is enabled', () => {
    expect(resultFor({ enableRBAC: true }).verdict).toBe('pass');
  });

  it('fails when RBAC is disabled', () => {
    expect(resultFor({ enableRBAC: false }).verdict).toBe('fail');
  });

  it('warns when the property is absent', () => {
    const result = resultFor({});

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('implicit-default');
  });

  it('is unknown for an unrecognised value', () => {
    expect(resultFor({ enableRBAC: 'sometimes' }).verdict).toBe('unknown');
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(rbacEnabled, { scope: { clusterId: CLUSTER_ID } }).verdict,
    ).toBe('unknown');
  });

  it('fails ManagedClustersGet, which sets enableRBAC false', () => {
    const result = runCheck(rbacEnabled, {
      resources: fixture('arm-specs-aks-2025-10-01/ManagedClustersGet.json'),
    });

    expect(result.verdict).toBe('fail');
  });

  it.each([
    'ManagedClustersCreate_AzureKeyvaultSecretsProvider.json',
    'ManagedClustersCreate_PrivateClusterPublicFQDN.json',
    'ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
    'ManagedClustersCreate_UserAssignedNATGateway.json',
  ])('passes %s, which sets enableRBAC true', file => {
    const result = runCheck(rbacEnabled, {
      resources: fixture(`arm-specs-aks-2025-10-01/${file}`),
    });

    expect(result.verdict).toBe('pass');
  });
});

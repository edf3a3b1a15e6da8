import { fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { entraId } from './entraId';

function resultFor(properties: Record<string, any>) {
  return runCheck(entraId, { resources: [managedCluster(properties)] });
}

describe('mgmt.aks.entra-id', () => {
  it('passes managed integration with Azure RBAC', () => {
    const result = resultFor({
      aadProfile: { managed: true, enableAzureRBAC: true, tenantID: 'tenant' },
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].note).toContain('Azure RBAC authorizes');
  });

  it('passes managed integration with admin groups and notes Azure RBAC', () => {
    const result = resultFor({
      aadProfile: {
        managed: true,
        enableAzureRBAC: false,
        adminGroupObjectIDs: ['group'],
      },
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].note).toContain('enableAzureRBAC');
  });

  it('warns on the legacy integration', () => {
    const result = resultFor({
      aadProfile: {
        serverAppID: 'server-app',
        clientAppID: 'client-app',
        tenantID: 'tenant',
      },
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('legacy-integration');
  });

  it('fails without an aadProfile', () => {
    expect(resultFor({}).verdict).toBe('fail');
    expect(resultFor({ aadProfile: null }).verdict).toBe('fail');
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(entraId, { scope: { clusterId: CLUSTER_ID } }).verdict,
    ).toBe('unknown');
  });

  it('fails ManagedClustersGet, which has no aadProfile', () => {
    const result = runCheck(entraId, {
      resources: fixture('arm-specs-aks-2025-10-01/ManagedClustersGet.json'),
    });

    expect(result.verdict).toBe('fail');
  });

  it('passes ManagedClustersCreate_UpdateWithEnableAzureRBAC', () => {
    const result = runCheck(entraId, {
      resources: fixture(
        'arm-specs-aks-2025-10-01/ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
      ),
    });

    expect(result.verdict).toBe('pass');
  });
});

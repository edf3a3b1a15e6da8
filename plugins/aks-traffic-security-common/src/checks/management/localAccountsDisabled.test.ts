import { fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { localAccountsDisabled } from './localAccountsDisabled';

function resultFor(properties: Record<string, any>) {
  return runCheck(localAccountsDisabled, {
    resources: [managedCluster(properties)],
  });
}

describe('mgmt.aks.local-accounts-disabled', () => {
  it('passes when local accounts are disabled', () => {
    expect(resultFor({ disableLocalAccounts: true }).verdict).toBe('pass');
  });

  it('fails when local accounts are enabled', () => {
    expect(resultFor({ disableLocalAccounts: false }).verdict).toBe('fail');
  });

  it('fails when the property is absent, the default being enabled', () => {
    const result = resultFor({ enableRBAC: true });

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].observed).toBeNull();
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(localAccountsDisabled, { scope: { clusterId: CLUSTER_ID } })
        .verdict,
    ).toBe('unknown');
  });

  it.each([
    'ManagedClustersGet.json',
    'ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
    'ManagedClustersCreate_PrivateClusterPublicFQDN.json',
  ])('fails %s, which leaves local accounts on', file => {
    const result = runCheck(localAccountsDisabled, {
      resources: fixture(`arm-specs-aks-2025-10-01/${file}`),
    });

    expect(result.verdict).toBe('fail');
  });
});

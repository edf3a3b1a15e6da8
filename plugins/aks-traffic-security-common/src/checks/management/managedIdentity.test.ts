import { fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { managedIdentity } from './managedIdentity';

const UAMI_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-aks-controlplane';

describe('mgmt.aks.managed-identity', () => {
  it('passes a user-assigned identity with the msi client id', () => {
    const cluster = managedCluster(
      { servicePrincipalProfile: { clientId: 'msi' } },
      {
        identity: {
          type: 'UserAssigned',
          userAssignedIdentities: {
            [UAMI_ID]: { clientId: 'c', principalId: 'p' },
          },
        },
      },
    );

    expect(runCheck(managedIdentity, { resources: [cluster] }).verdict).toBe(
      'pass',
    );
  });

  it('passes a system-assigned identity without a service principal profile', () => {
    const cluster = managedCluster(
      {},
      { identity: { type: 'SystemAssigned', principalId: 'p', tenantId: 't' } },
    );

    expect(runCheck(managedIdentity, { resources: [cluster] }).verdict).toBe(
      'pass',
    );
  });

  it('fails a service principal without an identity', () => {
    const cluster = managedCluster({
      servicePrincipalProfile: {
        clientId: 'a1b2c3d4-0000-0000-0000-000000000000',
      },
    });

    expect(runCheck(managedIdentity, { resources: [cluster] }).verdict).toBe(
      'fail',
    );
  });

  it('warns when an identity and a service principal are both named', () => {
    const cluster = managedCluster(
      {
        servicePrincipalProfile: {
          clientId: 'a1b2c3d4-0000-0000-0000-000000000000',
        },
      },
      { identity: { type: 'SystemAssigned' } },
    );

    expect(runCheck(managedIdentity, { resources: [cluster] }).verdict).toBe(
      'warn',
    );
  });

  it('is unknown when neither is shown', () => {
    const cluster = managedCluster({}, { identity: { type: 'None' } });

    const result = runCheck(managedIdentity, { resources: [cluster] });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-property');
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(managedIdentity, { scope: { clusterId: CLUSTER_ID } }).verdict,
    ).toBe('unknown');
  });

  it.each([
    'ManagedClustersGet.json',
    'ManagedClustersCreate_PrivateClusterPublicFQDN.json',
    'ManagedClustersCreate_UserAssignedNATGateway.json',
  ])('fails %s, which uses service principal clientid', file => {
    const result = runCheck(managedIdentity, {
      resources: fixture(`arm-specs-aks-2025-10-01/${file}`),
    });

    expect(result.verdict).toBe('fail');
  });
});

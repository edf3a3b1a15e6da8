import { arm, fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { noNodePublicIp } from './noNodePublicIp';

function pool(name: string, extra: Record<string, any> = {}) {
  return { name, count: 3, vmSize: 'Standard_D4ds_v5', mode: 'User', ...extra };
}

describe('egress.aks.no-node-public-ip', () => {
  it('passes pools without node public IPs', () => {
    const cluster = managedCluster({
      agentPoolProfiles: [
        pool('npsystem', { enableNodePublicIP: false }),
        pool('npuser01'),
      ],
    });

    expect(runCheck(noNodePublicIp, { resources: [cluster] }).verdict).toBe(
      'pass',
    );
  });

  it('fails and names a pool with node public IPs', () => {
    const cluster = managedCluster({
      agentPoolProfiles: [
        pool('npsystem'),
        pool('npuser01', { enableNodePublicIP: true }),
      ],
    });

    const result = runCheck(noNodePublicIp, { resources: [cluster] });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('npuser01');
    expect(
      result.evidence.find(item => item.observed === true)?.elements,
    ).toEqual(['npuser01']);
  });

  it('reads agent pools declared as their own resources', () => {
    const cluster = managedCluster({});
    const agentPool = arm({
      id: `${CLUSTER_ID}/agentPools/npuser01`,
      name: 'npuser01',
      type: 'Microsoft.ContainerService/managedClusters/agentPools',
      properties: { count: 2, enableNodePublicIP: true },
    });

    expect(
      runCheck(noNodePublicIp, { resources: [cluster, agentPool] }).verdict,
    ).toBe('fail');
  });

  it('is unknown when no pool is shown', () => {
    const result = runCheck(noNodePublicIp, {
      resources: [managedCluster({})],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-property');
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(noNodePublicIp, { scope: { clusterId: CLUSTER_ID } }).verdict,
    ).toBe('unknown');
  });

  it.each([
    'ManagedClustersGet.json',
    'ManagedClustersCreate_UserAssignedNATGateway.json',
  ])('passes %s, whose pool has no node public IPs', file => {
    const result = runCheck(noNodePublicIp, {
      resources: fixture(`arm-specs-aks-2025-10-01/${file}`),
    });

    expect(result.verdict).toBe('pass');
  });

  it.each([
    'ManagedClustersCreate_PrivateClusterPublicFQDN.json',
    'ManagedClustersCreate_AzureKeyvaultSecretsProvider.json',
    'ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
  ])('fails %s, whose pool sets enableNodePublicIP', file => {
    const result = runCheck(noNodePublicIp, {
      resources: fixture(`arm-specs-aks-2025-10-01/${file}`),
    });

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual(['nodepool1']);
  });
});

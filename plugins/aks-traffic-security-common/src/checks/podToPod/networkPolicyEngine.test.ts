import { fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { networkPolicyEngine } from './networkPolicyEngine';

function resultFor(
  networkProfile: Record<string, any> | undefined,
  policy = {},
) {
  return runCheck(networkPolicyEngine, {
    resources: [managedCluster(networkProfile ? { networkProfile } : {})],
    policy,
  });
}

describe('pod.aks.network-policy-engine', () => {
  it('passes Azure CNI overlay with the azure engine and notes the NPM retirement', () => {
    const result = resultFor({
      networkPlugin: 'azure',
      networkPluginMode: 'overlay',
      networkPolicy: 'azure',
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].note).toContain('30 Sep 2028');
  });

  it('passes calico', () => {
    expect(
      resultFor({ networkPlugin: 'azure', networkPolicy: 'calico' }).verdict,
    ).toBe('pass');
  });

  it('passes cilium with the cilium dataplane', () => {
    const result = resultFor({
      networkPlugin: 'azure',
      networkPluginMode: 'overlay',
      networkPolicy: 'cilium',
      networkDataplane: 'cilium',
    });

    expect(result.verdict).toBe('pass');
  });

  it('warns on cilium without the cilium dataplane', () => {
    const result = resultFor({
      networkPlugin: 'azure',
      networkPolicy: 'cilium',
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('inconsistent-network-profile');
  });

  it('warns on the azure engine with kubenet', () => {
    const result = resultFor({
      networkPlugin: 'kubenet',
      networkPolicy: 'azure',
    });

    expect(result.verdict).toBe('warn');
    expect(result.evidence[0].note).toContain('31 Mar 2028');
  });

  it.each([
    ['none', { networkPlugin: 'azure', networkPolicy: 'none' }],
    ['empty', { networkPlugin: 'azure', networkPolicy: '' }],
    ['absent', { networkPlugin: 'azure' }],
  ])('fails a %s engine', (_, profile) => {
    expect(resultFor(profile).verdict).toBe('fail');
  });

  it('fails a cluster without a network profile', () => {
    expect(resultFor(undefined).verdict).toBe('fail');
  });

  it('is unknown for an unrecognised engine', () => {
    const result = resultFor({
      networkPlugin: 'azure',
      networkPolicy: 'antrea',
    });

    expect(result.verdict).toBe('unknown');
    expect(result.evidence[0].observed).toBe('antrea');
  });

  it.each([5, true, {}])('is unknown for networkPolicy %j', networkPolicy => {
    const result = resultFor({ networkPlugin: 'azure', networkPolicy });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
  });

  it('reads the accepted engines from organisation policy', () => {
    const policy = { acceptedNetworkPolicyEngines: ['Cilium'] };

    expect(
      resultFor({ networkPlugin: 'azure', networkPolicy: 'calico' }, policy)
        .verdict,
    ).toBe('fail');
    expect(
      resultFor(
        {
          networkPlugin: 'azure',
          networkPolicy: 'cilium',
          networkDataplane: 'cilium',
        },
        policy,
      ).verdict,
    ).toBe('pass');
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(networkPolicyEngine, { scope: { clusterId: CLUSTER_ID } })
        .verdict,
    ).toBe('unknown');
  });

  it.each([
    'ManagedClustersGet.json',
    'ManagedClustersCreate_PrivateClusterPublicFQDN.json',
    'ManagedClustersCreate_AzureKeyvaultSecretsProvider.json',
    'ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
    'ManagedClustersCreate_UserAssignedNATGateway.json',
  ])('fails %s, kubenet without a network policy', file => {
    const result = runCheck(networkPolicyEngine, {
      resources: fixture(`arm-specs-aks-2025-10-01/${file}`),
    });

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].note).toContain('kubenet');
  });
});

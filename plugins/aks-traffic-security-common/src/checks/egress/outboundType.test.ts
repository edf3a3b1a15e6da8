import { fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { outboundType } from './outboundType';

function resultFor(networkProfile: Record<string, any>) {
  return runCheck(outboundType, {
    resources: [managedCluster({ networkProfile })],
  });
}

describe('egress.aks.outbound-type', () => {
  it('passes user-defined routing', () => {
    const result = resultFor({
      networkPlugin: 'azure',
      outboundType: 'userDefinedRouting',
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].note).toContain(
      'egress.routetable.default-route-to-firewall',
    );
  });

  it('fails the load balancer', () => {
    expect(resultFor({ outboundType: 'loadBalancer' }).verdict).toBe('fail');
  });

  it('fails an absent outbound type, the default being the load balancer', () => {
    expect(resultFor({ networkPlugin: 'azure' }).verdict).toBe('fail');
  });

  it.each([
    'userAssignedNATGateway',
    'managedNATGateway',
    'managedNATGatewayV2',
  ])('warns on the NAT gateway type %s', value => {
    const result = resultFor({ outboundType: value });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('direct-egress');
  });

  it('notes the StandardV2 NAT gateway SKU', () => {
    const result = resultFor({
      outboundType: 'managedNATGateway',
      natGatewayProfile: { sku: 'StandardV2' },
    });

    expect(result.evidence[0].note).toContain('StandardV2');
  });

  it.each(['none', 'block'])('warns on the network-isolated type %s', value => {
    const result = resultFor({ outboundType: value });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('network-isolated');
  });

  it('compares values case-insensitively', () => {
    expect(resultFor({ outboundType: 'UserDefinedRouting' }).verdict).toBe(
      'pass',
    );
  });

  it('is unknown for a value it does not know', () => {
    const result = resultFor({ outboundType: 'satelliteUplink' });

    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('satelliteUplink');
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(outboundType, { scope: { clusterId: CLUSTER_ID } }).verdict,
    ).toBe('unknown');
  });

  it.each([
    'ManagedClustersGet.json',
    'ManagedClustersCreate_PrivateClusterPublicFQDN.json',
    'ManagedClustersCreate_AzureKeyvaultSecretsProvider.json',
    'ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
  ])('fails %s, which uses the load balancer', file => {
    const result = runCheck(outboundType, {
      resources: fixture(`arm-specs-aks-2025-10-01/${file}`),
    });

    expect(result.verdict).toBe('fail');
  });

  it('warns on ManagedClustersCreate_UserAssignedNATGateway', () => {
    const result = runCheck(outboundType, {
      resources: fixture(
        'arm-specs-aks-2025-10-01/ManagedClustersCreate_UserAssignedNATGateway.json',
      ),
    });

    expect(result.verdict).toBe('warn');
  });
});

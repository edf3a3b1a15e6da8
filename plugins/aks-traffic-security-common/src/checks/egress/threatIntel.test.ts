import { JsonObject } from '../../types';
import { arm, fixture } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import {
  azureFirewall,
  egressPath,
  FIREWALL_POLICY_ID,
  firewallPolicy,
  NETWORK_RG,
  NODE_SUBNET_ID,
  routeTable,
} from '../../__testUtils__/networkResources';
import { threatIntel } from './threatIntel';

/** Returns a second firewall, at 10.50.0.4, with threat intelligence off. */
function otherFirewall() {
  return arm({
    ...azureFirewall({ threatIntelMode: 'Off' }, 'fw-other').body,
    properties: {
      threatIntelMode: 'Off',
      ipConfigurations: [
        { name: 'ip', properties: { privateIPAddress: '10.50.0.4' } },
      ],
    },
  });
}

describe('egress.firewall.threat-intel', () => {
  it('passes a firewall policy in Deny mode', () => {
    const result = runCheck(threatIntel, {
      resources: [
        ...egressPath(),
        azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
        firewallPolicy({ threatIntelMode: 'Deny' }),
      ],
    });

    expect(result.verdict).toBe('pass');
  });

  it('judges the policy, not the firewall, when a policy is attached', () => {
    const result = runCheck(threatIntel, {
      resources: [
        ...egressPath(),
        azureFirewall({
          threatIntelMode: 'Off',
          firewallPolicy: { id: FIREWALL_POLICY_ID },
        }),
        firewallPolicy({ threatIntelMode: 'Deny' }),
      ],
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].resource).toBe(FIREWALL_POLICY_ID);
  });

  it('warns on Alert mode', () => {
    const result = runCheck(threatIntel, {
      resources: [...egressPath(), azureFirewall({ threatIntelMode: 'Alert' })],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('alert-only');
  });

  it('warns when the policy leaves the mode at its Alert default', () => {
    const result = runCheck(threatIntel, {
      resources: [
        ...egressPath(),
        azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
        firewallPolicy({ sku: { tier: 'Standard' } }),
      ],
    });

    expect(result.verdict).toBe('warn');
    expect(result.message).toContain('default is Alert');
  });

  it('fails when threat intelligence is off', () => {
    const result = runCheck(threatIntel, {
      resources: [
        ...egressPath(),
        azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
        firewallPolicy({ threatIntelMode: 'Off' }),
      ],
    });

    expect(result.verdict).toBe('fail');
  });

  it('names each firewall that does not pass', () => {
    const result = runCheck(threatIntel, {
      resources: [
        ...egressPath(),
        azureFirewall({ threatIntelMode: 'Deny' }, 'fw-a'),
        azureFirewall({ threatIntelMode: 'Off' }, 'fw-b'),
      ],
    });

    expect(result.verdict).toBe('fail');
    expect(
      result.evidence.find(item => item.observed === 'Off')?.elements,
    ).toEqual(['fw-b']);
  });

  it('is unknown when the attached policy was not read', () => {
    const result = runCheck(threatIntel, {
      resources: [
        ...egressPath(),
        azureFirewall({
          threatIntelMode: 'Deny',
          firewallPolicy: { id: FIREWALL_POLICY_ID },
        }),
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when no firewall was read', () => {
    const result = runCheck(threatIntel, {});

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('warns on AzureFirewallGet, which only alerts', () => {
    const result = runCheck(threatIntel, {
      resources: [
        ...egressPath('10.0.0.0'),
        ...fixture('arm-specs-network-2023-11-01/AzureFirewallGet.json'),
      ],
    });

    expect(result.verdict).toBe('warn');
  });

  describe('which firewall it judges', () => {
    it('judges only the firewall on the egress path', () => {
      const result = runCheck(threatIntel, {
        resources: [
          ...egressPath(),
          azureFirewall({ threatIntelMode: 'Deny' }),
          otherFirewall(),
        ],
      });

      expect(result.verdict).toBe('pass');
      expect(result.message).not.toContain('fw-other');
    });

    it('judges the firewall a pod subnet routes to', () => {
      const podSubnetId = `${NETWORK_RG}/virtualNetworks/vnet-spoke/subnets/snet-pods`;
      const [cluster, nodeTable] = egressPath();
      const clusterProperties = cluster.body.properties as JsonObject;
      const withPodSubnet = arm({
        ...cluster.body,
        properties: {
          ...clusterProperties,
          agentPoolProfiles: [
            {
              name: 'npsystem',
              count: 3,
              vnetSubnetID: NODE_SUBNET_ID,
              podSubnetID: podSubnetId,
            },
          ],
        },
      });
      const podTable = routeTable(
        [
          {
            name: 'to-other-appliance',
            addressPrefix: '0.0.0.0/0',
            nextHopType: 'VirtualAppliance',
            nextHopIpAddress: '10.50.0.4',
          },
        ],
        [podSubnetId],
        `${NETWORK_RG}/routeTables/rt-pods`,
      );

      const result = runCheck(threatIntel, {
        resources: [
          withPodSubnet,
          nodeTable,
          podTable,
          azureFirewall({ threatIntelMode: 'Deny' }),
          otherFirewall(),
        ],
      });

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('fw-other');
    });

    it('is unknown when no firewall read is the next hop', () => {
      const result = runCheck(threatIntel, {
        resources: [
          ...egressPath('10.50.0.4'),
          azureFirewall({ threatIntelMode: 'Deny' }),
        ],
      });

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('egress-firewall-not-identified');
      expect(result.message).toContain('10.50.0.4');
    });

    it('is unknown when some internet prefixes go to another appliance', () => {
      const [cluster, table] = egressPath();
      const properties = table.body.properties as JsonObject;
      const split = arm({
        ...table.body,
        properties: {
          ...properties,
          routes: [
            ...(properties.routes as JsonObject[]),
            {
              name: 'lower-half',
              properties: {
                addressPrefix: '0.0.0.0/1',
                nextHopType: 'VirtualAppliance',
                nextHopIpAddress: '10.50.0.4',
              },
            },
          ],
        },
      });

      const result = runCheck(threatIntel, {
        resources: [cluster, split, azureFirewall({ threatIntelMode: 'Deny' })],
      });

      expect(result.verdict).toBe('unknown');
      expect(result.message).toContain('10.50.0.4');
    });

    it('is unknown when the cluster was not read', () => {
      const result = runCheck(threatIntel, {
        resources: [azureFirewall({ threatIntelMode: 'Deny' })],
      });

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('missing-resource');
    });
  });
});

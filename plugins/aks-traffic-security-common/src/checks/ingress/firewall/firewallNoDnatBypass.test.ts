import { arm } from '../../../__testUtils__/resourceSets';
import { JsonObject } from '../../../types';
import {
  gateway,
  gatewayWith,
  runCheck,
  SUBSCRIPTION,
} from '../__testUtils__/gatewayBodies';
import {
  egressPath,
  FIREWALL_PRIVATE_IP,
} from '../../../__testUtils__/networkResources';
import { firewallNoDnatBypass } from './firewallNoDnatBypass';

const HUB = SUBSCRIPTION.replace(
  'rg-bu0001a0008',
  'rg-enterprise-networking-hubs',
);
const POLICY_ID = `${HUB}/providers/Microsoft.Network/firewallPolicies/fw-policies-eastus2`;
const GROUP_ID = `${POLICY_ID}/ruleCollectionGroups/DefaultNetworkRuleCollectionGroup`;
const CLUSTER_ID = `${SUBSCRIPTION}/providers/Microsoft.ContainerService/managedClusters/aks-bu0001a0008`;
const SPOKE_ID = `${SUBSCRIPTION.replace(
  'rg-bu0001a0008',
  'rg-enterprise-networking-spokes',
)}/providers/Microsoft.Network/virtualNetworks/vnet-spoke-BU0001A0008-00`;

function firewall(properties: JsonObject = {}) {
  return arm({
    id: `${HUB}/providers/Microsoft.Network/azureFirewalls/fw-eastus2`,
    name: 'fw-eastus2',
    type: 'Microsoft.Network/azureFirewalls',
    properties: {
      sku: { name: 'AZFW_VNet', tier: 'Premium' },
      firewallPolicy: { id: POLICY_ID },
      ...properties,
    },
  });
}

function policy(properties: JsonObject = {}) {
  return arm({
    id: POLICY_ID,
    name: 'fw-policies-eastus2',
    type: 'Microsoft.Network/firewallPolicies',
    properties: {
      sku: { tier: 'Premium' },
      threatIntelMode: 'Deny',
      ruleCollectionGroups: [{ id: GROUP_ID }],
      ...properties,
    },
  });
}

function ruleCollectionGroup(ruleCollections: JsonObject[], id = GROUP_ID) {
  return arm({
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
    properties: { priority: 200, ruleCollections },
  });
}

const NETWORK_RULES: JsonObject = {
  ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
  name: 'org-wide-allowed',
  priority: 100,
  action: { type: 'Allow' },
  rules: [
    {
      ruleType: 'NetworkRule',
      name: 'DNS',
      ipProtocols: ['UDP'],
      sourceAddresses: ['*'],
      destinationAddresses: ['*'],
      destinationPorts: ['53'],
    },
  ],
};

/** Gives the firewall the address that the cluster's default route sends traffic to. */
const FIREWALL_IP_CONFIGURATION: JsonObject = {
  ipConfigurations: [
    { name: 'ipconfig', properties: { privateIPAddress: FIREWALL_PRIVATE_IP } },
  ],
};

/** The service's gateway, which ties the firewall's DNAT rules to the service. */
const GATEWAY = gateway(gatewayWith(() => {}));

function natCollection(rule: JsonObject): JsonObject {
  return {
    ruleCollectionType: 'FirewallPolicyNatRuleCollection',
    name: 'publish',
    priority: 90,
    action: { type: 'DNAT' },
    rules: [
      {
        ruleType: 'NatRule',
        name: 'https-in',
        ipProtocols: ['TCP'],
        sourceAddresses: ['*'],
        destinationAddresses: ['20.10.0.4'],
        destinationPorts: ['443'],
        ...rule,
      },
    ],
  };
}

/** Returns the cluster, with one node pool on the spoke and, when given, a pod subnet. */
function clusterWith(podSubnetId?: string) {
  return arm({
    id: CLUSTER_ID,
    name: 'aks-bu0001a0008',
    type: 'Microsoft.ContainerService/managedClusters',
    properties: {
      agentPoolProfiles: [
        {
          name: 'npuser01',
          vnetSubnetID: `${SPOKE_ID}/subnets/snet-clusternodes`,
          ...(podSubnetId ? { podSubnetID: podSubnetId } : {}),
        },
      ],
    },
  });
}

/** Returns a virtual network with one address prefix and no subnets listed. */
function virtualNetwork(id: string, prefix: string) {
  return arm({
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/virtualNetworks',
    properties: { addressSpace: { addressPrefixes: [prefix] }, subnets: [] },
  });
}

describe('ingress.firewall.no-dnat-bypass', () => {
  it('passes a policy without DNAT rules', () => {
    const result = runCheck(firewallNoDnatBypass, [
      ...egressPath(),
      GATEWAY,
      firewall(FIREWALL_IP_CONFIGURATION),
      policy(),
      ruleCollectionGroup([NETWORK_RULES]),
    ]);

    expect(result.verdict).toBe('pass');
  });

  it('is unknown without DNAT rules when the cluster was not read', () => {
    const result = runCheck(firewallNoDnatBypass, [
      GATEWAY,
      firewall(FIREWALL_IP_CONFIGURATION),
      policy(),
      ruleCollectionGroup([NETWORK_RULES]),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('warns on a DNAT rule and lists its translation', () => {
    const result = runCheck(firewallNoDnatBypass, [
      GATEWAY,
      firewall(),
      policy(),
      ruleCollectionGroup([
        NETWORK_RULES,
        natCollection({
          translatedAddress: '172.16.5.4',
          translatedPort: '443',
        }),
      ]),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('dnat-rule');
    expect(result.message).toContain('172.16.5.4:443');
    expect(result.evidence[0].note).toContain('address space');
  });

  it('fails a translation into the cluster virtual network', () => {
    const cluster = clusterWith();
    const spoke = virtualNetwork(SPOKE_ID, '10.240.0.0/16');

    const result = runCheck(firewallNoDnatBypass, [
      firewall(),
      policy(),
      ruleCollectionGroup([
        natCollection({
          translatedAddress: '10.240.4.4',
          translatedPort: '443',
        }),
      ]),
      cluster,
      spoke,
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('10.240.0.0/16');
  });

  it('fails a translation into the network of a pod subnet', () => {
    const podNetworkId = SPOKE_ID.replace(
      'vnet-spoke-BU0001A0008-00',
      'vnet-pods-BU0001A0008-00',
    );
    const cluster = clusterWith(`${podNetworkId}/subnets/snet-pods`);
    const podNetwork = virtualNetwork(podNetworkId, '10.250.0.0/16');

    const result = runCheck(firewallNoDnatBypass, [
      firewall(),
      policy(),
      ruleCollectionGroup([
        natCollection({
          translatedAddress: '10.250.3.7',
          translatedPort: '8443',
        }),
      ]),
      cluster,
      podNetwork,
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('10.250.0.0/16');
  });

  it('fails a translation to the gateway backend address', () => {
    const properties = gatewayWith(props => {
      props.backendAddressPools[0].properties.backendAddresses = [
        { ipAddress: '10.240.4.4' },
      ];
    });

    const result = runCheck(firewallNoDnatBypass, [
      gateway(properties),
      firewall(),
      policy(),
      ruleCollectionGroup([
        natCollection({
          translatedAddress: '10.240.4.4',
          translatedPort: '443',
        }),
      ]),
    ]);

    expect(result.verdict).toBe('fail');
  });

  it('fails a translation to the internal ingress domain', () => {
    const result = runCheck(
      firewallNoDnatBypass,
      [
        GATEWAY,
        firewall(),
        policy(),
        ruleCollectionGroup([
          natCollection({
            translatedFqdn: 'bu0001a0008-00.aks-ingress.contoso.com',
            translatedPort: '443',
          }),
        ]),
      ],
      { scope: { internalDomainSuffix: 'aks-ingress.contoso.com' } },
    );

    expect(result.verdict).toBe('fail');
  });

  it('follows the base policy', () => {
    const baseId = `${HUB}/providers/Microsoft.Network/firewallPolicies/fw-policies-base`;
    const baseGroupId = `${baseId}/ruleCollectionGroups/base`;
    const base = arm({
      id: baseId,
      name: 'fw-policies-base',
      type: 'Microsoft.Network/firewallPolicies',
      properties: { ruleCollectionGroups: [{ id: baseGroupId }] },
    });

    const result = runCheck(firewallNoDnatBypass, [
      GATEWAY,
      firewall(),
      policy({ basePolicy: { id: baseId } }),
      ruleCollectionGroup([NETWORK_RULES]),
      base,
      ruleCollectionGroup(
        [
          natCollection({
            translatedAddress: '172.16.5.4',
            translatedPort: '8443',
          }),
        ],
        baseGroupId,
      ),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.message).toContain('base/publish/https-in');
  });

  it('is unknown when the firewall policy was not read', () => {
    const result = runCheck(firewallNoDnatBypass, [GATEWAY, firewall()]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when rule collection groups were not read', () => {
    const result = runCheck(firewallNoDnatBypass, [
      GATEWAY,
      firewall(),
      policy({
        ruleCollectionGroups: [
          { id: GROUP_ID },
          { id: `${POLICY_ID}/ruleCollectionGroups/other-rules` },
        ],
      }),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
    expect(result.message).toContain(
      `2 of 2 DNAT rules or unread rule sources do not pass (rule collection group ${GROUP_ID.split(
        '/',
      ).pop()} of firewall policy fw-policies-eastus2, rule collection group other-rules of firewall policy fw-policies-eastus2)`,
    );
  });

  it('is unknown when no firewall was read', () => {
    const result = runCheck(firewallNoDnatBypass, []);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('is unknown when neither the cluster nor the gateway was read', () => {
    const result = runCheck(firewallNoDnatBypass, [
      firewall(),
      policy(),
      ruleCollectionGroup([NETWORK_RULES]),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('is unknown without DNAT rules when the egress firewall was not read', () => {
    const result = runCheck(firewallNoDnatBypass, [
      ...egressPath('10.200.0.4'),
      firewall(),
      policy(),
      ruleCollectionGroup([NETWORK_RULES]),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('egress-firewall-not-identified');
  });
});

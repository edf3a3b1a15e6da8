import { ArmResource } from '../../types';
import { arm, fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import {
  azureFirewall,
  FIREWALL_PRIVATE_IP,
  NETWORK_RG,
  NODE_SUBNET_ID,
  routeTable,
  subnet,
} from '../../__testUtils__/networkResources';
import { defaultRouteToFirewall } from './defaultRouteToFirewall';

const SECOND_SUBNET_ID = `${NETWORK_RG}/virtualNetworks/vnet-spoke/subnets/snet-userpool`;

function clusterOn(...subnetIds: string[]) {
  return managedCluster({
    agentPoolProfiles: subnetIds.map((vnetSubnetID, index) => ({
      name: `pool${index}`,
      count: 3,
      vnetSubnetID,
    })),
    networkProfile: { outboundType: 'userDefinedRouting' },
  });
}

const TO_FIREWALL = {
  name: 'r-nexthop-to-fw',
  addressPrefix: '0.0.0.0/0',
  nextHopType: 'VirtualAppliance',
  nextHopIpAddress: FIREWALL_PRIVATE_IP,
};

describe('egress.routetable.default-route-to-firewall', () => {
  it('passes a default route to the firewall on every node subnet', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID, SECOND_SUBNET_ID),
        routeTable([TO_FIREWALL], [NODE_SUBNET_ID, SECOND_SUBNET_ID]),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('pass');
  });

  it('joins through the subnet routeTable.id', () => {
    const table = routeTable([TO_FIREWALL], []);
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        subnet(NODE_SUBNET_ID, table.id),
        table,
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('pass');
  });

  it('fails a default route to the internet', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        routeTable([
          {
            name: 'default',
            addressPrefix: '0.0.0.0/0',
            nextHopType: 'Internet',
          },
        ]),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('fail');
    expect(
      result.evidence.some(item => item.elements?.includes('default')),
    ).toBe(true);
  });

  it('judges the subnet of an agent pool read on its own', () => {
    const pool = arm({
      id: `${CLUSTER_ID}/agentPools/npuser02`,
      name: 'npuser02',
      type: 'Microsoft.ContainerService/managedClusters/agentPools',
      properties: { count: 2, vnetSubnetID: SECOND_SUBNET_ID },
    });

    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        pool,
        routeTable([TO_FIREWALL], [NODE_SUBNET_ID]),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('snet-userpool');
  });

  it('warns when more specific routes send the internet to another appliance', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        routeTable([
          TO_FIREWALL,
          {
            name: 'lower-half',
            addressPrefix: '0.0.0.0/1',
            nextHopType: 'VirtualAppliance',
            nextHopIpAddress: '10.50.0.4',
          },
        ]),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('internet-bypass-route');
  });

  it('follows the subnet routeTable.id over a table that lists the subnet', () => {
    const listing = routeTable([TO_FIREWALL], [NODE_SUBNET_ID]);
    const associatedId = `${NETWORK_RG}/routeTables/rt-direct`;
    const associated = routeTable(
      [{ name: 'out', addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }],
      [],
      associatedId,
    );

    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        subnet(NODE_SUBNET_ID, associatedId),
        listing,
        associated,
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('fail');
  });

  it('fails a node subnet without a route table', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID, SECOND_SUBNET_ID),
        routeTable([TO_FIREWALL], [NODE_SUBNET_ID]),
        subnet(SECOND_SUBNET_ID),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('snet-userpool');
  });

  it('fails node pools on the AKS-managed virtual network', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        managedCluster({
          agentPoolProfiles: [{ name: 'nodepool1', count: 3 }],
        }),
      ],
    });

    expect(result.verdict).toBe('fail');
  });

  it('warns when the next hop is not a firewall that was read', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        routeTable([{ ...TO_FIREWALL, nextHopIpAddress: '10.200.0.99' }]),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('unmatched-next-hop');
  });

  it('warns on forced tunnelling to a virtual network gateway', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        routeTable([
          {
            name: 'to-onprem',
            addressPrefix: '0.0.0.0/0',
            nextHopType: 'VirtualNetworkGateway',
          },
        ]),
      ],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('default-route-not-to-firewall');
  });

  it('warns on internet prefixes routed around the firewall', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        routeTable([
          TO_FIREWALL,
          {
            name: 'monitor-direct',
            addressPrefix: 'AzureMonitor',
            nextHopType: 'Internet',
          },
          {
            name: 'spoke-local',
            addressPrefix: '10.240.0.0/16',
            nextHopType: 'VnetLocal',
          },
        ]),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('internet-bypass-route');
    expect(
      result.evidence.some(item => item.elements?.includes('monitor-direct')),
    ).toBe(true);
  });

  it('fails split routes that take every address around the firewall', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        routeTable([
          TO_FIREWALL,
          {
            name: 'low-half',
            addressPrefix: '0.0.0.0/1',
            nextHopType: 'Internet',
          },
          {
            name: 'high-half',
            addressPrefix: '128.0.0.0/1',
            nextHopType: 'Internet',
          },
        ]),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain(
      'sends every internet IPv4 address around the firewall',
    );
  });

  it('is unknown when neither the subnet nor its route table was read', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [clusterOn(NODE_SUBNET_ID), azureFirewall({})],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the subnet names a route table that was not read', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        subnet(NODE_SUBNET_ID, `${NETWORK_RG}/routeTables/missing`),
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(defaultRouteToFirewall, { scope: { clusterId: CLUSTER_ID } })
        .verdict,
    ).toBe('unknown');
  });

  it('fails ManagedClustersGet, whose pool uses the AKS-managed network', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: fixture('arm-specs-aks-2025-10-01/ManagedClustersGet.json'),
    });

    expect(result.verdict).toBe('fail');
  });

  it.each([
    'arm-specs-network-2023-11-01/RouteTableCreateWithRoute.json',
    'arm-specs-network-2024-10-01/RouteTableGet.json',
  ])('fails a node subnet that uses %s, which has no default route', file => {
    const [table] = fixture(file) as ArmResource[];
    const subnetId =
      '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/snet-nodes';
    const network = arm({
      id: '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1',
      name: 'vnet1',
      type: 'Microsoft.Network/virtualNetworks',
      properties: {
        addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
        subnets: [
          {
            name: 'snet-nodes',
            id: subnetId,
            properties: {
              addressPrefix: '10.0.0.0/24',
              routeTable: { id: table.id },
            },
          },
        ],
      },
    });

    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(subnetId),
        network,
        table,
        ...fixture('arm-specs-network-2023-11-01/AzureFirewallGet.json'),
      ],
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('no 0.0.0.0/0 route');
  });

  it('matches the private IP of the AzureFirewallGet example', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        routeTable([{ ...TO_FIREWALL, nextHopIpAddress: '10.0.0.0' }]),
        ...fixture('arm-specs-network-2023-11-01/AzureFirewallGet.json'),
      ],
    });

    expect(result.verdict).toBe('pass');
  });
});

describe('egress.routetable.default-route-to-firewall with a NAT gateway', () => {
  it('fails a NatGatewayGet subnet without a route table and names the NAT gateway', () => {
    const natSubnetId =
      '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/test-vnet/subnets/subnet1';
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(natSubnetId),
        subnet(natSubnetId),
        ...fixture('arm-specs-network-2023-11-01/NatGatewayGet.json'),
      ],
    });

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].note).toContain('test-natGateway');
  });
});

describe('egress.routetable.default-route-to-firewall in a Virtual WAN hub', () => {
  it('matches the hub firewall private IP', () => {
    const hubFirewall = azureFirewall({
      sku: { name: 'AZFW_Hub', tier: 'Premium' },
      ipConfigurations: [],
      hubIPAddresses: {
        privateIPAddress: '10.100.64.132',
        publicIPs: { count: 1 },
      },
    });

    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterOn(NODE_SUBNET_ID),
        routeTable([{ ...TO_FIREWALL, nextHopIpAddress: '10.100.64.132' }]),
        hubFirewall,
      ],
    });

    expect(result.verdict).toBe('pass');
  });
});

describe('egress.routetable.default-route-to-firewall with a pod subnet', () => {
  const POD_SUBNET_ID = `${NETWORK_RG}/virtualNetworks/vnet-spoke/subnets/snet-pods`;

  const clusterWithPodSubnet = () =>
    managedCluster({
      agentPoolProfiles: [
        {
          name: 'npuser',
          count: 3,
          vnetSubnetID: NODE_SUBNET_ID,
          podSubnetID: POD_SUBNET_ID,
        },
      ],
      networkProfile: {
        networkPlugin: 'azure',
        outboundType: 'userDefinedRouting',
      },
    });

  it('fails a pod subnet without a route table', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterWithPodSubnet(),
        routeTable([TO_FIREWALL], [NODE_SUBNET_ID]),
        subnet(POD_SUBNET_ID),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('Pod subnet snet-pods has no route table');
  });

  it('passes when the pod subnet routes to the firewall too', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterWithPodSubnet(),
        routeTable([TO_FIREWALL], [NODE_SUBNET_ID, POD_SUBNET_ID]),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence.map(item => item.elements)).toContainEqual([
      'snet-pods',
    ]);
  });

  it('is unknown when the pod subnet was not read', () => {
    const result = runCheck(defaultRouteToFirewall, {
      resources: [
        clusterWithPodSubnet(),
        routeTable([TO_FIREWALL], [NODE_SUBNET_ID]),
        azureFirewall({}),
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('pod subnet snet-pods');
  });
});

import { ArmResource, JsonObject } from '../types';
import { arm } from './resourceSets';
import { managedCluster } from './runCheck';

/** The resource group prefix of the hub and spoke network resources built here. */
export const NETWORK_RG =
  '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-network/providers/Microsoft.Network';

export const NODE_SUBNET_ID = `${NETWORK_RG}/virtualNetworks/vnet-spoke/subnets/snet-clusternodes`;
export const FIREWALL_POLICY_ID = `${NETWORK_RG}/firewallPolicies/fw-policies-eastus2`;
export const ROUTE_TABLE_ID = `${NETWORK_RG}/routeTables/route-to-eastus2-hub-fw`;
export const FIREWALL_PRIVATE_IP = '10.200.0.4';

/** An Azure Firewall as a GET returns it, with one IP configuration. */
export function azureFirewall(
  properties: JsonObject,
  name = 'fw-eastus2',
): ArmResource {
  return arm({
    id: `${NETWORK_RG}/azureFirewalls/${name}`,
    name,
    type: 'Microsoft.Network/azureFirewalls',
    location: 'eastus2',
    properties: {
      provisioningState: 'Succeeded',
      sku: { name: 'AZFW_VNet', tier: 'Premium' },
      ipConfigurations: [
        {
          name: 'azureFirewallIpConfiguration',
          id: `${NETWORK_RG}/azureFirewalls/${name}/azureFirewallIpConfigurations/azureFirewallIpConfiguration`,
          properties: {
            privateIPAddress: FIREWALL_PRIVATE_IP,
            subnet: {
              id: `${NETWORK_RG}/virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet`,
            },
          },
        },
      ],
      ...properties,
    },
  });
}

/** A firewall policy as a GET returns it. */
export function firewallPolicy(
  properties: JsonObject,
  id = FIREWALL_POLICY_ID,
): ArmResource {
  return arm({
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/firewallPolicies',
    location: 'eastus2',
    properties: { provisioningState: 'Succeeded', ...properties },
  });
}

/** Builds a rule collection group of a firewall policy with the given rule collections. */
export function ruleCollectionGroup(
  name: string,
  ruleCollections: JsonObject[],
  policyId = FIREWALL_POLICY_ID,
): ArmResource {
  return arm({
    id: `${policyId}/ruleCollectionGroups/${name}`,
    name,
    type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
    properties: {
      provisioningState: 'Succeeded',
      priority: 200,
      ruleCollections,
    },
  });
}

/** A route table as a GET returns it. */
export function routeTable(
  routes: Array<{
    name: string;
    addressPrefix: string;
    nextHopType: string;
    nextHopIpAddress?: string;
  }>,
  subnetIds: string[] = [NODE_SUBNET_ID],
  id = ROUTE_TABLE_ID,
): ArmResource {
  return arm({
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/routeTables',
    location: 'eastus2',
    properties: {
      provisioningState: 'Succeeded',
      disableBgpRoutePropagation: false,
      routes: routes.map(({ name, ...properties }) => ({
        name,
        id: `${id}/routes/${name}`,
        properties: { provisioningState: 'Succeeded', ...properties },
      })),
      subnets: subnetIds.map(subnetId => ({ id: subnetId })),
    },
  });
}

/** A subnet as a GET returns it, associated with a route table when one is given. */
export function subnet(id: string, routeTableId?: string): ArmResource {
  return arm({
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/virtualNetworks/subnets',
    properties: {
      provisioningState: 'Succeeded',
      addressPrefix: '10.240.0.0/22',
      ...(routeTableId ? { routeTable: { id: routeTableId } } : {}),
    },
  });
}

/**
 * Returns a cluster and the route table that sends its node subnet's
 * default route to `nextHop` (the test firewall's address unless given),
 * the egress path through which the firewall checks find their firewall.
 */
export function egressPath(nextHop = FIREWALL_PRIVATE_IP): ArmResource[] {
  return [
    managedCluster({
      agentPoolProfiles: [
        { name: 'npsystem', count: 3, vnetSubnetID: NODE_SUBNET_ID },
      ],
      networkProfile: { outboundType: 'userDefinedRouting' },
    }),
    routeTable([
      {
        name: 'r-nexthop-to-fw',
        addressPrefix: '0.0.0.0/0',
        nextHopType: 'VirtualAppliance',
        nextHopIpAddress: nextHop,
      },
    ]),
  ];
}

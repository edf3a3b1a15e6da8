import { ArmResource, Evidence, JsonObject } from '../../types';
import { CheckDefinition, CheckOutcome } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  pass,
  unknown,
  warn,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { objectsAt, stringAt } from '../../resources/json';
import { lastIdSegment, sameArmId } from '../../resources/armIds';
import { isAnyAddress, parseCidr, reachesInternet } from '../../resources/cidr';
import { firewallPrivateIps, AZURE_FIREWALL_TYPE } from './azureFirewalls';
import { nodePools } from '../nodePools';

const ROUTE_TABLE_TYPE = 'Microsoft.Network/routeTables';
const VIRTUAL_NETWORK_TYPE = 'Microsoft.Network/virtualNetworks';
const NAT_GATEWAY_TYPE = 'Microsoft.Network/natGateways';

/** Names the NAT gateways read that give a subnet a direct path to the internet. */
function natGatewayNote(
  subnetId: string,
  context: EvaluationContext,
): string | undefined {
  const gateways = context
    .armOfType(NAT_GATEWAY_TYPE)
    .filter(gateway =>
      objectsAt(gateway.body, 'properties.subnets').some(candidate =>
        sameArmId(stringAt(candidate, 'id'), subnetId),
      ),
    );
  return gateways.length > 0
    ? `NAT gateway ${gateways
        .map(gateway => gateway.name)
        .join(', ')} gives this subnet direct internet egress.`
    : undefined;
}

type RouteTableLookup =
  | { status: 'found'; table: ArmResource; via: string }
  | { status: 'none'; subnet: string }
  | { status: 'unknown'; outcome: CheckOutcome };

/**
 * Finds the route table of a subnet: a route table whose `subnets` lists it,
 * else the subnet's own `routeTable.id`, read from the subnet or from its
 * virtual network.
 */
function routeTableOf(
  subnetId: string,
  context: EvaluationContext,
): RouteTableLookup {
  const associated = context
    .armOfType(ROUTE_TABLE_TYPE)
    .find(table =>
      objectsAt(table.body, 'properties.subnets').some(subnet =>
        sameArmId(stringAt(subnet, 'id'), subnetId),
      ),
    );
  if (associated) {
    return {
      status: 'found',
      table: associated,
      via: `${associated.id} properties.subnets`,
    };
  }

  let subnet: JsonObject | undefined;
  for (const network of context.armOfType(VIRTUAL_NETWORK_TYPE)) {
    subnet ??= objectsAt(network.body, 'properties.subnets').find(candidate =>
      sameArmId(stringAt(candidate, 'id'), subnetId),
    );
  }
  if (!subnet) {
    const lookup = context.armById(subnetId, 'node subnet');
    if (!lookup.found) {
      return {
        status: 'unknown',
        outcome: unknown(
          lookup.outcome.reason ?? 'unresolved-reference',
          `Neither the node subnet ${lastIdSegment(
            subnetId,
          )} nor a route table associated with it was read.`,
          lookup.outcome.evidence,
        ),
      };
    }
    subnet = lookup.value.body;
  }

  const tableId = stringAt(subnet, 'properties.routeTable.id');
  if (!tableId) {
    return { status: 'none', subnet: subnetId };
  }
  const table = context.armById(tableId, 'route table');
  return table.found
    ? {
        status: 'found',
        table: table.value,
        via: `${subnetId} properties.routeTable.id`,
      }
    : { status: 'unknown', outcome: table.outcome };
}

/** Judges the routes of one route table for internet egress. */
function judgeRouteTable(
  table: ArmResource,
  firewallIps: Set<string>,
): CheckOutcome {
  const routes = objectsAt(table.body, 'properties.routes');
  const routeName = (route: JsonObject, index: number) =>
    typeof route.name === 'string' ? route.name : `routes[${index}]`;

  const defaultIndex = routes.findIndex(route => {
    const prefix = parseCidr(stringAt(route, 'properties.addressPrefix') ?? '');
    return prefix?.version === 4 && isAnyAddress(prefix);
  });
  if (defaultIndex < 0) {
    return fail(
      `Route table ${table.name} has no 0.0.0.0/0 route, so internet egress bypasses the firewall.`,
      [
        {
          resource: table.id,
          path: 'properties.routes',
          observed: routes.map(
            route => stringAt(route, 'properties.addressPrefix') ?? null,
          ),
          expected: '0.0.0.0/0 -> VirtualAppliance <firewall private IP>',
        },
      ],
    );
  }

  const route = routes[defaultIndex];
  const name = routeName(route, defaultIndex);
  const nextHopType = stringAt(route, 'properties.nextHopType') ?? '';
  const nextHopIp = stringAt(route, 'properties.nextHopIpAddress');
  const routeEvidence = (note?: string): Evidence[] => [
    {
      resource: table.id,
      path: `properties.routes[${defaultIndex}].properties`,
      observed: {
        addressPrefix: '0.0.0.0/0',
        nextHopType,
        nextHopIpAddress: nextHopIp ?? null,
      },
      expected: {
        nextHopType: 'VirtualAppliance',
        nextHopIpAddress: 'the firewall private IP',
      },
      elements: [name],
      note,
    },
  ];

  if (/^internet$/i.test(nextHopType)) {
    return fail(
      `Route ${name} sends 0.0.0.0/0 straight to the internet.`,
      routeEvidence(),
    );
  }
  if (!/^virtualappliance$/i.test(nextHopType)) {
    return warn(
      `Route ${name} sends 0.0.0.0/0 to ${
        nextHopType || 'an unset next hop type'
      }, not to a firewall.`,
      routeEvidence(),
      'default-route-not-to-firewall',
    );
  }
  if (!nextHopIp || !firewallIps.has(nextHopIp.trim())) {
    return warn(
      `Route ${name} sends 0.0.0.0/0 to ${
        nextHopIp ?? 'an unset address'
      }, which is not the private IP of any Azure Firewall read.`,
      routeEvidence(
        firewallIps.size === 0
          ? 'No Azure Firewall was read.'
          : `Firewall private IPs read: ${[...firewallIps].join(', ')}.`,
      ),
      'unmatched-next-hop',
    );
  }

  const bypasses = routes
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ candidate, index }) => {
      if (
        index === defaultIndex ||
        !/^internet$/i.test(stringAt(candidate, 'properties.nextHopType') ?? '')
      ) {
        return false;
      }
      // A route prefix may also be a service tag, such as AzureMonitor.
      const prefix = parseCidr(
        stringAt(candidate, 'properties.addressPrefix') ?? '',
      );
      return prefix === undefined || reachesInternet(prefix);
    });
  if (bypasses.length > 0) {
    return warn(
      `Route table ${table.name} sends some internet prefixes around the firewall.`,
      [
        ...routeEvidence(),
        ...bypasses.map(({ candidate, index }) => ({
          resource: table.id,
          path: `properties.routes[${index}].properties`,
          observed: {
            addressPrefix:
              stringAt(candidate, 'properties.addressPrefix') ?? null,
            nextHopType: 'Internet',
          },
          expected: 'no internet prefix with next hop Internet',
          elements: [routeName(candidate, index)],
        })),
      ],
      'internet-bypass-route',
    );
  }

  return pass(
    `Route ${name} sends 0.0.0.0/0 to the firewall at ${nextHopIp}.`,
    routeEvidence(),
  );
}

export const defaultRouteToFirewall: CheckDefinition = {
  id: 'egress.routetable.default-route-to-firewall',
  flow: 'egress',
  severity: 'high',
  level: 'baseline',
  title: 'Every node subnet routes 0.0.0.0/0 to the firewall.',
  why: 'User-defined routing only forces egress through the firewall if each node subnet has a route table whose default route points at the firewall private IP.',
  remediation:
    'Add a route `0.0.0.0/0 -> VirtualAppliance <firewall private IP>` and associate its route table with the node, internal load balancer and API server subnets (not the Application Gateway subnet).',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/limit-egress-traffic',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;

    const pools = nodePools(cluster, context);
    if (pools.length === 0) {
      return unknown(
        'missing-property',
        'The cluster body lists no node pools and no agent pool was read, so its node subnets are not known.',
        [
          {
            resource: cluster.id,
            path: 'properties.agentPoolProfiles',
            observed: null,
          },
        ],
      );
    }
    const subnetIds: string[] = [];
    for (const pool of pools) {
      const subnetId = stringAt(pool.settings, 'vnetSubnetID');
      if (subnetId && !subnetIds.some(known => sameArmId(known, subnetId))) {
        subnetIds.push(subnetId);
      }
    }
    if (subnetIds.length === 0) {
      return fail(
        'The node pools use the AKS-managed virtual network, which cannot route egress to a firewall.',
        [
          {
            resource: cluster.id,
            path: 'properties.agentPoolProfiles[*].vnetSubnetID',
            observed: null,
            expected:
              'subnets of your own virtual network with a route table to the firewall',
            elements: pools.map(pool => pool.name),
          },
        ],
      );
    }

    const firewallIps = new Set(
      context.armOfType(AZURE_FIREWALL_TYPE).flatMap(firewallPrivateIps),
    );
    const outcomes: ElementOutcome[] = subnetIds.map(subnetId => {
      const element = lastIdSegment(subnetId);
      const natNote = natGatewayNote(subnetId, context);
      const found = routeTableOf(subnetId, context);
      if (found.status === 'unknown') {
        return { element, ...found.outcome };
      }
      if (found.status === 'none') {
        return {
          element,
          ...fail(
            `Node subnet ${element} has no route table, so its egress bypasses the firewall.`,
            [
              {
                resource: subnetId,
                path: 'properties.routeTable.id',
                observed: null,
                expected: 'a route table id',
                note: natNote,
              },
            ],
          ),
        };
      }
      const outcome = judgeRouteTable(found.table, firewallIps);
      outcome.evidence.unshift({
        resource: subnetId,
        note: `route table ${found.table.name} found through ${found.via}`,
      });
      if (natNote) {
        outcome.evidence.push({ resource: subnetId, note: natNote });
      }
      return { element, ...outcome };
    });
    return combineElements(outcomes, 'The cluster has no node subnets.');
  },
};

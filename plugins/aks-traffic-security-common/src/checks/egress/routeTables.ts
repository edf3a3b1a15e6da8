import { ArmResource, JsonObject } from '../../types';
import { CheckOutcome } from '../types';
import { unknown } from '../outcomes';
import { EvaluationContext, Lookup } from '../../evaluator/EvaluationContext';
import { objectsAt, stringAt } from '../../resources/json';
import { lastIdSegment, sameArmId } from '../../resources/armIds';
import { isAnyAddress, parseCidr, reachesInternet } from '../../resources/cidr';
import { nodePools } from '../nodePools';

export const ROUTE_TABLE_TYPE = 'Microsoft.Network/routeTables';
const VIRTUAL_NETWORK_TYPE = 'Microsoft.Network/virtualNetworks';

/** The route table of a subnet, the finding that it has none, or why it is not known. */
export type RouteTableLookup =
  | { status: 'found'; table: ArmResource; via: string }
  | { status: 'none'; subnet: string }
  | { status: 'unknown'; outcome: CheckOutcome };

/**
 * A subnet that the cluster's traffic leaves from: a node subnet
 * (`vnetSubnetID`), or a pod subnet (`podSubnetID`) from which Azure CNI
 * gives pods their addresses. Azure applies a pod subnet's own route table
 * and NAT gateway to the traffic of its pods.
 */
export interface EgressSubnet {
  id: string;
  role: 'node' | 'pod';
}

/**
 * Finds the route table of a subnet. The subnet's own `routeTable.id`, read
 * from the subnet or from its virtual network, decides, because Azure
 * applies that association. Only when the subnet was not read does a route
 * table whose read-only `subnets` list names it count.
 */
export function routeTableOf(
  { id: subnetId, role }: EgressSubnet,
  context: EvaluationContext,
): RouteTableLookup {
  const subnet = readSubnet(subnetId, `${role} subnet`, context);
  if (subnet) {
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

  const associated = context
    .armOfType(ROUTE_TABLE_TYPE)
    .find(table =>
      objectsAt(table.body, 'properties.subnets').some(candidate =>
        sameArmId(stringAt(candidate, 'id'), subnetId),
      ),
    );
  if (associated) {
    return {
      status: 'found',
      table: associated,
      via: `${associated.id} properties.subnets`,
    };
  }

  const lookup = context.armById(subnetId, `${role} subnet`);
  return {
    status: 'unknown',
    outcome: unknown(
      lookup.found
        ? 'unresolved-reference'
        : lookup.outcome.reason ?? 'unresolved-reference',
      `Neither the ${role} subnet ${lastIdSegment(
        subnetId,
      )} nor a route table associated with it was read.`,
      lookup.found ? [] : lookup.outcome.evidence,
    ),
  };
}

/** Returns a subnet as read on its own or within its virtual network, if it was read. */
function readSubnet(
  subnetId: string,
  description: string,
  context: EvaluationContext,
): JsonObject | undefined {
  for (const network of context.armOfType(VIRTUAL_NETWORK_TYPE)) {
    const subnet = objectsAt(network.body, 'properties.subnets').find(
      candidate => sameArmId(stringAt(candidate, 'id'), subnetId),
    );
    if (subnet) {
      return subnet;
    }
  }
  const lookup = context.armById(subnetId, description);
  return lookup.found ? lookup.value.body : undefined;
}

/** Returns the IPv4 default route (`0.0.0.0/0`) of a route table and its index, if it has one. */
export function defaultRoute(
  table: ArmResource,
): { route: JsonObject; index: number } | undefined {
  const routes = objectsAt(table.body, 'properties.routes');
  const index = routes.findIndex(route => {
    const prefix = parseCidr(stringAt(route, 'properties.addressPrefix') ?? '');
    return prefix?.version === 4 && isAnyAddress(prefix);
  });
  return index < 0 ? undefined : { route: routes[index], index };
}

/**
 * Returns the distinct subnets of the cluster's node pools: each node subnet,
 * then each pod subnet that is not also a node subnet.
 */
export function egressSubnets(
  cluster: ArmResource,
  context: EvaluationContext,
): EgressSubnet[] {
  const subnets: EgressSubnet[] = [];
  const pools = nodePools(cluster, context);
  for (const [role, field] of [
    ['node', 'vnetSubnetID'],
    ['pod', 'podSubnetID'],
  ] as const) {
    for (const pool of pools) {
      const id = stringAt(pool.settings, field);
      if (id && !subnets.some(known => sameArmId(known.id, id))) {
        subnets.push({ id, role });
      }
    }
  }
  return subnets;
}

/**
 * Returns the addresses that the routes of the cluster's node and pod
 * subnets send internet traffic to through a virtual appliance: the default
 * route's and those of more specific internet routes. The lookup is
 * `unknown` when the cluster, one of those subnets or its route table was
 * not read, so that no firewall is judged on a guess.
 */
export function egressNextHops(
  context: EvaluationContext,
): Lookup<Set<string>> {
  const cluster = context.cluster();
  if (!cluster.found) {
    return cluster;
  }

  const hops = new Set<string>();
  for (const subnet of egressSubnets(cluster.value, context)) {
    const found = routeTableOf(subnet, context);
    if (found.status === 'unknown') {
      return { found: false, outcome: found.outcome };
    }
    if (found.status === 'none') {
      continue;
    }
    for (const hop of internetApplianceHops(found.table)) {
      hops.add(hop);
    }
  }
  return { found: true, value: hops };
}

/**
 * Returns the addresses of the virtual appliances that a route table's
 * internet routes send traffic to: the default route's and those of more
 * specific internet routes, which win over it for part of the internet.
 *
 * @public
 */
export function internetApplianceHops(table: ArmResource): string[] {
  const hops: string[] = [];
  for (const route of objectsAt(table.body, 'properties.routes')) {
    const nextHop = stringAt(route, 'properties.nextHopIpAddress')?.trim();
    if (
      nextHop &&
      isInternetRoute(route) &&
      /^virtualappliance$/i.test(
        stringAt(route, 'properties.nextHopType') ?? '',
      )
    ) {
      hops.push(nextHop);
    }
  }
  return hops;
}

/**
 * Tells whether a route sends internet traffic: its prefix reaches internet
 * addresses, or it is a service tag such as AzureMonitor, whose addresses
 * are public.
 */
export function isInternetRoute(route: JsonObject): boolean {
  const prefix = parseCidr(stringAt(route, 'properties.addressPrefix') ?? '');
  return prefix === undefined || reachesInternet(prefix);
}

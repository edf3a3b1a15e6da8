import { ArmResource, JsonObject } from '../../types';
import { CheckOutcome } from '../types';
import { unknown } from '../outcomes';
import { EvaluationContext, Lookup } from '../../evaluator/EvaluationContext';
import { objectsAt, stringAt } from '../../resources/json';
import { lastIdSegment, sameArmId } from '../../resources/armIds';
import { isAnyAddress, parseCidr } from '../../resources/cidr';
import { nodePools } from '../nodePools';

export const ROUTE_TABLE_TYPE = 'Microsoft.Network/routeTables';
const VIRTUAL_NETWORK_TYPE = 'Microsoft.Network/virtualNetworks';

/** The route table of a subnet, the finding that it has none, or why it is not known. */
export type RouteTableLookup =
  | { status: 'found'; table: ArmResource; via: string }
  | { status: 'none'; subnet: string }
  | { status: 'unknown'; outcome: CheckOutcome };

/**
 * Finds the route table of a subnet: a route table whose `subnets` lists it,
 * else the subnet's own `routeTable.id`, read from the subnet or from its
 * virtual network.
 */
export function routeTableOf(
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

/** Returns the distinct subnet ids of the cluster's node pools. */
export function nodeSubnetIds(
  cluster: ArmResource,
  context: EvaluationContext,
): string[] {
  const subnetIds: string[] = [];
  for (const pool of nodePools(cluster, context)) {
    const subnetId = stringAt(pool.settings, 'vnetSubnetID');
    if (subnetId && !subnetIds.some(known => sameArmId(known, subnetId))) {
      subnetIds.push(subnetId);
    }
  }
  return subnetIds;
}

/**
 * Returns the addresses that the default routes of the cluster's node
 * subnets send internet traffic to through a virtual appliance. The lookup
 * is `unknown` when the cluster, a node subnet or its route table was not
 * read, so that no firewall is judged on a guess.
 */
export function egressNextHops(
  context: EvaluationContext,
): Lookup<Set<string>> {
  const cluster = context.cluster();
  if (!cluster.found) {
    return cluster;
  }

  const hops = new Set<string>();
  for (const subnetId of nodeSubnetIds(cluster.value, context)) {
    const found = routeTableOf(subnetId, context);
    if (found.status === 'unknown') {
      return { found: false, outcome: found.outcome };
    }
    if (found.status === 'none') {
      continue;
    }
    const route = defaultRoute(found.table)?.route;
    const nextHop = stringAt(route, 'properties.nextHopIpAddress')?.trim();
    if (
      nextHop &&
      /^virtualappliance$/i.test(
        stringAt(route, 'properties.nextHopType') ?? '',
      )
    ) {
      hops.add(nextHop);
    }
  }
  return { found: true, value: hops };
}

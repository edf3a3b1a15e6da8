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
import {
  Cidr,
  coverAllAddresses,
  NON_INTERNET_IPV4_RANGES,
  parseCidr,
} from '../../resources/cidr';
import { firewallPrivateIps, AZURE_FIREWALL_TYPE } from './azureFirewalls';
import { nodePools } from '../nodePools';
import {
  defaultRoute,
  egressSubnets,
  isInternetRoute,
  routeTableOf,
} from './routeTables';

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

/** Judges the routes of one route table for internet egress. */
function judgeRouteTable(
  table: ArmResource,
  firewallIps: Set<string>,
): CheckOutcome {
  const routes = objectsAt(table.body, 'properties.routes');
  const routeName = (route: JsonObject, index: number) =>
    typeof route.name === 'string' ? route.name : `routes[${index}]`;

  const found = defaultRoute(table);
  if (!found) {
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

  const { route, index: defaultIndex } = found;
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

  // A more specific route wins over 0.0.0.0/0, so an internet prefix sent
  // straight out or to another appliance bypasses the firewall.
  const bypasses = routes
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ candidate, index }) => {
      if (index === defaultIndex || !isInternetRoute(candidate)) {
        return false;
      }
      const type = stringAt(candidate, 'properties.nextHopType') ?? '';
      const address = stringAt(candidate, 'properties.nextHopIpAddress');
      return (
        /^internet$/i.test(type) ||
        (/^virtualappliance$/i.test(type) &&
          !firewallIps.has(address?.trim() ?? ''))
      );
    });
  if (bypasses.length > 0) {
    // Routes such as 0.0.0.0/1 and 128.0.0.0/1 are more specific than
    // 0.0.0.0/0 for every address, so together they bypass the firewall.
    const bypassRanges = bypasses
      .map(({ candidate }) =>
        parseCidr(stringAt(candidate, 'properties.addressPrefix') ?? ''),
      )
      .filter((range): range is Cidr => range !== undefined);
    const everything = coverAllAddresses(
      [...bypassRanges, ...NON_INTERNET_IPV4_RANGES],
      4,
    );
    const bypassEvidence: Evidence[] = [
      ...routeEvidence(),
      ...bypasses.map(({ candidate, index }) => ({
        resource: table.id,
        path: `properties.routes[${index}].properties`,
        observed: {
          addressPrefix:
            stringAt(candidate, 'properties.addressPrefix') ?? null,
          nextHopType: stringAt(candidate, 'properties.nextHopType') ?? null,
          nextHopIpAddress:
            stringAt(candidate, 'properties.nextHopIpAddress') ?? null,
        },
        expected:
          'no internet prefix with next hop Internet or an appliance other than the firewall',
        elements: [routeName(candidate, index)],
      })),
    ];
    return everything
      ? fail(
          `Route table ${table.name} sends every internet IPv4 address around the firewall: its more specific routes cover all of 0.0.0.0/0.`,
          bypassEvidence,
        )
      : warn(
          `Route table ${table.name} sends some internet prefixes around the firewall.`,
          bypassEvidence,
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
  title: 'Every node and pod subnet routes 0.0.0.0/0 to the firewall.',
  why: 'User-defined routing only forces egress through the firewall if each node subnet, and each pod subnet that Azure CNI gives pods their addresses from, has a route table whose default route points at the firewall private IP.',
  remediation:
    'Add a route `0.0.0.0/0 -> VirtualAppliance <firewall private IP>` and associate its route table with the node, pod, internal load balancer and API server subnets (not the Application Gateway subnet).',
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
    const subnets = egressSubnets(cluster, context);
    if (!subnets.some(subnet => subnet.role === 'node')) {
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
    const outcomes: ElementOutcome[] = subnets.map(subnet => {
      const subnetId = subnet.id;
      const element = lastIdSegment(subnetId);
      const natNote = natGatewayNote(subnetId, context);
      const found = routeTableOf(subnet, context);
      if (found.status === 'unknown') {
        return { element, ...found.outcome };
      }
      if (found.status === 'none') {
        return {
          element,
          ...fail(
            `${
              subnet.role === 'node' ? 'Node' : 'Pod'
            } subnet ${element} has no route table, so its egress bypasses the firewall.`,
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
        note: `route table ${found.table.name} of the ${subnet.role} subnet, found through ${found.via}`,
      });
      if (natNote) {
        outcome.evidence.push({ resource: subnetId, note: natNote });
      }
      return { element, ...outcome };
    });
    return combineElements(outcomes, 'The cluster has no node subnets.');
  },
};

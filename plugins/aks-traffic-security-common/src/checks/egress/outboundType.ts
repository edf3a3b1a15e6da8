import { CheckDefinition } from '../types';
import { fail, pass, unknown, warn } from '../outcomes';
import { getPath, stringAt } from '../../resources/json';

const PATH = 'properties.networkProfile.outboundType';

/** Outbound types whose egress leaves the cluster without passing an inspecting firewall. */
const DIRECT_EGRESS_TYPES = [
  'userassignednatgateway',
  'managednatgateway',
  'managednatgatewayv2',
];

/**
 * Outbound types of network-isolated clusters: `none` sets up no egress path
 * and `block` (preview API versions only) blocks public egress with NSG rules.
 */
const ISOLATED_TYPES = ['none', 'block'];

export const outboundType: CheckDefinition = {
  id: 'egress.aks.outbound-type',
  flow: 'egress',
  severity: 'high',
  level: 'baseline',
  title: 'Cluster egress uses user-defined routing to a firewall.',
  why: 'With the default load balancer or a NAT gateway, pods and nodes reach the internet directly, so no firewall inspects or restricts their outbound traffic.',
  remediation:
    'Use `outboundType: userDefinedRouting` with a route table that sends 0.0.0.0/0 to Azure Firewall. An existing cluster can change it with `az aks update --outbound-type userDefinedRouting` along the supported migration paths (bring-your-own VNet: loadBalancer or userAssignedNATGateway to userDefinedRouting); the change disrupts traffic and changes the egress IP.',
  documentationUrl: 'https://learn.microsoft.com/azure/aks/egress-outboundtype',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;

    const raw = getPath(cluster.body, PATH);
    const value = stringAt(cluster.body, PATH);
    const normalized = value?.trim().toLowerCase();
    const evidence = (note?: string) => [
      {
        resource: cluster.id,
        path: PATH,
        observed: raw ?? null,
        expected: 'userDefinedRouting',
        note,
      },
    ];

    if (normalized === 'userdefinedrouting') {
      return pass(
        'Egress uses user-defined routing.',
        evidence(
          'egress.routetable.default-route-to-firewall confirms that the default route targets a firewall.',
        ),
      );
    }
    if (
      normalized === undefined ||
      normalized === '' ||
      normalized === 'loadbalancer'
    ) {
      return fail(
        normalized === 'loadbalancer'
          ? 'Egress leaves through the cluster load balancer without a firewall.'
          : 'outboundType is not set, so egress leaves through the cluster load balancer (the default).',
        evidence(),
      );
    }
    if (DIRECT_EGRESS_TYPES.includes(normalized)) {
      const natSku = stringAt(
        cluster.body,
        'properties.networkProfile.natGatewayProfile.sku',
      );
      return warn(
        `Egress leaves through a NAT gateway (${value}), directly and without inspection.`,
        evidence(natSku ? `natGatewayProfile.sku: ${natSku}` : undefined),
        'direct-egress',
      );
    }
    if (ISOLATED_TYPES.includes(normalized)) {
      return warn(
        `The cluster is network-isolated (outboundType ${value}); verify that this is intended and that required endpoints stay reachable.`,
        evidence(),
        'network-isolated',
      );
    }
    return unknown(
      'unrecognised-value',
      `outboundType has the value ${JSON.stringify(
        raw,
      )}, which this check does not know.`,
      evidence(),
    );
  },
};

import { ArmResource } from '../../types';
import { EvaluationContext, Lookup } from '../../evaluator/EvaluationContext';
import { unknown } from '../outcomes';
import { objectsAt, stringAt } from '../../resources/json';
import { egressNextHops } from './routeTables';

export const AZURE_FIREWALL_TYPE = 'Microsoft.Network/azureFirewalls';
export const FIREWALL_POLICY_TYPE = 'Microsoft.Network/firewallPolicies';
export const RULE_COLLECTION_GROUP_TYPE =
  'Microsoft.Network/firewallPolicies/ruleCollectionGroups';

/**
 * Returns the Azure Firewalls that filter the cluster's egress: those whose
 * private IP is the next hop of the node and pod subnets' internet routes. The
 * assessment scope names no firewall, and a set read from files may hold
 * firewalls of other networks, so a firewall counts only through the
 * cluster's routes. The lookup is `unknown` when no firewall was read, or
 * when the routes or the firewall they point at are not known.
 */
export function azureFirewalls(
  context: EvaluationContext,
): Lookup<ArmResource[]> {
  const firewalls = context.armOfType(AZURE_FIREWALL_TYPE);
  if (firewalls.length > 0) {
    return egressFirewalls(firewalls, context);
  }

  const failure = context.resourceSet.failures.find(item =>
    item.target.toLowerCase().includes('/microsoft.network/azurefirewalls/'),
  );
  return {
    found: false,
    outcome: unknown(
      failure?.reason ?? 'missing-resource',
      failure
        ? `The Azure Firewall could not be read: ${failure.message}`
        : 'No Azure Firewall was read, so the egress firewall cannot be judged.',
      [
        {
          resource: failure?.target,
          note: `expected at least one ${AZURE_FIREWALL_TYPE}`,
        },
      ],
    ),
  };
}

/** Returns the id of the firewall policy that `properties.firewallPolicy.id` attaches, if any. */
export function attachedPolicyId(firewall: ArmResource): string | undefined {
  const id = stringAt(firewall.body, 'properties.firewallPolicy.id');
  return id && id.trim() !== '' ? id : undefined;
}

/**
 * Returns the private IP addresses a firewall receives routed traffic on:
 * those of its IP configurations, and for a firewall in a Virtual WAN hub
 * `hubIPAddresses.privateIPAddress`.
 */
export function firewallPrivateIps(firewall: ArmResource): string[] {
  const addresses = objectsAt(firewall.body, 'properties.ipConfigurations')
    .map(configuration =>
      stringAt(configuration, 'properties.privateIPAddress'),
    )
    .concat(
      stringAt(firewall.body, 'properties.hubIPAddresses.privateIPAddress'),
    );
  return addresses.filter(
    (address): address is string => !!address && address.trim() !== '',
  );
}

/** Keeps the firewalls that the node and pod subnets' internet routes send traffic to, unless some go elsewhere. */
function egressFirewalls(
  firewalls: ArmResource[],
  context: EvaluationContext,
): Lookup<ArmResource[]> {
  const hops = egressNextHops(context);
  if (!hops.found) {
    return hops;
  }

  const egress = firewalls.filter(firewall =>
    firewallPrivateIps(firewall).some(address => hops.value.has(address)),
  );
  const firewallIps = new Set(egress.flatMap(firewallPrivateIps));
  const elsewhere = [...hops.value].filter(hop => !firewallIps.has(hop));
  if (egress.length > 0 && elsewhere.length === 0) {
    return { found: true, value: egress };
  }
  if (egress.length > 0) {
    return {
      found: false,
      outcome: unknown(
        'egress-firewall-not-identified',
        `The node and pod subnets also send internet traffic to ${elsewhere.join(
          ', ',
        )}, which is not the private IP of any Azure Firewall read, so not all of their egress passes a firewall that can be judged.`,
        egress.map(firewall => ({
          resource: firewall.id,
          observed: firewallPrivateIps(firewall),
          note: `other next hops: ${elsewhere.join(', ')}`,
        })),
      ),
    };
  }
  return {
    found: false,
    outcome: unknown(
      'egress-firewall-not-identified',
      hops.value.size === 0
        ? `No internet route of the cluster's node and pod subnets goes to a virtual appliance, so none of the ${firewalls.length} Azure Firewalls read is known to filter its egress.`
        : `The node and pod subnets send their internet traffic to ${[
            ...hops.value,
          ].join(', ')}, which is not the private IP of any of the ${
            firewalls.length
          } Azure Firewalls read.`,
      firewalls.map(firewall => ({
        resource: firewall.id,
        path: 'properties.ipConfigurations[*].properties.privateIPAddress',
        observed: firewallPrivateIps(firewall),
        expected: [...hops.value],
      })),
    ),
  };
}

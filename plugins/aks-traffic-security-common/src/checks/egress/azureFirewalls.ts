import { ArmResource } from '../../types';
import { EvaluationContext, Lookup } from '../../evaluator/EvaluationContext';
import { unknown } from '../outcomes';
import { objectsAt, stringAt } from '../../resources/json';

export const AZURE_FIREWALL_TYPE = 'Microsoft.Network/azureFirewalls';
export const FIREWALL_POLICY_TYPE = 'Microsoft.Network/firewallPolicies';
export const RULE_COLLECTION_GROUP_TYPE =
  'Microsoft.Network/firewallPolicies/ruleCollectionGroups';

/**
 * Returns every Azure Firewall read. The assessment scope names no firewall,
 * so the egress checks judge each firewall in the set.
 */
export function azureFirewalls(
  context: EvaluationContext,
): Lookup<ArmResource[]> {
  const firewalls = context.armOfType(AZURE_FIREWALL_TYPE);
  if (firewalls.length > 0) {
    return { found: true, value: firewalls };
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

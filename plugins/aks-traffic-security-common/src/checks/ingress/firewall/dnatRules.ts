import { ArmResource, JsonObject } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { objectsAt, stringAt, stringsAt } from '../../../resources/json';
import { lastIdSegment } from '../../../resources/armIds';
import { unknown } from '../../outcomes';
import { CheckOutcome } from '../../types';
import { GroupOutcome } from '../shared/combineGroups';

export const AZURE_FIREWALL_TYPE = 'Microsoft.Network/azureFirewalls';
export const FIREWALL_POLICY_TYPE = 'Microsoft.Network/firewallPolicies';
export const RULE_COLLECTION_GROUP_TYPE =
  'Microsoft.Network/firewallPolicies/ruleCollectionGroups';

/** One destination NAT rule, from classic firewall rules or a firewall policy. */
export interface DnatRule {
  /** `<firewall or rule collection group>/<collection>/<rule>`. */
  name: string;
  resource: string;
  path: string;
  sourceAddresses: string[];
  destinationAddresses: string[];
  destinationPorts: string[];
  translatedAddress?: string;
  translatedFqdn?: string;
  translatedPort?: string;
}

/** The DNAT rules found, the resources they were read from, and what could not be followed. */
export interface DnatRuleSet {
  rules: DnatRule[];
  sources: string[];
  unresolved: GroupOutcome[];
}

function toRule(
  resource: ArmResource,
  owner: string,
  collection: string,
  rule: JsonObject,
  path: string,
): DnatRule {
  const ipGroups = stringsAt(rule, 'sourceIpGroups').map(
    id => `IP group ${id.split('/').pop()}`,
  );
  const translatedPort = rule.translatedPort;
  return {
    name: `${owner}/${collection}/${stringAt(rule, 'name') ?? '(unnamed)'}`,
    resource: resource.id,
    path,
    sourceAddresses: [...stringsAt(rule, 'sourceAddresses'), ...ipGroups],
    destinationAddresses: stringsAt(rule, 'destinationAddresses'),
    destinationPorts: stringsAt(rule, 'destinationPorts'),
    translatedAddress: stringAt(rule, 'translatedAddress') || undefined,
    translatedFqdn: stringAt(rule, 'translatedFqdn') || undefined,
    translatedPort:
      typeof translatedPort === 'string' || typeof translatedPort === 'number'
        ? String(translatedPort)
        : undefined,
  };
}

function classicRules(firewall: ArmResource): DnatRule[] {
  return objectsAt(firewall.body, 'properties.natRuleCollections').flatMap(
    (collection, index) =>
      objectsAt(collection, 'properties.rules').map((rule, ruleIndex) =>
        toRule(
          firewall,
          firewall.name,
          stringAt(collection, 'name') ?? `#${index}`,
          rule,
          `properties.natRuleCollections[${index}].properties.rules[${ruleIndex}]`,
        ),
      ),
  );
}

function groupRules(group: ArmResource): DnatRule[] {
  return objectsAt(group.body, 'properties.ruleCollections').flatMap(
    (collection, index) => {
      if (
        stringAt(collection, 'ruleCollectionType')?.toLowerCase() !==
        'firewallpolicynatrulecollection'
      ) {
        return [];
      }
      return objectsAt(collection, 'rules').map((rule, ruleIndex) =>
        toRule(
          group,
          group.name,
          stringAt(collection, 'name') ?? `#${index}`,
          rule,
          `properties.ruleCollections[${index}].rules[${ruleIndex}]`,
        ),
      );
    },
  );
}

function normalisedId(id: string): string {
  return id.trim().replace(/\/+$/, '').toLowerCase();
}

/**
 * Collects the DNAT rules of every firewall, firewall policy and rule
 * collection group that was read. A firewall with a policy is followed to
 * the policy, its rule collection groups and its base policy. A reference
 * that was not read becomes an `unknown` outcome.
 */
export function collectDnatRules(
  context: EvaluationContext,
): DnatRuleSet | CheckOutcome {
  const firewalls = context.armOfType(AZURE_FIREWALL_TYPE);
  const policies = context.armOfType(FIREWALL_POLICY_TYPE);
  const groups = context.armOfType(RULE_COLLECTION_GROUP_TYPE);
  if (firewalls.length === 0 && policies.length === 0 && groups.length === 0) {
    const failure = context.resourceSet.failures.find(item =>
      /\/microsoft\.network\/(azurefirewalls|firewallpolicies)\//i.test(
        item.target,
      ),
    );
    return failure
      ? unknown(
          failure.reason,
          `The firewall could not be read: ${failure.message}`,
          [{ resource: failure.target, note: failure.reason }],
        )
      : unknown(
          'missing-resource',
          'No Azure Firewall or firewall policy was read, so DNAT rules cannot be judged.',
          [
            {
              note: `expected a ${AZURE_FIREWALL_TYPE} or ${FIREWALL_POLICY_TYPE}`,
            },
          ],
        );
  }

  const result: DnatRuleSet = { rules: [], sources: [], unresolved: [] };
  const visitedPolicies = new Set<string>();
  const visitedGroups = new Set<string>();

  const visitGroup = (group: ArmResource) => {
    if (visitedGroups.has(normalisedId(group.id))) {
      return;
    }
    visitedGroups.add(normalisedId(group.id));
    result.sources.push(group.id);
    result.rules.push(...groupRules(group));
  };

  const visitPolicy = (id: string, user: string) => {
    if (visitedPolicies.has(normalisedId(id))) {
      return;
    }
    visitedPolicies.add(normalisedId(id));
    const lookup = context.armById(id, `firewall policy of ${user}`);
    if (!lookup.found) {
      result.unresolved.push({ ...lookup.outcome, elements: [user] });
      return;
    }
    const policy = lookup.value;
    result.sources.push(policy.id);

    // A GET lists the policy's groups; a template declares them as separate
    // resources whose ids start with the policy id.
    const listed = objectsAt(policy.body, 'properties.ruleCollectionGroups')
      .map(reference => stringAt(reference, 'id'))
      .filter((groupId): groupId is string => groupId !== undefined);
    const prefix = `${normalisedId(policy.id)}/rulecollectiongroups/`;
    const groupIds =
      listed.length > 0
        ? listed
        : groups
            .filter(group => normalisedId(group.id).startsWith(prefix))
            .map(group => group.id);
    for (const groupId of groupIds) {
      const group = context.armById(
        groupId,
        `rule collection group of firewall policy ${policy.name}`,
      );
      if (group.found) {
        visitGroup(group.value);
      } else {
        result.unresolved.push({
          ...group.outcome,
          elements: [
            `rule collection group ${lastIdSegment(
              groupId,
            )} of firewall policy ${policy.name}`,
          ],
        });
      }
    }

    const basePolicy = stringAt(policy.body, 'properties.basePolicy.id');
    if (basePolicy) {
      visitPolicy(basePolicy, `firewall policy ${policy.name}`);
    }
  };

  for (const firewall of firewalls) {
    result.sources.push(firewall.id);
    result.rules.push(...classicRules(firewall));
    const policyId = stringAt(firewall.body, 'properties.firewallPolicy.id');
    if (policyId) {
      visitPolicy(policyId, `firewall ${firewall.name}`);
    }
  }
  for (const policy of policies) {
    visitPolicy(policy.id, `firewall policy ${policy.name}`);
  }
  for (const group of groups) {
    visitGroup(group);
  }
  return result;
}

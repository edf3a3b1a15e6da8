import { ArmResource, JsonObject, JsonValue } from '../../types';
import { CheckOutcome } from '../types';
import { unknown } from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import {
  getPath,
  isJsonObject,
  objectsAt,
  stringAt,
} from '../../resources/json';
import { RULE_COLLECTION_GROUP_TYPE, attachedPolicyId } from './azureFirewalls';

/** One application or network rule of a classic firewall or a firewall policy. */
export interface FirewallRule {
  kind: 'application' | 'network';
  /** `<collection>/<rule>`, for evidence. */
  name: string;
  /** The collection's action, such as `Allow` or `Deny`. */
  action?: string;
  rule: JsonObject;
  /** The firewall or rule collection group the rule is defined in. */
  resource: string;
  path: string;
}

/**
 * The rules that apply to a firewall, and the outcomes of the parts that
 * could not be read, such as a rule collection with no readable action type.
 */
export interface FirewallRuleSet {
  rules: FirewallRule[];
  unresolved: CheckOutcome[];
}

function ruleName(rule: JsonObject, index: number): string {
  return typeof rule.name === 'string' ? rule.name : `rules[${index}]`;
}

/**
 * The action types of rule collections, lower-cased. Filter collections take
 * Allow or Deny, and NAT collections take DNAT (Dnat in classic rules).
 */
const COLLECTION_ACTIONS = ['allow', 'deny', 'dnat'];

/**
 * Returns an `unknown` outcome when a rule collection's action type is missing
 * or unrecognised, because its rules could then be allow rules.
 *
 * @param actionPath - the action type's path inside the collection
 * @param collectionPath - the collection's path from the resource root
 */
function unreadableAction(
  resource: string,
  name: string,
  collection: JsonObject,
  collectionPath: string,
  actionPath: string,
): CheckOutcome | undefined {
  const raw = getPath(collection, actionPath);
  if (
    typeof raw === 'string' &&
    COLLECTION_ACTIONS.includes(raw.toLowerCase())
  ) {
    return undefined;
  }
  const absent = raw === undefined || raw === null;
  return unknown(
    absent ? 'missing-property' : 'unrecognised-value',
    `Rule collection ${name} has ${
      absent
        ? 'no action type'
        : `the unrecognised action type ${JSON.stringify(raw)}`
    }, so whether its rules allow traffic cannot be told.`,
    [
      {
        resource,
        path: `${collectionPath}.${actionPath}`,
        observed: raw ?? null,
        expected: ['Allow', 'Deny'],
        elements: [name],
      },
    ],
  );
}

/**
 * Returns the `unknown` outcome of a rule in a filter rule collection whose
 * `ruleType` is neither ApplicationRule nor NetworkRule, because it is
 * then unknown which of its fields name destinations.
 */
function unreadableRuleType(
  resource: string,
  name: string,
  path: string,
  observed: JsonValue | undefined,
): CheckOutcome {
  return unknown(
    observed === undefined || observed === null
      ? 'missing-property'
      : 'unrecognised-value',
    `Rule ${name} has ${
      observed === undefined || observed === null
        ? 'no ruleType'
        : `the unrecognised ruleType ${JSON.stringify(observed)}`
    }, so what it allows cannot be told.`,
    [
      {
        resource,
        path,
        observed: observed ?? null,
        expected: ['ApplicationRule', 'NetworkRule'],
        elements: [name],
      },
    ],
  );
}

/** Reads the classic `applicationRuleCollections` and `networkRuleCollections` of a firewall. */
function classicRules(firewall: ArmResource): FirewallRuleSet {
  const rules: FirewallRule[] = [];
  const unresolved: CheckOutcome[] = [];
  const collections: Array<[FirewallRule['kind'], string]> = [
    ['application', 'applicationRuleCollections'],
    ['network', 'networkRuleCollections'],
  ];
  for (const [kind, property] of collections) {
    objectsAt(firewall.body, `properties.${property}`).forEach(
      (collection, collectionIndex) => {
        const collectionName =
          typeof collection.name === 'string'
            ? collection.name
            : `${property}[${collectionIndex}]`;
        const collectionPath = `properties.${property}[${collectionIndex}]`;
        const collectionRules = objectsAt(collection, 'properties.rules');
        collectionRules.forEach((rule, index) => {
          rules.push({
            kind,
            name: `${collectionName}/${ruleName(rule, index)}`,
            action: stringAt(collection, 'properties.action.type'),
            rule,
            resource: firewall.id,
            path: `${collectionPath}.properties.rules[${index}]`,
          });
        });
        const actionOutcome =
          collectionRules.length > 0
            ? unreadableAction(
                firewall.id,
                collectionName,
                collection,
                collectionPath,
                'properties.action.type',
              )
            : undefined;
        if (actionOutcome) {
          unresolved.push(actionOutcome);
        }
      },
    );
  }
  return { rules, unresolved };
}

/** Reads the filter rules of one rule collection group, leaving out DNAT collections. */
function groupRules(group: ArmResource): FirewallRuleSet {
  const rules: FirewallRule[] = [];
  const unresolved: CheckOutcome[] = [];
  objectsAt(group.body, 'properties.ruleCollections').forEach(
    (collection, collectionIndex) => {
      if (
        /natrulecollection$/i.test(
          stringAt(collection, 'ruleCollectionType') ?? '',
        )
      ) {
        return;
      }
      const collectionName =
        typeof collection.name === 'string'
          ? collection.name
          : `ruleCollections[${collectionIndex}]`;
      const collectionPath = `properties.ruleCollections[${collectionIndex}]`;
      const rulesBefore = rules.length;
      objectsAt(collection, 'rules').forEach((rule, index) => {
        const ruleType = stringAt(rule, 'ruleType') ?? '';
        let kind: FirewallRule['kind'];
        if (/^applicationrule$/i.test(ruleType)) {
          kind = 'application';
        } else if (/^networkrule$/i.test(ruleType)) {
          kind = 'network';
        } else {
          unresolved.push(
            unreadableRuleType(
              group.id,
              `${group.name}/${collectionName}/${ruleName(rule, index)}`,
              `${collectionPath}.rules[${index}].ruleType`,
              rule.ruleType,
            ),
          );
          return;
        }
        rules.push({
          kind,
          name: `${group.name}/${collectionName}/${ruleName(rule, index)}`,
          action: stringAt(collection, 'action.type'),
          rule,
          resource: group.id,
          path: `${collectionPath}.rules[${index}]`,
        });
      });
      const actionOutcome =
        rules.length > rulesBefore
          ? unreadableAction(
              group.id,
              `${group.name}/${collectionName}`,
              collection,
              collectionPath,
              'action.type',
            )
          : undefined;
      if (actionOutcome) {
        unresolved.push(actionOutcome);
      }
    },
  );
  return { rules, unresolved };
}

/**
 * Finds the rule collection groups of a policy: those its read-only
 * `ruleCollectionGroups` lists, and any read as child resources, as ARM
 * templates declare them.
 */
function policyGroups(
  policy: ArmResource,
  context: EvaluationContext,
): { groups: ArmResource[]; unresolved: CheckOutcome[] } {
  const groups: ArmResource[] = [];
  const unresolved: CheckOutcome[] = [];

  const listed = getPath(policy.body, 'properties.ruleCollectionGroups');
  if (Array.isArray(listed)) {
    for (const reference of listed) {
      const id = isJsonObject(reference)
        ? stringAt(reference, 'id')
        : undefined;
      if (!id) {
        continue;
      }
      const group = context.armById(id, 'rule collection group');
      if (group.found) {
        groups.push(group.value);
      } else {
        unresolved.push(group.outcome);
      }
    }
  }

  const prefix = `${policy.id.toLowerCase()}/rulecollectiongroups/`;
  for (const child of context.armOfType(RULE_COLLECTION_GROUP_TYPE)) {
    if (child.id.toLowerCase().startsWith(prefix) && !groups.includes(child)) {
      groups.push(child);
    }
  }

  if (!Array.isArray(listed) && groups.length === 0) {
    unresolved.push(
      unknown(
        'unresolved-reference',
        `The rule collection groups of firewall policy ${policy.name} were not read.`,
        [
          {
            resource: policy.id,
            path: 'properties.ruleCollectionGroups',
            observed: null,
          },
        ],
      ),
    );
  }
  return { groups, unresolved };
}

/**
 * Returns the rules that apply to a firewall: its classic rule collections,
 * or, with a policy attached, the filter rules of the policy and of its base
 * policies, which a child policy inherits.
 */
export function firewallRules(
  firewall: ArmResource,
  context: EvaluationContext,
): FirewallRuleSet {
  const policyId = attachedPolicyId(firewall);
  if (!policyId) {
    return classicRules(firewall);
  }

  const rules: FirewallRule[] = [];
  const unresolved: CheckOutcome[] = [];
  const visited = new Set<string>();
  let nextPolicyId: string | undefined = policyId;
  while (nextPolicyId && !visited.has(nextPolicyId.toLowerCase())) {
    visited.add(nextPolicyId.toLowerCase());
    const policy = context.armById(nextPolicyId, 'firewall policy');
    if (!policy.found) {
      unresolved.push(policy.outcome);
      break;
    }
    const found = policyGroups(policy.value, context);
    for (const group of found.groups) {
      const groupSet = groupRules(group);
      rules.push(...groupSet.rules);
      unresolved.push(...groupSet.unresolved);
    }
    unresolved.push(...found.unresolved);
    nextPolicyId = stringAt(policy.value.body, 'properties.basePolicy.id');
  }
  return { rules, unresolved };
}

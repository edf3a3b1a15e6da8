import { ArmResource, Evidence, JsonObject } from '../../../types';
import { objectsAt, stringAt } from '../../../resources/json';
import { pass, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { GatewayModel } from '../appGateway/gatewayModel';
import { evaluateWafPolicies } from './evaluateWafPolicies';

function describeExclusion(exclusion: JsonObject): string {
  const variable = stringAt(exclusion, 'matchVariable') ?? '(no variable)';
  const operator = stringAt(exclusion, 'selectorMatchOperator');
  const selector = stringAt(exclusion, 'selector');
  return [variable, operator, selector].filter(Boolean).join(' ');
}

function ruleId(rule: JsonObject): string {
  const id = rule.ruleId;
  return typeof id === 'string' || typeof id === 'number'
    ? String(id)
    : '(no id)';
}

/**
 * Lists the rules a policy turns off. A rule in an override without a
 * state, and an override that lists no rules, count as disabled because an
 * overridden rule defaults to Disabled.
 */
function disabledPolicyRules(policy: ArmResource): string[] {
  const disabled: string[] = [];
  for (const set of objectsAt(
    policy.body,
    'properties.managedRules.managedRuleSets',
  )) {
    const setName = `${stringAt(set, 'ruleSetType') ?? '(no type)'} ${
      stringAt(set, 'ruleSetVersion') ?? ''
    }`.trim();
    for (const group of objectsAt(set, 'ruleGroupOverrides')) {
      const groupName = stringAt(group, 'ruleGroupName') ?? '(no group name)';
      const rules = objectsAt(group, 'rules');
      if (rules.length === 0) {
        disabled.push(`${setName} group ${groupName} (every rule)`);
        continue;
      }
      const ids = rules
        .filter(rule => {
          const state = stringAt(rule, 'state');
          return state === undefined || state.toLowerCase() === 'disabled';
        })
        .map(ruleId);
      if (ids.length > 0) {
        disabled.push(`${setName} group ${groupName} rules ${ids.join(', ')}`);
      }
    }
  }
  return disabled;
}

function judgeHoles(
  subject: string,
  disabled: string[],
  exclusions: string[],
  evidence: Evidence[],
): CheckOutcome {
  if (disabled.length === 0 && exclusions.length === 0) {
    return pass(
      `${subject} disables no managed rule and has no exclusions.`,
      evidence,
    );
  }

  const parts: string[] = [];
  if (disabled.length > 0) {
    parts.push(`disables ${disabled.join('; ')}`);
  }
  if (exclusions.length > 0) {
    parts.push(
      `excludes ${
        exclusions.length
      } request part(s) from inspection (${exclusions.join('; ')})`,
    );
  }
  return warn(
    `${subject} ${parts.join(' and ')}; review each one.`,
    evidence,
    disabled.length > 0 ? 'rules-disabled' : 'exclusions',
  );
}

function judgePolicy(policy: ArmResource): CheckOutcome {
  const disabled = disabledPolicyRules(policy);
  const exclusions = objectsAt(
    policy.body,
    'properties.managedRules.exclusions',
  ).map(describeExclusion);
  return judgeHoles(`WAF policy ${policy.name}`, disabled, exclusions, [
    {
      resource: policy.id,
      path: 'properties.managedRules.managedRuleSets[*].ruleGroupOverrides',
      observed: disabled,
      expected: [],
    },
    {
      resource: policy.id,
      path: 'properties.managedRules.exclusions',
      observed: exclusions,
      expected: [],
    },
  ]);
}

function judgeLegacy(
  configuration: JsonObject,
  gateway: GatewayModel,
): CheckOutcome {
  const disabled = objectsAt(configuration, 'disabledRuleGroups').map(group => {
    const name = stringAt(group, 'ruleGroupName') ?? '(no group name)';
    const rules = Array.isArray(group.rules) ? group.rules.map(String) : [];
    return rules.length === 0
      ? `group ${name} (every rule)`
      : `group ${name} rules ${rules.join(', ')}`;
  });
  const exclusions = objectsAt(configuration, 'exclusions').map(
    describeExclusion,
  );
  const base = 'properties.webApplicationFirewallConfiguration';
  return judgeHoles(
    `The legacy WAF configuration of ${gateway.resource.name}`,
    disabled,
    exclusions,
    [
      {
        resource: gateway.resource.id,
        path: `${base}.disabledRuleGroups`,
        observed: disabled,
        expected: [],
      },
      {
        resource: gateway.resource.id,
        path: `${base}.exclusions`,
        observed: exclusions,
        expected: [],
      },
    ],
  );
}

export const wafRuleOverrides: CheckDefinition = {
  id: 'ingress.waf.rule-overrides',
  flow: 'ingress',
  severity: 'low',
  level: 'advisory',
  title: 'Effective WAF policies disable no managed rules and exclude nothing.',
  why: 'Each disabled rule and each exclusion is a documented gap in inspection that needs a review and an owner.',
  remediation:
    'Narrow exclusions to specific rules and selectors, and re-enable disabled rules once false positives are fixed.',
  documentationUrl:
    'https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-configuration',
  evaluate(context) {
    return evaluateWafPolicies(context, { judgePolicy, judgeLegacy });
  },
};

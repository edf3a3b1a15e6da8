import { ArmResource, Evidence, JsonObject, Verdict } from '../../../types';
import { objectsAt, stringAt } from '../../../resources/json';
import { worstVerdict } from '../../../evaluator/verdicts';
import { CheckDefinition, CheckOutcome } from '../../types';
import { GatewayModel } from '../appGateway/gatewayModel';
import { evaluateWafPolicies } from './evaluateWafPolicies';

interface RuleSet {
  type: string;
  version: string;
}

interface Rating {
  verdict: Verdict;
  reason?: string;
  /** The rule set in use, such as `core rule set OWASP 3.2`; absent when none is. */
  label?: string;
  /** The problem with the rule set, as a clause, or absent on a pass. */
  problem?: string;
}

/** Parses a dotted version such as `3.2` or `2.2.9` into numbers. */
export function parseRuleSetVersion(version: string): number[] | undefined {
  return /^\d+(\.\d+)*$/.test(version.trim())
    ? version.trim().split('.').map(Number)
    : undefined;
}

/** Compares dotted versions numerically, so that `3.10` is newer than `3.2`. */
export function compareRuleSetVersions(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

function rateCoreSet(set: RuleSet): Rating {
  const label = `${set.type} ${set.version}`;
  const version = parseRuleSetVersion(set.version);
  if (!version) {
    return {
      verdict: 'warn',
      reason: 'unrecognised-value',
      label: `core rule set ${label}`,
      problem: `${label} has a version that is not a dotted number`,
    };
  }
  if (set.type.toLowerCase() === 'owasp') {
    if (compareRuleSetVersions(version, [3, 0]) < 0) {
      return {
        verdict: 'fail',
        label: `core rule set ${label}`,
        problem: `${label} is out of support (CRS 2.2.9 support ended 15 March 2025)`,
      };
    }
    if (compareRuleSetVersions(version, [3, 2]) < 0) {
      return {
        verdict: 'warn',
        reason: 'core-ruleset-retiring',
        label: `core rule set ${label}`,
        problem: `${label} is retiring (CRS 3.0 and 3.1 support ends 26 February 2027)`,
      };
    }
    return { verdict: 'pass', label: `core rule set ${label}` };
  }
  if (compareRuleSetVersions(version, [2, 1]) < 0) {
    return {
      verdict: 'warn',
      reason: 'unsupported-ruleset',
      label: `core rule set ${label}`,
      problem: `${label} is older than DRS 2.1, the oldest Default Rule Set supported on Application Gateway`,
    };
  }
  return { verdict: 'pass', label: `core rule set ${label}` };
}

function rateBotManager(sets: RuleSet[]): Rating {
  const bots = sets.filter(
    set => set.type.toLowerCase() === 'microsoft_botmanagerruleset',
  );
  if (bots.length === 0) {
    return {
      verdict: 'warn',
      reason: 'bot-manager-missing',
      problem: 'no Microsoft_BotManagerRuleSet is enabled',
    };
  }
  const supported = bots.find(set => {
    const version = parseRuleSetVersion(set.version);
    return (
      version !== undefined && compareRuleSetVersions(version, [1, 0]) >= 0
    );
  });
  if (supported) {
    return { verdict: 'pass', label: `bot manager ${supported.version}` };
  }
  return {
    verdict: 'warn',
    reason: 'bot-manager-preview',
    label: `bot manager ${bots.map(set => set.version).join(', ')}`,
    problem: `bot manager ${bots
      .map(set => set.version)
      .join(', ')} is the unsupported preview (use 1.0 or 1.1)`,
  };
}

function judgeRuleSets(
  subject: string,
  sets: RuleSet[],
  evidence: Evidence[],
): CheckOutcome {
  const cores = sets.filter(set =>
    ['owasp', 'microsoft_defaultruleset'].includes(set.type.toLowerCase()),
  );
  if (cores.length === 0) {
    return {
      verdict: 'fail',
      message: `${subject} enables no OWASP or Microsoft_DefaultRuleSet core rule set${
        sets.length > 0
          ? ` (only ${sets
              .map(set => `${set.type} ${set.version}`)
              .join(', ')})`
          : ''
      }.`,
      evidence,
    };
  }

  // A policy normally has one core set; if it lists several, the best counts.
  const order: Verdict[] = ['pass', 'warn', 'unknown', 'fail'];
  const core = cores
    .map(rateCoreSet)
    .sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict))[0];
  const bot = rateBotManager(sets);
  const ratings = [core, bot];
  const verdict = worstVerdict(ratings.map(rating => rating.verdict));
  const worst = ratings.find(rating => rating.verdict === verdict)!;
  const problems = ratings.flatMap(rating =>
    rating.problem ? [rating.problem] : [],
  );
  return {
    verdict,
    reason: worst.reason,
    message: `${subject} uses ${ratings
      .flatMap(rating => (rating.label ? [rating.label] : []))
      .join(' and ')}${
      problems.length > 0 ? `, but ${problems.join('; ')}` : ''
    }.`,
    evidence,
  };
}

function judgePolicy(policy: ArmResource): CheckOutcome {
  const path = 'properties.managedRules.managedRuleSets';
  const sets = objectsAt(policy.body, path).map(set => ({
    type: stringAt(set, 'ruleSetType') ?? '(no type)',
    version: stringAt(set, 'ruleSetVersion') ?? '(no version)',
  }));
  return judgeRuleSets(`WAF policy ${policy.name}`, sets, [
    {
      resource: policy.id,
      path,
      observed: sets.map(set => `${set.type} ${set.version}`),
      expected:
        'OWASP 3.2 or Microsoft_DefaultRuleSet 2.1 or later, and Microsoft_BotManagerRuleSet 1.0 or later',
    },
  ]);
}

function judgeLegacy(
  configuration: JsonObject,
  gateway: GatewayModel,
): CheckOutcome {
  const type = stringAt(configuration, 'ruleSetType');
  const version = stringAt(configuration, 'ruleSetVersion');
  const sets = type ? [{ type, version: version ?? '(no version)' }] : [];
  return judgeRuleSets(
    `The legacy WAF configuration of ${gateway.resource.name}`,
    sets,
    [
      {
        resource: gateway.resource.id,
        path: 'properties.webApplicationFirewallConfiguration.ruleSetVersion',
        observed: type ? `${type} ${version ?? ''}`.trim() : null,
        expected:
          'OWASP 3.2 or later, plus a bot manager rule set (needs a WAF policy)',
      },
    ],
  );
}

export const wafManagedRuleSets: CheckDefinition = {
  id: 'ingress.waf.managed-rulesets',
  flow: 'ingress',
  severity: 'medium',
  level: 'baseline',
  title:
    'Every effective WAF policy runs a supported core rule set and bot protection.',
  why: 'A current OWASP CRS or Microsoft Default Rule Set with the bot manager rule set is what the AKS baseline deploys; retired rule sets no longer receive fixes.',
  remediation:
    'Use Microsoft_DefaultRuleSet 2.2 (or 2.1, or OWASP 3.2) together with Microsoft_BotManagerRuleSet 1.1 (or 1.0).',
  documentationUrl:
    'https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules',
  evaluate(context) {
    return evaluateWafPolicies(context, { judgePolicy, judgeLegacy });
  },
};

import { ArmResource } from '../../types';
import { CheckDefinition } from '../types';
import { combineElements, ElementOutcome, fail, pass, warn } from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { getPath } from '../../resources/json';
import { azureFirewalls } from './azureFirewalls';
import { FirewallRule, firewallRules } from './firewallRules';

const ANY_DESTINATIONS = ['*', '0.0.0.0/0', 'internet'];
const ANY_PORTS = ['*', '0-65535', '1-65535'];
const ANY_SOURCES = ['*', '0.0.0.0/0'];

function valuesAt(rule: FirewallRule, key: string): string[] {
  const value = getPath(rule.rule, key);
  return Array.isArray(value)
    ? value
        .filter((item): item is string => typeof item === 'string')
        .map(item => item.trim().toLowerCase())
    : [];
}

function includesAny(values: string[], candidates: string[]): boolean {
  return values.some(value => candidates.includes(value));
}

/** Judges one Allow rule; returns `undefined` for a rule that is narrow enough. */
function judgeRule(rule: FirewallRule): ElementOutcome | undefined {
  const evidence = (path: string, expected: string) => [
    {
      resource: rule.resource,
      path: `${rule.path}.${path}`,
      observed: getPath(rule.rule, path) ?? null,
      expected,
      elements: [rule.name],
    },
  ];

  if (rule.kind === 'application') {
    for (const key of ['targetFqdns', 'targetUrls']) {
      if (valuesAt(rule, key).includes('*')) {
        return {
          element: rule.name,
          ...fail(
            `Allow rule ${rule.name} admits every destination name (${key} "*").`,
            evidence(key, 'named FQDNs or FQDN tags'),
          ),
        };
      }
    }
  } else {
    const anyDestination =
      includesAny(valuesAt(rule, 'destinationAddresses'), ANY_DESTINATIONS) ||
      valuesAt(rule, 'destinationFqdns').includes('*');
    if (
      anyDestination &&
      includesAny(valuesAt(rule, 'destinationPorts'), ANY_PORTS)
    ) {
      return {
        element: rule.name,
        ...fail(
          `Allow rule ${rule.name} admits every destination on every port.`,
          [
            ...evidence('destinationAddresses', 'named destinations'),
            ...evidence('destinationPorts', 'named ports'),
          ],
        ),
      };
    }
  }

  if (includesAny(valuesAt(rule, 'sourceAddresses'), ANY_SOURCES)) {
    return {
      element: rule.name,
      ...warn(
        `Allow rule ${rule.name} applies to every source address.`,
        evidence(
          'sourceAddresses',
          'the node and pod subnets or an IP group of them',
        ),
        'any-source',
      ),
    };
  }
  return undefined;
}

function judgeFirewall(
  firewall: ArmResource,
  context: EvaluationContext,
): ElementOutcome[] {
  const { rules, unresolved } = firewallRules(firewall, context);
  const allowRules = rules.filter(rule => /^allow$/i.test(rule.action ?? ''));

  const outcomes: ElementOutcome[] = unresolved.map(outcome => ({
    element: firewall.name,
    ...outcome,
  }));
  for (const rule of allowRules) {
    const outcome = judgeRule(rule);
    if (outcome) {
      outcomes.push(outcome);
    }
  }

  if (outcomes.length === 0) {
    outcomes.push({
      element: firewall.name,
      ...pass(
        `Firewall ${firewall.name} has ${allowRules.length} allow rule(s), none open to any destination or source.`,
        [
          {
            resource: firewall.id,
            observed: { rules: rules.length, allowRules: allowRules.length },
          },
        ],
      ),
    });
  }
  return outcomes;
}

export const noAllowAny: CheckDefinition = {
  id: 'egress.firewall.no-allow-any',
  flow: 'egress',
  severity: 'high',
  level: 'baseline',
  title: 'Firewall allow rules name their destinations.',
  why: 'An allow rule for any FQDN, or for any address on any port, turns the egress firewall into a pass-through and lets a compromised pod reach any server.',
  remediation:
    "Allow only the AKS FQDN tag (`fqdnTags: ['AzureKubernetesService']`) and the FQDNs and ports the workloads need, from the node and pod subnets only.",
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/outbound-rules-control-egress',
  evaluate(context) {
    const firewalls = azureFirewalls(context);
    if (!firewalls.found) {
      return firewalls.outcome;
    }
    return combineElements(
      firewalls.value.flatMap(firewall => judgeFirewall(firewall, context)),
      'No Azure Firewall was read.',
    );
  },
};

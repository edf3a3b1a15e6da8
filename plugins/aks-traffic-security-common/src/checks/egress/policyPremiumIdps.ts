import { ArmResource, Evidence } from '../../types';
import { CheckDefinition } from '../types';
import { combineElements, ElementOutcome, pass, warn } from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { booleanAt, getPath, stringAt } from '../../resources/json';
import { attachedPolicyId, azureFirewalls } from './azureFirewalls';

function judgeFirewall(
  firewall: ArmResource,
  context: EvaluationContext,
): ElementOutcome {
  const element = firewall.name;
  const policyId = attachedPolicyId(firewall);
  if (!policyId) {
    return {
      element,
      ...warn(
        `Firewall ${element} uses classic rules without a firewall policy.`,
        [
          {
            resource: firewall.id,
            path: 'properties.firewallPolicy.id',
            observed: null,
            expected: 'a Premium firewall policy',
          },
        ],
        'classic-rules',
      ),
    };
  }
  const lookup = context.armById(policyId, 'firewall policy');
  if (!lookup.found) {
    return { element, ...lookup.outcome };
  }
  const policy = lookup.value;

  const gaps: Evidence[] = [];
  const firewallTier = stringAt(firewall.body, 'properties.sku.tier');
  if (firewallTier !== undefined && !/^premium$/i.test(firewallTier)) {
    gaps.push({
      resource: firewall.id,
      path: 'properties.sku.tier',
      observed: firewallTier,
      expected: 'Premium',
    });
  }
  const policyTier = stringAt(policy.body, 'properties.sku.tier');
  if (!policyTier || !/^premium$/i.test(policyTier)) {
    gaps.push({
      resource: policy.id,
      path: 'properties.sku.tier',
      observed: policyTier ?? null,
      expected: 'Premium',
      note: policyTier ? undefined : 'not set; the default tier is Standard',
    });
  }
  const idpsMode = stringAt(policy.body, 'properties.intrusionDetection.mode');
  if (!idpsMode || !/^deny$/i.test(idpsMode)) {
    gaps.push({
      resource: policy.id,
      path: 'properties.intrusionDetection.mode',
      observed:
        getPath(policy.body, 'properties.intrusionDetection.mode') ?? null,
      expected: 'Deny',
    });
  }
  if (booleanAt(policy.body, 'properties.dnsSettings.enableProxy') !== true) {
    gaps.push({
      resource: policy.id,
      path: 'properties.dnsSettings.enableProxy',
      observed:
        getPath(policy.body, 'properties.dnsSettings.enableProxy') ?? null,
      expected: true,
      note: 'DNS proxy is needed for FQDN network rules',
    });
  }

  if (gaps.length > 0) {
    return {
      element,
      ...warn(
        `Firewall ${element} differs from the recommended values: ${gaps
          .map(
            gap =>
              `${gap.path} is ${
                gap.observed === null || gap.observed === undefined
                  ? 'not set'
                  : JSON.stringify(gap.observed)
              }, expected ${JSON.stringify(gap.expected)}`,
          )
          .join('; ')}.`,
        gaps,
        'premium-features-missing',
      ),
    };
  }
  return {
    element,
    ...pass(
      `Firewall ${element} uses a Premium policy with IDPS in Deny mode and DNS proxy.`,
      [
        {
          resource: policy.id,
          path: 'properties',
          observed: {
            tier: policyTier ?? null,
            idps: idpsMode ?? null,
            dnsProxy: true,
          },
        },
      ],
    ),
  };
}

export const policyPremiumIdps: CheckDefinition = {
  id: 'egress.firewall.policy-premium-idps',
  flow: 'egress',
  severity: 'medium',
  level: 'advisory',
  title: 'The egress firewall uses a Premium policy with IDPS and DNS proxy.',
  why: 'A Premium firewall policy adds signature-based intrusion detection and prevention, and its DNS proxy lets FQDN network rules resolve names the same way the cluster does.',
  remediation:
    'Migrate classic rules to a firewall policy, use the Premium tier, and set `intrusionDetection.mode: Deny` and `dnsSettings.enableProxy: true`.',
  documentationUrl:
    'https://learn.microsoft.com/azure/firewall/premium-features',
  evaluate(context) {
    const firewalls = azureFirewalls(context);
    if (!firewalls.found) {
      return firewalls.outcome;
    }
    return combineElements(
      firewalls.value.map(firewall => judgeFirewall(firewall, context)),
      'No Azure Firewall was read.',
    );
  },
};

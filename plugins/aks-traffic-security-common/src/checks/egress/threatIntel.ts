import { ArmResource } from '../../types';
import { CheckDefinition } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  pass,
  unknown,
  warn,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { getPath, stringAt } from '../../resources/json';
import { attachedPolicyId, azureFirewalls } from './azureFirewalls';

/**
 * Judges one firewall's threat intelligence mode. With a firewall policy
 * attached, the policy's mode applies and the firewall's own value is ignored.
 */
function judgeFirewall(
  firewall: ArmResource,
  context: EvaluationContext,
): ElementOutcome {
  const element = firewall.name;
  const policyId = attachedPolicyId(firewall);

  let source = firewall;
  if (policyId) {
    const policy = context.armById(policyId, 'firewall policy');
    if (!policy.found) {
      return { element, ...policy.outcome };
    }
    source = policy.value;
  }

  const path = 'properties.threatIntelMode';
  const raw = getPath(source.body, path);
  const mode = stringAt(source.body, path)?.trim().toLowerCase();
  const evidence = [
    {
      resource: source.id,
      path,
      observed: raw ?? null,
      expected: 'Deny',
      note: policyId ? `firewall policy of ${firewall.name}` : undefined,
    },
  ];

  if (mode === 'deny') {
    return {
      element,
      ...pass(
        `Firewall ${element} blocks traffic to known malicious addresses.`,
        evidence,
      ),
    };
  }
  if (mode === 'alert' || raw === undefined || raw === null) {
    return {
      element,
      ...warn(
        `Firewall ${element} only alerts on traffic to known malicious addresses${
          mode === undefined
            ? ' (threatIntelMode is not set; the default is Alert)'
            : ''
        }.`,
        evidence,
        'alert-only',
      ),
    };
  }
  if (mode === 'off') {
    return {
      element,
      ...fail(
        `Firewall ${element} has threat intelligence filtering off.`,
        evidence,
      ),
    };
  }
  return {
    element,
    ...unknown(
      'unrecognised-value',
      `Firewall ${element} has the unrecognised threatIntelMode ${JSON.stringify(
        raw,
      )}.`,
      evidence,
    ),
  };
}

export const threatIntel: CheckDefinition = {
  id: 'egress.firewall.threat-intel',
  flow: 'egress',
  severity: 'medium',
  level: 'baseline',
  title: 'The egress firewall denies traffic to known malicious addresses.',
  why: 'Threat intelligence in Deny mode stops compromised pods from reaching known command-and-control addresses and domains; Alert mode only logs the connection.',
  remediation:
    "Set `threatIntelMode: 'Deny'` on the firewall policy (or on the classic firewall when no policy is attached).",
  documentationUrl: 'https://learn.microsoft.com/azure/firewall/threat-intel',
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

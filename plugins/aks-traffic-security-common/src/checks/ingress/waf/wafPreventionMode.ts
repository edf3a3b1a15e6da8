import { ArmResource, JsonObject } from '../../../types';
import { stringAt } from '../../../resources/json';
import { fail, pass, unknown } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { GatewayModel } from '../appGateway/gatewayModel';
import { evaluateWafPolicies } from './evaluateWafPolicies';

function judgeMode(
  subject: string,
  mode: string | undefined,
  resource: string,
  path: string,
): CheckOutcome {
  const evidence = [
    { resource, path, observed: mode ?? null, expected: 'Prevention' },
  ];
  if (mode?.toLowerCase() === 'prevention') {
    return pass(`${subject} runs in Prevention mode.`, evidence);
  }
  if (mode === undefined) {
    return fail(
      `${subject} sets no mode, and the default mode is Detection, which only logs attacks.`,
      evidence,
    );
  }
  if (mode.toLowerCase() === 'detection') {
    return fail(
      `${subject} runs in Detection mode, which only logs attacks.`,
      evidence,
    );
  }
  return unknown(
    'unrecognised-value',
    `${subject} has mode ${mode}, which is neither Prevention nor Detection.`,
    evidence,
  );
}

function judgePolicy(policy: ArmResource): CheckOutcome {
  const path = 'properties.policySettings.mode';
  return judgeMode(
    `WAF policy ${policy.name}`,
    stringAt(policy.body, path),
    policy.id,
    path,
  );
}

function judgeLegacy(
  configuration: JsonObject,
  gateway: GatewayModel,
): CheckOutcome {
  return judgeMode(
    `The legacy WAF configuration of ${gateway.resource.name}`,
    stringAt(configuration, 'firewallMode'),
    gateway.resource.id,
    'properties.webApplicationFirewallConfiguration.firewallMode',
  );
}

export const wafPreventionMode: CheckDefinition = {
  id: 'ingress.waf.prevention-mode',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: 'Every effective WAF policy blocks attacks in Prevention mode.',
  why: 'Detection mode only logs matching requests; the WAF must block them to protect the service.',
  remediation:
    "Set `policySettings.mode: 'Prevention'` after tuning the rules in Detection mode.",
  documentationUrl:
    'https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview',
  evaluate(context) {
    return evaluateWafPolicies(context, { judgePolicy, judgeLegacy });
  },
};

import { ArmResource, JsonObject } from '../../../types';
import { parseBoolean, stringAt } from '../../../resources/json';
import { fail, pass, warn } from '../../outcomes';
import { CheckDefinition } from '../../types';
import { GatewayModel } from '../appGateway/gatewayModel';
import { evaluateWafPolicies } from './evaluateWafPolicies';

function judgePolicy(policy: ArmResource) {
  const state = stringAt(policy.body, 'properties.policySettings.state');
  const evidence = [
    {
      resource: policy.id,
      path: 'properties.policySettings.state',
      observed: state ?? null,
      expected: 'Enabled',
    },
  ];
  if (state?.toLowerCase() === 'enabled') {
    return pass(`WAF policy ${policy.name} is enabled.`, evidence);
  }
  if (state?.toLowerCase() === 'disabled') {
    return fail(
      `WAF policy ${policy.name} is disabled, so it inspects nothing.`,
      evidence,
    );
  }
  if (state === undefined) {
    return warn(
      `WAF policy ${policy.name} does not set policySettings.state; new policies default to Enabled, but make it explicit.`,
      evidence,
      'state-not-set',
    );
  }
  return warn(
    `WAF policy ${policy.name} has state ${state}, which is neither Enabled nor Disabled.`,
    evidence,
    'unrecognised-value',
  );
}

function judgeLegacy(configuration: JsonObject, gateway: GatewayModel) {
  const raw = configuration.enabled;
  const evidence = [
    {
      resource: gateway.resource.id,
      path: 'properties.webApplicationFirewallConfiguration.enabled',
      observed: raw ?? null,
      expected: true,
    },
  ];
  if (parseBoolean(raw) === true) {
    return pass(
      `The legacy WAF configuration of ${gateway.resource.name} is enabled.`,
      evidence,
    );
  }
  return fail(
    `The legacy WAF configuration of ${
      gateway.resource.name
    } is not enabled (enabled: ${raw === undefined ? 'absent' : String(raw)}).`,
    evidence,
  );
}

export const wafEnabled: CheckDefinition = {
  id: 'ingress.waf.enabled',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: 'Every effective WAF policy is enabled.',
  why: 'A linked but disabled WAF policy inspects nothing, so the listeners it serves are unprotected.',
  remediation:
    "Set `policySettings.state: 'Enabled'` on every WAF policy the gateway uses.",
  documentationUrl:
    'https://learn.microsoft.com/azure/web-application-firewall/ag/policy-overview',
  evaluate(context) {
    return evaluateWafPolicies(context, { judgePolicy, judgeLegacy });
  },
};

import { ArmResource, JsonObject, JsonValue } from '../../../types';
import { getPath, parseBoolean } from '../../../resources/json';
import { fail, pass, unknown } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { GatewayModel } from '../appGateway/gatewayModel';
import { evaluateWafPolicies } from './evaluateWafPolicies';

function judgeBodyCheck(
  subject: string,
  raw: JsonValue | undefined,
  inspectLimit: JsonValue | undefined,
  resource: string,
  path: string,
): CheckOutcome {
  const limit = typeof inspectLimit === 'number' ? inspectLimit : undefined;
  const evidence = [
    {
      resource,
      path,
      observed: raw ?? null,
      expected: true,
      note:
        limit !== undefined
          ? `requestBodyInspectLimitInKB is ${limit}; content beyond it is not inspected.`
          : undefined,
    },
  ];
  const limitText = limit !== undefined ? ` up to ${limit} KB` : '';
  const value = parseBoolean(raw);

  if (raw === undefined || raw === null) {
    return pass(
      `${subject} does not set requestBodyCheck, so request bodies are inspected${limitText} (the service default).`,
      evidence,
    );
  }
  if (value === true) {
    return pass(`${subject} inspects request bodies${limitText}.`, evidence);
  }
  if (value === false) {
    return fail(
      `${subject} sets requestBodyCheck to false, so attacks in request bodies pass uninspected.`,
      evidence,
    );
  }
  return unknown(
    'unrecognised-value',
    `${subject} sets requestBodyCheck to ${String(
      raw,
    )}, which is not a boolean.`,
    evidence,
  );
}

function judgePolicy(policy: ArmResource): CheckOutcome {
  return judgeBodyCheck(
    `WAF policy ${policy.name}`,
    getPath(policy.body, 'properties.policySettings.requestBodyCheck'),
    getPath(
      policy.body,
      'properties.policySettings.requestBodyInspectLimitInKB',
    ),
    policy.id,
    'properties.policySettings.requestBodyCheck',
  );
}

function judgeLegacy(
  configuration: JsonObject,
  gateway: GatewayModel,
): CheckOutcome {
  return judgeBodyCheck(
    `The legacy WAF configuration of ${gateway.resource.name}`,
    configuration.requestBodyCheck,
    undefined,
    gateway.resource.id,
    'properties.webApplicationFirewallConfiguration.requestBodyCheck',
  );
}

export const wafRequestBodyInspection: CheckDefinition = {
  id: 'ingress.waf.request-body-inspection',
  flow: 'ingress',
  severity: 'medium',
  level: 'baseline',
  title: 'Every effective WAF policy inspects request bodies.',
  why: 'Injection and scripting attacks often travel in POST bodies; without body inspection they bypass the WAF.',
  remediation:
    'Set `policySettings.requestBodyCheck: true` (or leave it unset, which enables inspection).',
  documentationUrl:
    'https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits',
  evaluate(context) {
    return evaluateWafPolicies(context, { judgePolicy, judgeLegacy });
  },
};

import { Evidence } from '../../../types';
import { parseBoolean } from '../../../resources/json';
import { armIdType } from '../../../resources/armIds';
import { WAF_POLICY_TYPE } from '../../../evaluator/EvaluationContext';
import { fail, pass, unknown, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups, GroupOutcome } from '../shared/combineGroups';
import {
  describeTargets,
  WafAssignment,
  wafAssignments,
} from '../waf/wafAssignments';
import { GatewayModel, servedGateway } from './gatewayModel';

function judgeAssignment(
  model: GatewayModel,
  assignment: WafAssignment,
): CheckOutcome {
  const targets = describeTargets(assignment.targets);

  if (assignment.kind === 'policy') {
    const evidence: Evidence[] = [
      {
        resource: model.resource.id,
        path: assignment.path,
        observed: assignment.policyId,
        expected: `the id of a ${WAF_POLICY_TYPE}`,
      },
    ];
    const type = armIdType(assignment.policyId);
    if (
      type !== undefined &&
      type.toLowerCase() !== WAF_POLICY_TYPE.toLowerCase()
    ) {
      return fail(
        `The firewall policy id ${assignment.policyId} for ${targets} names a ${type}, not an Application Gateway WAF policy.`,
        evidence,
      );
    }
    const name = assignment.policyId.replace(/\/+$/, '').split('/').pop();
    return pass(`WAF policy ${name} protects ${targets}.`, evidence);
  }

  if (assignment.kind === 'legacy') {
    const raw = assignment.configuration.enabled;
    const evidence: Evidence[] = [
      {
        resource: model.resource.id,
        path: 'properties.webApplicationFirewallConfiguration.enabled',
        observed: raw ?? null,
        expected: 'a WAF policy in properties.firewallPolicy.id',
      },
    ];
    if (parseBoolean(raw) === true) {
      return warn(
        `Only the legacy WAF configuration protects ${targets}; it is deprecated (retiring 15 March 2027) and cannot carry bot rules, custom rules or per-listener policies.`,
        evidence,
        'legacy-waf-config',
      );
    }
    return fail(
      `The legacy WAF configuration is ${
        raw === undefined ? 'not enabled' : `enabled: ${String(raw)}`
      }, and no WAF policy protects ${targets}.`,
      evidence,
    );
  }

  return fail(`No WAF policy or WAF configuration protects ${targets}.`, [
    {
      resource: model.resource.id,
      path: 'properties.firewallPolicy.id',
      observed: null,
      expected: `the id of a ${WAF_POLICY_TYPE}`,
    },
  ]);
}

export const wafAttached: CheckDefinition = {
  id: 'ingress.appgw.waf-attached',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: 'A WAF policy (not legacy WAF config) is linked to the gateway.',
  why: 'Without a WAF policy no layer-7 inspection happens; the legacy WAF configuration is deprecated and cannot carry bot rules, custom rules or per-listener policies.',
  remediation:
    "Create a `Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies` resource and set the gateway's `properties.firewallPolicy.id` to it.",
  documentationUrl:
    'https://learn.microsoft.com/azure/web-application-firewall/ag/policy-overview',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;

    const { assignments, unresolved } = wafAssignments(model);
    const groups: GroupOutcome[] = assignments.map(assignment => ({
      ...judgeAssignment(model, assignment),
      elements: assignment.targets,
    }));
    for (const item of unresolved) {
      groups.push({
        ...unknown(
          'unresolved-reference',
          `A rule of ${item.target} uses URL path map ${item.mapName}, which is not defined on the gateway, so the WAF protection of its path rules cannot be judged.`,
          [
            {
              resource: model.resource.id,
              path: item.path,
              observed: item.mapName,
              expected: 'an entry of properties.urlPathMaps',
            },
          ],
        ),
        elements: [item.target],
      });
    }

    return combineGroups(
      groups,
      `Application Gateway ${model.resource.name} has no HTTPS listener that serves the service.`,
      ['listener or path rule', 'listeners and path rules'],
    );
  },
};

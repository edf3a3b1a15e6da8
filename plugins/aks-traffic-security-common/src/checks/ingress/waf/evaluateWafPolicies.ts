import { ArmResource, JsonObject } from '../../../types';
import {
  APPLICATION_GATEWAY_TYPE,
  EvaluationContext,
  WAF_POLICY_TYPE,
} from '../../../evaluator/EvaluationContext';
import { notApplicable, unknown } from '../../outcomes';
import { CheckOutcome } from '../../types';
import {
  combineGroups,
  ElementNoun,
  GroupOutcome,
} from '../shared/combineGroups';
import { GatewayModel, servedGateway } from '../appGateway/gatewayModel';
import { describeTargets, wafAssignments } from './wafAssignments';

/** The judgement functions of one WAF check, for a policy and for the legacy configuration. */
export interface WafJudgement {
  judgePolicy(policy: ArmResource): CheckOutcome;
  judgeLegacy(configuration: JsonObject, gateway: GatewayModel): CheckOutcome;
}

const TARGET_NOUN: ElementNoun = [
  'listener or path rule',
  'listeners and path rules',
];

function judgeStandalonePolicies(
  policies: ArmResource[],
  judgement: WafJudgement,
): CheckOutcome {
  const groups = policies.map(policy => ({
    ...judgement.judgePolicy(policy),
    elements: [policy.name],
  }));
  return combineGroups(groups, 'No WAF policy was read.', [
    'WAF policy',
    'WAF policies',
  ]);
}

/**
 * Runs a WAF check on every policy that is effective for a served HTTPS
 * listener or path rule, and on the legacy configuration where it is the
 * only protection. Each result names what the policy serves.
 *
 * When no gateway was read or named, the WAF policies in the set are judged
 * on their own, so that a policy file or template can be assessed.
 */
export function evaluateWafPolicies(
  context: EvaluationContext,
  judgement: WafJudgement,
): CheckOutcome {
  const lookup = servedGateway(context);
  if (!lookup.found) {
    const standalone = context.armOfType(WAF_POLICY_TYPE);
    const noGateway =
      lookup.outcome.reason === 'missing-resource' &&
      context.scope.gatewayId === undefined &&
      context.armOfType(APPLICATION_GATEWAY_TYPE).length === 0;
    return noGateway && standalone.length > 0
      ? judgeStandalonePolicies(standalone, judgement)
      : lookup.outcome;
  }
  const model = lookup.value;

  const { assignments, unresolved } = wafAssignments(model);
  const groups: GroupOutcome[] = [];
  for (const assignment of assignments) {
    let outcome: CheckOutcome;
    if (assignment.kind === 'policy') {
      const policy = context.armById(assignment.policyId, 'WAF policy');
      outcome = policy.found
        ? judgement.judgePolicy(policy.value)
        : policy.outcome;
    } else if (assignment.kind === 'legacy') {
      outcome = judgement.judgeLegacy(assignment.configuration, model);
    } else {
      outcome = notApplicable(
        `No WAF policy or WAF configuration protects ${describeTargets(
          assignment.targets,
        )}; ingress.appgw.waf-attached reports it.`,
      );
    }

    // The combined message names the elements that do not pass; a passing
    // policy names what it protects here.
    if (outcome.verdict === 'pass') {
      outcome = {
        ...outcome,
        message: `${outcome.message} It serves ${describeTargets(
          assignment.targets,
        )}.`,
      };
    }
    groups.push({ ...outcome, elements: assignment.targets });
  }

  for (const item of unresolved) {
    groups.push({
      ...unknown(
        'unresolved-reference',
        `A rule of ${item.target} uses URL path map ${item.mapName}, which is not defined on the gateway, so the WAF policies of its path rules cannot be found.`,
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
    TARGET_NOUN,
  );
}

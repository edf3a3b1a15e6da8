import { capitalise } from '../../../capitalise';
import { Evidence } from '../../../types';
import { fail, pass, unknown, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups } from '../shared/combineGroups';
import { GatewayModel, servedGateway } from './gatewayModel';
import {
  PREDEFINED_TLS_POLICY_NAMES,
  predefinedTlsPolicy,
} from './predefinedTlsPolicies';
import {
  EffectiveTlsPolicy,
  classifyPolicy,
  disablesTls10And11,
  implicitDefaultEvidence,
  isAtLeastTls12,
  parseTlsVersion,
  tlsPolicyGroups,
} from './tlsPolicy';

const EXPECTED = 'a minimum of TLSv1_2 or TLSv1_3';

function judgePredefined(
  model: GatewayModel,
  policy: EffectiveTlsPolicy,
  policyName: string | undefined,
): CheckOutcome {
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path: policy.path,
      observed: policyName ?? null,
      expected: EXPECTED,
    },
  ];
  const known = predefinedTlsPolicy(policyName);
  const origin =
    policy.kind === 'default-predefined'
      ? `${capitalise(
          policy.source,
        )} shows the default predefined policy ${policyName}`
      : `${capitalise(policy.source)} uses the predefined policy ${
          policyName ?? '(no name)'
        }`;

  if (!known) {
    return warn(
      `${origin}, which is not one of the known predefined policies (${PREDEFINED_TLS_POLICY_NAMES.join(
        ', ',
      )}), so its minimum TLS version cannot be confirmed.`,
      evidence,
      'unknown-policy-name',
    );
  }
  const minimum = `${known.minProtocolVersion}`;
  if (known.minVersionVerdict === 'pass') {
    return pass(`${origin}, whose minimum is ${minimum}.`, evidence);
  }
  return fail(
    `${origin}, whose minimum is ${minimum}; TLS 1.2 or higher is required.`,
    evidence,
  );
}

function judgeImplicitDefault(model: GatewayModel): CheckOutcome {
  const evidence = implicitDefaultEvidence(model);
  const sku = model.skuTier ?? model.skuName ?? '(none)';
  if (model.skuFamily === 'v1') {
    return fail(
      `The gateway sets no TLS policy, and a v1 gateway (SKU ${sku}) then uses AppGwSslPolicy20150501, which allows TLS 1.0.`,
      evidence,
    );
  }
  if (model.skuFamily === 'v2') {
    return warn(
      `The gateway sets no TLS policy. Microsoft documents AppGwSslPolicy20220101 (minimum TLS 1.2) as the default for v2 gateways (SKU ${sku}), but the body does not show it, so set the policy explicitly.`,
      evidence,
      'implicit-default',
    );
  }
  return unknown(
    'missing-property',
    `The gateway sets no TLS policy and its SKU (${sku}) is not recognised, so its default policy cannot be determined.`,
    evidence,
  );
}

function judgeMinimumVersion(
  model: GatewayModel,
  policy: EffectiveTlsPolicy,
): CheckOutcome {
  if (policy.kind === 'implicit-default') {
    return judgeImplicitDefault(model);
  }
  if (policy.kind === 'default-predefined') {
    return judgePredefined(model, policy, policy.policyName);
  }

  const form = classifyPolicy(policy.policy);
  const source = capitalise(policy.source);
  if (form.form === 'predefined') {
    return judgePredefined(model, policy, form.policyName);
  }
  if (form.form === 'unrecognised') {
    return warn(
      `${source} sets policyType ${form.policyType}, which is not Predefined, Custom or CustomV2, so its minimum TLS version cannot be judged.`,
      [
        {
          resource: model.resource.id,
          path: `${policy.path}.policyType`,
          observed: form.policyType,
          expected: 'Predefined, Custom or CustomV2',
        },
      ],
      'unrecognised-value',
    );
  }

  if (form.form === 'custom' && form.minProtocolVersion !== undefined) {
    const evidence: Evidence[] = [
      {
        resource: model.resource.id,
        path: `${policy.path}.minProtocolVersion`,
        observed: form.minProtocolVersion,
        expected: EXPECTED,
      },
    ];
    const version = parseTlsVersion(form.minProtocolVersion);
    if (!version) {
      return warn(
        `${source} sets a ${form.policyType} policy with minProtocolVersion ${form.minProtocolVersion}, which is not a recognised TLS version.`,
        evidence,
        'unrecognised-value',
      );
    }
    if (isAtLeastTls12(version)) {
      return pass(
        `${source} sets a ${form.policyType} policy with minProtocolVersion ${form.minProtocolVersion}.`,
        evidence,
      );
    }
    return fail(
      `${source} sets a ${form.policyType} policy with minProtocolVersion ${form.minProtocolVersion}; TLS 1.2 or higher is required.`,
      evidence,
    );
  }

  // The legacy form lists only the protocols to turn off.
  const disabled = form.disabledSslProtocols;
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path: `${policy.path}.disabledSslProtocols`,
      observed: disabled,
      expected:
        'both TLSv1_0 and TLSv1_1 disabled, or minProtocolVersion TLSv1_2',
    },
  ];
  if (disabled.length === 0) {
    return fail(
      `${source} sets a ${
        form.form === 'custom' ? form.policyType : 'legacy'
      } policy without minProtocolVersion or disabled protocols, so TLS 1.0 and 1.1 stay enabled.`,
      evidence,
    );
  }
  if (disablesTls10And11(disabled)) {
    return pass(
      `${source} disables ${disabled.join(', ')}, leaving TLS 1.2 and higher.`,
      evidence,
    );
  }
  return fail(
    `${source} disables only ${disabled.join(
      ', ',
    )}, so TLS 1.0 or 1.1 stays enabled.`,
    evidence,
  );
}

export const minTlsVersion: CheckDefinition = {
  id: 'ingress.appgw.min-tls-version',
  flow: 'ingress',
  severity: 'critical',
  level: 'required',
  title: 'Every HTTPS listener negotiates TLS 1.2 or higher.',
  why: 'The target architecture requires TLS 1.2 as the minimum for client connections, and a weaker SSL profile on one listener silently overrides a strong gateway policy.',
  remediation:
    "Set the policy explicitly, for example `sslPolicy: {policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101S'}` or `CustomV2` with `minProtocolVersion: 'TLSv1_2'`, and fix every SSL profile that sets its own policy.",
  documentationUrl:
    'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;

    const groups = tlsPolicyGroups(model).map(group => ({
      ...(group.unresolved ?? judgeMinimumVersion(model, group.policy!)),
      elements: group.listeners,
    }));
    return combineGroups(
      groups,
      `Application Gateway ${model.resource.name} has no HTTPS or TLS listener that serves the service.`,
    );
  },
};

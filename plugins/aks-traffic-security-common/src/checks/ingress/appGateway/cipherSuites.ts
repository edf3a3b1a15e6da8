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
  implicitDefaultEvidence,
  parseTlsVersion,
  tlsPolicyGroups,
} from './tlsPolicy';

/** The rating of a cipher suite against the restricted set. */
export type SuiteRating = 'approved' | 'cbc-sha2' | 'weak' | 'unapproved';

/**
 * Rates one cipher suite. Static-RSA and DHE key exchange, 3DES and CBC with
 * SHA-1 are weak whatever the approved set contains. TLS 1.3 suites are always
 * AEAD with forward secrecy.
 */
export function rateCipherSuite(
  suite: string,
  approved: ReadonlySet<string>,
): SuiteRating {
  const upper = suite.trim().toUpperCase();
  if (
    upper.startsWith('TLS_RSA_') ||
    upper.startsWith('TLS_DHE_') ||
    upper.includes('3DES') ||
    upper.endsWith('_CBC_SHA')
  ) {
    return 'weak';
  }
  if (approved.has(upper) || upper.startsWith('TLS_AES_')) {
    return 'approved';
  }
  if (
    /^TLS_ECDHE_(RSA|ECDSA)_WITH_AES_(128|256)_CBC_SHA(256|384)$/.test(upper)
  ) {
    return 'cbc-sha2';
  }
  return 'unapproved';
}

function judgeSuiteList(
  model: GatewayModel,
  policy: EffectiveTlsPolicy,
  label: string,
  suites: string[],
  approved: ReadonlySet<string>,
): CheckOutcome {
  const byRating = new Map<SuiteRating, string[]>();
  for (const suite of suites) {
    const rating = rateCipherSuite(suite, approved);
    byRating.set(rating, [...(byRating.get(rating) ?? []), suite]);
  }
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path: `${policy.path}.cipherSuites`,
      observed: suites,
      expected: [...approved],
    },
  ];

  const weak = byRating.get('weak') ?? [];
  const unapproved = byRating.get('unapproved') ?? [];
  if (weak.length > 0 || unapproved.length > 0) {
    const parts: string[] = [];
    if (weak.length > 0) {
      parts.push(
        `weak suites without forward secrecy or with SHA-1 or 3DES (${weak.join(
          ', ',
        )})`,
      );
    }
    if (unapproved.length > 0) {
      parts.push(`suites outside the approved set (${unapproved.join(', ')})`);
    }
    return fail(`${label} allows ${parts.join(' and ')}.`, evidence);
  }

  const cbc = byRating.get('cbc-sha2') ?? [];
  if (cbc.length > 0) {
    const aead = byRating.get('approved') ?? [];
    return warn(
      aead.length > 0
        ? `${label} adds ECDHE CBC suites with SHA-256/384 (${cbc.join(
            ', ',
          )}) to the approved AEAD suites.`
        : `${label} allows only ECDHE CBC suites with SHA-256/384 (${cbc.join(
            ', ',
          )}) and none of the approved AEAD suites.`,
      evidence,
      'cbc-suites',
    );
  }
  return pass(
    `${label} allows only approved suites (${suites.join(', ')}).`,
    evidence,
  );
}

function judgeDefaultCiphers(model: GatewayModel, lead: string): CheckOutcome {
  const evidence = implicitDefaultEvidence(model);
  const sku = model.skuTier ?? model.skuName ?? '(none)';
  if (model.skuFamily === 'v1') {
    return fail(
      `${lead}, and a v1 gateway (SKU ${sku}) then uses the cipher list of AppGwSslPolicy20150501, which includes 3DES, static-RSA and CBC-SHA1 suites.`,
      evidence,
    );
  }
  if (model.skuFamily === 'v2') {
    return warn(
      `${lead}. Microsoft documents AppGwSslPolicy20220101 as the default for v2 gateways (SKU ${sku}), which adds ECDHE CBC suites, but the body does not show it, so set the policy explicitly.`,
      evidence,
      'implicit-default',
    );
  }
  return unknown(
    'missing-property',
    `${lead}, and the SKU (${sku}) is not recognised, so the default cipher list cannot be determined.`,
    evidence,
  );
}

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
      expected: 'AppGwSslPolicy20220101S',
    },
  ];
  const origin =
    policy.kind === 'default-predefined'
      ? `${capitalise(
          policy.source,
        )} shows the default predefined policy ${policyName}`
      : `${capitalise(policy.source)} uses the predefined policy ${
          policyName ?? '(no name)'
        }`;
  const known = predefinedTlsPolicy(policyName);
  if (!known) {
    return warn(
      `${origin}, which is not one of the known predefined policies (${PREDEFINED_TLS_POLICY_NAMES.join(
        ', ',
      )}), so its cipher suites cannot be confirmed.`,
      evidence,
      'unknown-policy-name',
    );
  }

  const message = `${origin}, which ${known.cipherCharacter}.`;
  if (known.cipherVerdict === 'pass') {
    return pass(message, evidence);
  }
  if (known.cipherVerdict === 'warn') {
    return warn(message, evidence, 'cbc-suites');
  }
  return fail(message, evidence);
}

function judgeCiphers(
  model: GatewayModel,
  policy: EffectiveTlsPolicy,
  approved: ReadonlySet<string>,
): CheckOutcome {
  if (policy.kind === 'implicit-default') {
    return judgeDefaultCiphers(model, 'The gateway sets no TLS policy');
  }
  if (policy.kind === 'default-predefined') {
    return judgePredefined(model, policy, policy.policyName);
  }

  const form = classifyPolicy(policy.policy);
  const source = capitalise(policy.source);
  switch (form.form) {
    case 'predefined':
      return judgePredefined(model, policy, form.policyName);
    case 'unrecognised':
      return warn(
        `${source} sets policyType ${form.policyType}, which is not Predefined, Custom or CustomV2, so its cipher suites cannot be judged.`,
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
    case 'legacy':
      if (form.cipherSuites && form.cipherSuites.length > 0) {
        return judgeSuiteList(
          model,
          policy,
          `${source}'s policy`,
          form.cipherSuites,
          approved,
        );
      }
      return judgeDefaultCiphers(
        model,
        `${source} sets a legacy policy that lists no cipher suites, so the gateway's default cipher list applies`,
      );
    default:
      break;
  }

  const label = `${source}'s ${form.policyType} policy`;
  const version = form.minProtocolVersion
    ? parseTlsVersion(form.minProtocolVersion)
    : undefined;
  // TLS 1.3 has its own fixed suites, so a TLS 1.3-only policy never uses the list.
  if (
    form.policyType === 'CustomV2' &&
    version &&
    (version[0] > 1 || version[1] >= 3)
  ) {
    return pass(
      `${label} sets minProtocolVersion ${form.minProtocolVersion}, so only the TLS 1.3 suites are used.`,
      [
        {
          resource: model.resource.id,
          path: `${policy.path}.minProtocolVersion`,
          observed: form.minProtocolVersion!,
          expected: 'TLSv1_3',
        },
      ],
    );
  }

  const suites = form.cipherSuites ?? [];
  if (suites.length === 0) {
    const evidence: Evidence[] = [
      {
        resource: model.resource.id,
        path: `${policy.path}.cipherSuites`,
        observed: form.cipherSuites ?? null,
        expected: [...approved],
      },
    ];
    if (form.policyType === 'CustomV2') {
      return warn(
        `${label} lists no cipher suites; which TLS 1.2 suites a CustomV2 policy then allows is not documented.`,
        evidence,
        'undocumented-default-ciphers',
      );
    }
    return fail(`${label} lists no cipher suites.`, evidence);
  }
  return judgeSuiteList(model, policy, label, suites, approved);
}

export const cipherSuites: CheckDefinition = {
  id: 'ingress.appgw.cipher-suites',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: 'Listener TLS policies allow only the restricted cipher set.',
  why: 'The target architecture restricts client TLS to suites with forward secrecy and authenticated encryption; static-RSA, DHE, 3DES and CBC-SHA1 suites weaken every connection that negotiates them.',
  remediation:
    'Use the predefined policy `AppGwSslPolicy20220101S`, or a Custom/CustomV2 policy that lists only ECDHE-GCM suites, on the gateway and on every SSL profile that sets its own policy.',
  documentationUrl:
    'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;
    const approved = context.policy.approvedCipherSuites;

    const groups = tlsPolicyGroups(model).map(group => ({
      ...(group.unresolved ?? judgeCiphers(model, group.policy!, approved)),
      elements: group.listeners,
    }));
    return combineGroups(
      groups,
      `Application Gateway ${model.resource.name} has no HTTPS or TLS listener that serves the service.`,
    );
  },
};

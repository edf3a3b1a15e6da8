import { Evidence, Verdict } from '../../../types';
import {
  getPath,
  objectsAt,
  parseBoolean,
  stringAt,
} from '../../../resources/json';
import { lastIdSegment } from '../../../resources/armIds';
import { worstVerdict } from '../../../evaluator/verdicts';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups, GroupOutcome } from '../shared/combineGroups';
import { apiVersionAtLeast, armApiVersion } from '../shared/armApiVersion';
import {
  GatewayModel,
  SubResource,
  hasProtocol,
  servedGateway,
} from './gatewayModel';
import {
  backendRoutes,
  describeRoutes,
  routeProblems,
  settingsUsages,
  unresolvedSettings,
} from './backendRoutes';

/** The first Microsoft.Network api-version with the backend validation switches. */
const VALIDATION_SWITCHES_API_VERSION = '2025-01-01';

/** One finding about a backend setting; the setting's verdict is the worst. */
interface Finding {
  verdict: Verdict;
  reason?: string;
  text: string;
  evidence: Evidence[];
}

function validationSwitchFindings(
  model: GatewayModel,
  settings: SubResource,
): Finding[] {
  const findings: Finding[] = [];
  const absent: string[] = [];
  for (const name of ['validateCertChainAndExpiry', 'validateSNI']) {
    const raw = getPath(settings.properties, name);
    const value = parseBoolean(raw);
    const evidence: Evidence[] = [
      {
        resource: model.resource.id,
        path: `${settings.path}.properties.${name}`,
        observed: raw ?? null,
        expected: true,
      },
    ];
    if (value === false) {
      findings.push({
        verdict: 'fail',
        text: `${name} is false, so the backend certificate is not fully validated.`,
        evidence,
      });
    } else if (value === undefined) {
      absent.push(name);
    }
  }
  if (absent.length === 0) {
    return findings;
  }

  // The switches default to true, but a GET made with an api-version older
  // than 2025-01-01 omits them even when someone turned them off.
  const { apiVersion, fromTemplate } = armApiVersion(model.resource);
  const path = `${settings.path}.properties.${absent[0]}`;
  if (fromTemplate) {
    return findings;
  }
  if (apiVersion === undefined) {
    findings.push({
      verdict: 'warn',
      reason: 'api-version-unknown',
      text: `${absent.join(' and ')} ${
        absent.length > 1 ? 'are' : 'is'
      } absent and the api-version of the read is unknown, so a disabled validation cannot be ruled out; read the gateway with api-version ${VALIDATION_SWITCHES_API_VERSION} or later.`,
      evidence: [
        {
          resource: model.resource.id,
          path,
          observed: null,
          expected: true,
          note: 'api-version unknown',
        },
      ],
    });
  } else if (
    apiVersionAtLeast(apiVersion, VALIDATION_SWITCHES_API_VERSION) !== true
  ) {
    findings.push({
      verdict: 'warn',
      reason: 'api-version-too-old',
      text: `The gateway was read with api-version ${apiVersion}, which does not return ${absent.join(
        ' or ',
      )}, so a disabled validation cannot be ruled out; read it with ${VALIDATION_SWITCHES_API_VERSION} or later.`,
      evidence: [
        {
          resource: model.resource.id,
          path,
          observed: null,
          expected: true,
          note: `api-version ${apiVersion}`,
        },
      ],
    });
  }
  return findings;
}

function trustedRootFindings(
  model: GatewayModel,
  settings: SubResource,
): Finding[] {
  const path = `${settings.path}.properties.trustedRootCertificates`;
  if (model.skuFamily === 'v1') {
    const authentication = objectsAt(
      settings.properties,
      'authenticationCertificates',
    );
    return [
      {
        verdict: 'warn',
        reason: 'v1-authentication-certificates',
        text: `The v1 SKU validates backends with authentication certificates (${authentication.length} listed) rather than trusted root certificates.`,
        evidence: [
          {
            resource: model.resource.id,
            path: `${settings.path}.properties.authenticationCertificates`,
            observed: authentication.length,
            expected: 'a v2 gateway with trusted root certificates',
          },
        ],
      },
    ];
  }

  const references = objectsAt(settings.properties, 'trustedRootCertificates')
    .map(reference => stringAt(reference, 'id'))
    .filter((id): id is string => id !== undefined);
  if (references.length === 0) {
    return [
      {
        verdict: 'warn',
        reason: 'no-trusted-root',
        text: 'It lists no trusted root certificate, so validation works only if the backend certificate chains to a well-known public CA, which the ARM body cannot show.',
        evidence: [
          {
            resource: model.resource.id,
            path,
            observed: [],
            expected: 'a Key Vault-backed trusted root certificate',
          },
        ],
      },
    ];
  }

  const findings: Finding[] = [];
  for (const reference of references) {
    const root = model.find('trustedRootCertificates', reference);
    if (!root) {
      findings.push({
        verdict: 'unknown',
        reason: 'unresolved-reference',
        text: `It uses trusted root certificate ${lastIdSegment(
          reference,
        )}, which is not defined on the gateway.`,
        evidence: [
          {
            resource: model.resource.id,
            path,
            observed: lastIdSegment(reference),
            expected: 'an entry of properties.trustedRootCertificates',
          },
        ],
      });
      continue;
    }
    const keyVaultSecretId = stringAt(root.properties, 'keyVaultSecretId');
    const hasData =
      typeof root.properties.data === 'string' && root.properties.data !== '';
    // Certificate data is never copied into the evidence, only its presence.
    const evidence: Evidence[] = [
      {
        resource: model.resource.id,
        path: `${root.path}.properties.keyVaultSecretId`,
        observed: keyVaultSecretId ?? null,
        expected: 'a Key Vault secret URI or inline certificate data',
        note: hasData
          ? 'The certificate carries inline data (value not shown).'
          : undefined,
      },
    ];
    if (keyVaultSecretId || hasData) {
      findings.push({
        verdict: 'pass',
        text: `trusted root ${root.name} is ${
          keyVaultSecretId ? 'a Key Vault reference' : 'inline certificate data'
        }`,
        evidence,
      });
    } else {
      findings.push({
        verdict: 'unknown',
        reason: 'missing-property',
        text: `Trusted root certificate ${root.name} shows neither keyVaultSecretId nor data.`,
        evidence,
      });
    }
  }
  return findings;
}

function judgeSettings(
  model: GatewayModel,
  settings: SubResource,
  used: string,
): CheckOutcome {
  const findings = [
    ...validationSwitchFindings(model, settings),
    ...trustedRootFindings(model, settings),
  ];
  const verdict = worstVerdict(findings.map(finding => finding.verdict));
  const evidence = findings.flatMap(finding => finding.evidence);
  const lead = `Backend setting ${settings.name} (used by ${used})`;

  if (verdict === 'pass') {
    const roots = findings
      .filter(finding => finding.verdict === 'pass')
      .map(finding => finding.text);
    return {
      verdict,
      message: `${lead} validates the backend certificate: ${roots.join(
        ', ',
      )}.`,
      evidence,
    };
  }
  const problems = findings.filter(finding => finding.verdict !== 'pass');
  const worst = problems.find(finding => finding.verdict === verdict)!;
  return {
    verdict,
    reason: worst.reason,
    message: `${lead}: ${problems.map(finding => finding.text).join(' ')}`,
    evidence,
  };
}

export const backendCertValidation: CheckDefinition = {
  id: 'ingress.appgw.backend-cert-validation',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: "The gateway validates the ingress controller's certificate.",
  why: 'Re-encryption without certificate validation lets anything inside the virtual network that answers on the backend address impersonate the ingress controller.',
  remediation:
    'Upload the root of the internal ingress certificate as a Key Vault-backed trusted root certificate, reference it from the HTTPS backend settings, and keep `validateCertChainAndExpiry` and `validateSNI` true.',
  documentationUrl:
    'https://learn.microsoft.com/azure/application-gateway/configuration-http-settings',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;

    // The validation switches and trusted roots apply to HTTP settings only,
    // not to the layer-4 TLS proxy.
    const { routes, unresolved } = backendRoutes(model);
    const httpRoutes = routes.filter(route => route.layer === 'http');
    const { usages, withoutSettings } = settingsUsages(model, httpRoutes);
    const groups: GroupOutcome[] = routeProblems(
      model,
      withoutSettings,
      unresolved,
    );
    for (const usage of usages) {
      if (!usage.settings) {
        groups.push(unresolvedSettings(model, usage));
      } else if (hasProtocol(usage.settings, 'Https')) {
        groups.push({
          ...judgeSettings(model, usage.settings, describeRoutes(usage.routes)),
          elements: [usage.name],
        });
      }
    }

    return combineGroups(
      groups,
      `Application Gateway ${model.resource.name} has no HTTPS backend setting that serves the service.`,
      'backend setting',
    );
  },
};

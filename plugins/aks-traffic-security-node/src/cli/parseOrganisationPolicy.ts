import {
  ALL_CHECKS,
  isJsonObject,
  OrganisationPolicy,
  SEVERITIES,
  Severity,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

const POLICY_FIELDS = [
  'disabledChecks',
  'severityOverrides',
  'approvedCipherSuites',
  'acceptedNetworkPolicyEngines',
  'requireTlsToPod',
] as const;

/**
 * An organisation policy document that does not have the expected fields.
 * The message lists every problem, one per line.
 *
 * @public
 */
export class PolicyError extends Error {
  name = 'PolicyError';

  constructor(readonly source: string, readonly problems: string[]) {
    super(
      `Invalid policy in ${source}:\n${problems
        .map(problem => `  - ${problem}`)
        .join('\n')}`,
    );
  }
}

/**
 * Validates a parsed policy document (YAML or JSON) against the fields of
 * {@link @aks-traffic-security/plugin-aks-traffic-security-common#OrganisationPolicy}.
 * Check ids must name checks of the catalog, so that a typo does not
 * silently leave a check enabled. Throws {@link PolicyError} listing every
 * problem.
 *
 * @public
 */
export function parseOrganisationPolicy(
  value: unknown,
  source: string,
): OrganisationPolicy {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isJsonObject(value)) {
    throw new PolicyError(source, [
      `the document is a ${
        Array.isArray(value) ? 'list' : typeof value
      }; expected a mapping with the fields ${POLICY_FIELDS.join(', ')}`,
    ]);
  }

  const problems: string[] = [];
  const checkIds = new Set(ALL_CHECKS.map(check => check.id));
  const policy: OrganisationPolicy = {};

  for (const key of Object.keys(value)) {
    if (!(POLICY_FIELDS as readonly string[]).includes(key)) {
      problems.push(
        `unknown field '${key}'; expected one of ${POLICY_FIELDS.join(', ')}`,
      );
    }
  }

  const disabledChecks = stringList(
    value.disabledChecks,
    'disabledChecks',
    problems,
  );
  if (disabledChecks) {
    disabledChecks.forEach((id, index) => {
      if (!checkIds.has(id)) {
        problems.push(unknownCheck(`disabledChecks[${index}]`, id));
      }
    });
    policy.disabledChecks = disabledChecks;
  }

  if (value.severityOverrides !== undefined) {
    const overrides = value.severityOverrides;
    if (!isJsonObject(overrides)) {
      problems.push(
        'severityOverrides must be a mapping from check id to severity',
      );
    } else {
      policy.severityOverrides = {};
      for (const [id, severity] of Object.entries(overrides)) {
        if (!checkIds.has(id)) {
          problems.push(unknownCheck(`severityOverrides key`, id));
        }
        if (
          typeof severity !== 'string' ||
          !SEVERITIES.includes(severity as Severity)
        ) {
          problems.push(
            `severityOverrides.${id} is ${JSON.stringify(
              severity,
            )}; expected one of ${SEVERITIES.join(', ')}`,
          );
        } else {
          policy.severityOverrides[id] = severity as Severity;
        }
      }
    }
  }

  const cipherSuites = stringList(
    value.approvedCipherSuites,
    'approvedCipherSuites',
    problems,
  );
  if (cipherSuites) {
    cipherSuites.forEach((suite, index) => {
      if (!/^TLS_[A-Z0-9_]+$/i.test(suite)) {
        problems.push(
          `approvedCipherSuites[${index}] is '${suite}'; expected an IANA cipher suite name such as TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`,
        );
      }
    });
    policy.approvedCipherSuites = cipherSuites;
  }

  const engines = stringList(
    value.acceptedNetworkPolicyEngines,
    'acceptedNetworkPolicyEngines',
    problems,
  );
  if (engines) {
    policy.acceptedNetworkPolicyEngines = engines.map(engine =>
      engine.toLowerCase(),
    );
  }

  if (value.requireTlsToPod !== undefined) {
    if (typeof value.requireTlsToPod === 'boolean') {
      policy.requireTlsToPod = value.requireTlsToPod;
    } else {
      problems.push(
        `requireTlsToPod is ${JSON.stringify(
          value.requireTlsToPod,
        )}; expected true or false`,
      );
    }
  }

  if (problems.length > 0) {
    throw new PolicyError(source, problems);
  }
  return policy;
}

function stringList(
  value: unknown,
  field: string,
  problems: string[],
): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.push(
      `${field} is ${JSON.stringify(value)}; expected a list of strings`,
    );
    return undefined;
  }

  const strings: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string' && item.trim() !== '') {
      strings.push(item.trim());
    } else {
      problems.push(
        `${field}[${index}] is ${JSON.stringify(
          item,
        )}; expected a non-empty string`,
      );
    }
  });
  return strings;
}

function unknownCheck(field: string, id: string): string {
  return `${field} '${id}' is not a check id; expected an id such as ${
    ALL_CHECKS[0]?.id ?? 'ingress.appgw.sku-waf-v2'
  } (run 'aks-traffic-security checks' to list them)`;
}

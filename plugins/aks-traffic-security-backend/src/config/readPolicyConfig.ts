import { Config } from '@backstage/config';
import {
  ALL_CHECKS,
  OrganisationPolicy,
  SEVERITIES,
  Severity,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

const POLICY_KEY = 'aksTrafficSecurity.policy';

/**
 * Reads the organisation policy from `aksTrafficSecurity.policy`. Throws an
 * error naming the key when a value is malformed or names a check that does
 * not exist, so that a typo stops the backend at start instead of silently
 * running a check the organisation meant to disable.
 */
export function readPolicyConfig(config: Config): OrganisationPolicy {
  const policyConfig = config.getOptionalConfig(POLICY_KEY);
  if (!policyConfig) {
    return {};
  }

  const policy: OrganisationPolicy = {};
  const knownChecks = new Set(ALL_CHECKS.map(check => check.id));

  const disabledChecks = policyConfig.getOptionalStringArray('disabledChecks');
  if (disabledChecks) {
    const unknownIds = disabledChecks.filter(id => !knownChecks.has(id));
    if (unknownIds.length > 0) {
      throw new Error(
        `Invalid config '${POLICY_KEY}.disabledChecks': unknown check id(s) ${unknownIds
          .map(id => `'${id}'`)
          .join(', ')}; expected ids from GET /api/aks-traffic-security/checks`,
      );
    }
    policy.disabledChecks = disabledChecks;
  }

  // Check ids contain dots, which the config reader takes for nested keys,
  // so the overrides are read as one plain object.
  const overrides = policyConfig.getOptional('severityOverrides');
  if (overrides !== undefined) {
    if (
      typeof overrides !== 'object' ||
      overrides === null ||
      Array.isArray(overrides)
    ) {
      throw new Error(
        `Invalid config '${POLICY_KEY}.severityOverrides'; expected an object that maps check ids to severities`,
      );
    }
    const severityOverrides: Record<string, Severity> = {};
    for (const [checkId, severity] of Object.entries(overrides)) {
      const key = `${POLICY_KEY}.severityOverrides.${checkId}`;
      if (!knownChecks.has(checkId)) {
        throw new Error(
          `Invalid config '${key}': unknown check id '${checkId}'; expected ids from GET /api/aks-traffic-security/checks`,
        );
      }
      if (!SEVERITIES.includes(severity as Severity)) {
        throw new Error(
          `Invalid config '${key}' value '${String(
            severity,
          )}'; expected one of ${SEVERITIES.join(', ')}`,
        );
      }
      severityOverrides[checkId] = severity as Severity;
    }
    policy.severityOverrides = severityOverrides;
  }

  const cipherSuites = policyConfig.getOptionalStringArray(
    'approvedCipherSuites',
  );
  if (cipherSuites) {
    const invalid = cipherSuites.filter(
      suite => !/^TLS_[A-Z0-9_]+$/i.test(suite),
    );
    if (invalid.length > 0) {
      throw new Error(
        `Invalid config '${POLICY_KEY}.approvedCipherSuites' value(s) ${invalid
          .map(suite => `'${suite}'`)
          .join(
            ', ',
          )}; expected Application Gateway cipher suite names such as TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`,
      );
    }
    policy.approvedCipherSuites = cipherSuites;
  }

  const engines = policyConfig.getOptionalStringArray(
    'acceptedNetworkPolicyEngines',
  );
  if (engines) {
    const invalid = engines.filter(
      engine => !/^[a-z][a-z0-9-]*$/i.test(engine),
    );
    if (invalid.length > 0) {
      throw new Error(
        `Invalid config '${POLICY_KEY}.acceptedNetworkPolicyEngines' value(s) ${invalid
          .map(engine => `'${engine}'`)
          .join(
            ', ',
          )}; expected networkPolicy values of a managed cluster such as azure, calico or cilium`,
      );
    }
    policy.acceptedNetworkPolicyEngines = engines.map(engine =>
      engine.toLowerCase(),
    );
  }

  const requireTlsToPod = policyConfig.getOptionalBoolean('requireTlsToPod');
  if (requireTlsToPod !== undefined) {
    policy.requireTlsToPod = requireTlsToPod;
  }

  return policy;
}

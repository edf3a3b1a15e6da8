import { OrganisationPolicy, Severity } from '../types';

/**
 * Cipher suites accepted in Custom and CustomV2 Application Gateway TLS
 * policies by default: ECDHE key exchange with AES-GCM, and the TLS 1.3 suites.
 *
 * @public
 */
export const DEFAULT_APPROVED_CIPHER_SUITES: readonly string[] = [
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_AES_128_GCM_SHA256',
];

/**
 * Network policy engines accepted by default. These are the values of
 * `networkProfile.networkPolicy` that enforce NetworkPolicy objects.
 *
 * @public
 */
export const DEFAULT_NETWORK_POLICY_ENGINES: readonly string[] = [
  'azure',
  'calico',
  'cilium',
];

/**
 * Organisation policy with every default filled in.
 *
 * @public
 */
export interface ResolvedPolicy {
  disabledChecks: ReadonlySet<string>;
  severityOverrides: Readonly<Record<string, Severity>>;
  approvedCipherSuites: ReadonlySet<string>;
  acceptedNetworkPolicyEngines: ReadonlySet<string>;
  requireTlsToPod: boolean;
}

/** @public */
export function resolvePolicy(policy: OrganisationPolicy = {}): ResolvedPolicy {
  return {
    disabledChecks: new Set(policy.disabledChecks ?? []),
    severityOverrides: { ...(policy.severityOverrides ?? {}) },
    approvedCipherSuites: new Set(
      (policy.approvedCipherSuites ?? DEFAULT_APPROVED_CIPHER_SUITES).map(suite =>
        suite.toUpperCase(),
      ),
    ),
    acceptedNetworkPolicyEngines: new Set(
      (policy.acceptedNetworkPolicyEngines ?? DEFAULT_NETWORK_POLICY_ENGINES).map(
        engine => engine.toLowerCase(),
      ),
    ),
    requireTlsToPod: policy.requireTlsToPod ?? false,
  };
}

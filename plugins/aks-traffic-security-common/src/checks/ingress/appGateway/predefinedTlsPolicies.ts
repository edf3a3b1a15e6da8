import { Verdict } from '../../../types';

/** The protocol and cipher rating of a predefined Application Gateway TLS policy. */
export interface PredefinedTlsPolicy {
  name: string;
  /** The minimum protocol version, as the API spells it. */
  minProtocolVersion: string;
  /** The `ingress.appgw.min-tls-version` verdict for the policy. */
  minVersionVerdict: Verdict;
  /** The `ingress.appgw.cipher-suites` verdict for the policy. */
  cipherVerdict: Verdict;
  /** The reason for the cipher rating, as one clause. */
  cipherCharacter: string;
}

/**
 * The predefined policies, from the table of Microsoft Learn's "Application
 * Gateway TLS policy overview". The minimum versions of the first three match
 * the Microsoft.Network 2024-10-01 example
 * `ApplicationGatewayAvailableSslOptionsPredefinedPoliciesGet.json`.
 */
const POLICIES: PredefinedTlsPolicy[] = [
  {
    name: 'AppGwSslPolicy20150501',
    minProtocolVersion: 'TLSv1_0',
    minVersionVerdict: 'fail',
    cipherVerdict: 'fail',
    cipherCharacter:
      'includes 3DES, static-RSA key exchange (TLS_RSA_*), DHE and CBC-SHA1 suites',
  },
  {
    name: 'AppGwSslPolicy20170401',
    minProtocolVersion: 'TLSv1_1',
    minVersionVerdict: 'fail',
    cipherVerdict: 'fail',
    cipherCharacter:
      'includes static-RSA key exchange (TLS_RSA_*) and CBC-SHA1 suites',
  },
  {
    name: 'AppGwSslPolicy20170401S',
    minProtocolVersion: 'TLSv1_2',
    minVersionVerdict: 'pass',
    cipherVerdict: 'fail',
    cipherCharacter:
      'keeps static-RSA key exchange (TLS_RSA_*, no forward secrecy) and CBC-SHA1 suites',
  },
  {
    name: 'AppGwSslPolicy20220101',
    minProtocolVersion: 'TLSv1_2',
    minVersionVerdict: 'pass',
    cipherVerdict: 'warn',
    cipherCharacter:
      'adds ECDHE CBC-SHA256/SHA384 suites to the ECDHE-GCM and TLS 1.3 suites',
  },
  {
    name: 'AppGwSslPolicy20220101S',
    minProtocolVersion: 'TLSv1_2',
    minVersionVerdict: 'pass',
    cipherVerdict: 'pass',
    cipherCharacter: 'allows only TLS 1.3 and ECDHE-GCM suites',
  },
];

const BY_NAME = new Map(
  POLICIES.map(policy => [policy.name.toLowerCase(), policy]),
);

/** Looks up a predefined policy by name, case-insensitively. */
export function predefinedTlsPolicy(
  name: string | undefined,
): PredefinedTlsPolicy | undefined {
  return name === undefined ? undefined : BY_NAME.get(name.toLowerCase());
}

/** The predefined policy names, for messages about an unknown name. */
export const PREDEFINED_TLS_POLICY_NAMES = POLICIES.map(policy => policy.name);

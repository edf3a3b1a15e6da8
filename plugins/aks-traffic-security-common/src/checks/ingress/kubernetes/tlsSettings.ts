import { Evidence, JsonValue, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { parseBoolean } from '../../../resources/json';
import { objectRef } from './kubernetesObjects';
import { Finding, passFinding } from './findings';
import { TRAEFIK_DEFAULT_MIN_VERSION, TraefikTlsOption } from './traefikConfig';
import {
  configMapValue,
  ianaCipherName,
  NGINX_DEFAULT_SSL_PROTOCOLS,
  NGINX_PROTOCOLS,
  NGINX_WEAK_PROTOCOLS,
} from './nginxConfig';

/** Traefik's `minVersion` values and the TLS version each stands for. */
const TRAEFIK_VERSIONS: Record<string, number> = {
  VersionTLS10: 1.0,
  VersionTLS11: 1.1,
  VersionTLS12: 1.2,
  VersionTLS13: 1.3,
};

const APPROVED_ONLY = 'approved suites only';

/**
 * Judges one Traefik TLS option, or Traefik's built-in default when
 * `option` is `undefined`: minimum version VersionTLS12, `sniStrict` false
 * and Go's default cipher suites.
 */
export function traefikOptionFindings(
  option: TraefikTlsOption | undefined,
  context: EvaluationContext,
): Finding[] {
  const resource = option
    ? objectRef(option.source, context)
    : 'Traefik built-in default TLS option';
  const base = option?.path ?? 'tls.options.default';
  const minVersion =
    typeof option?.minVersion === 'string' ? option.minVersion : undefined;
  const effectiveVersion = minVersion ?? TRAEFIK_DEFAULT_MIN_VERSION;
  const version = TRAEFIK_VERSIONS[effectiveVersion];
  const findings: Finding[] = [];

  const versionEvidence: Evidence = {
    resource,
    path: `${base}.minVersion`,
    observed: option?.minVersion ?? null,
    expected: ['VersionTLS12', 'VersionTLS13'],
    note: minVersion
      ? undefined
      : `unset: Traefik uses ${TRAEFIK_DEFAULT_MIN_VERSION}`,
  };
  if (version === undefined) {
    findings.push({
      verdict: 'warn',
      reason: 'unrecognised-min-version',
      text: `minVersion ${effectiveVersion} is not a Traefik TLS version`,
      evidence: versionEvidence,
    });
  } else if (version < 1.2) {
    findings.push({
      verdict: 'fail',
      text: `minVersion ${effectiveVersion} allows TLS older than 1.2`,
      evidence: versionEvidence,
    });
  } else {
    findings.push(passFinding(versionEvidence));
  }

  const sniEvidence: Evidence = {
    resource,
    path: `${base}.sniStrict`,
    observed: option?.sniStrict ?? null,
    expected: true,
  };
  findings.push(
    parseBoolean(option?.sniStrict) === true
      ? passFinding(sniEvidence)
      : {
          verdict: 'fail',
          text: 'sniStrict is not true, so clients without a matching SNI get the default certificate',
          evidence: sniEvidence,
        },
  );

  const cipherEvidence: Evidence = {
    resource,
    path: `${base}.cipherSuites`,
    observed: option?.cipherSuites ?? null,
    expected: APPROVED_ONLY,
  };
  if (version === 1.3) {
    // TLS 1.3 suites are not configurable and are all AEAD.
    findings.push(
      passFinding({
        ...cipherEvidence,
        note: 'TLS 1.3 only: suites are fixed',
      }),
    );
  } else {
    findings.push(
      cipherFinding(stringList(option?.cipherSuites), cipherEvidence, context),
    );
  }
  return findings;
}

/** The NGINX settings to judge and where they were found. */
export interface NginxSettings {
  /** The controller ConfigMap; `undefined` when the controller runs on built-in defaults. */
  configMap?: KubernetesResource;
  /** The evidence name of the ConfigMap, or of the controller when there is none. */
  resource: string;
  note: string;
  /** An Ingress's `nginx.ingress.kubernetes.io/ssl-ciphers`, which overrides the ConfigMap. */
  ingressCiphers?: { value: string; resource: string; path: string };
}

/**
 * Judges NGINX's `ssl-protocols` and `ssl-ciphers`, defaulting as
 * ingress-nginx does: protocols "TLSv1.2 TLSv1.3", ciphers not pinned.
 */
export function nginxSettingFindings(
  settings: NginxSettings,
  context: EvaluationContext,
): Finding[] {
  const { configMap, resource } = settings;
  const protocols = configMapValue(configMap, 'ssl-protocols');
  const tokens = (protocols ?? NGINX_DEFAULT_SSL_PROTOCOLS)
    .split(/\s+/)
    .filter(Boolean);
  const findings: Finding[] = [];

  const protocolEvidence: Evidence = {
    resource,
    path: 'data["ssl-protocols"]',
    observed: protocols ?? null,
    expected: 'TLSv1.2 and TLSv1.3 only',
    note: protocols
      ? settings.note
      : `unset: ingress-nginx uses "${NGINX_DEFAULT_SSL_PROTOCOLS}"`,
  };
  // NGINX compares protocol names without regard to case, so tlsv1 is
  // TLSv1, and rejects a configuration with any other name, so the
  // protocols in effect are then not what the ConfigMap shows.
  const isOneOf = (names: string[], token: string) =>
    names.some(name => name.toLowerCase() === token.toLowerCase());
  const weak = tokens.filter(token => isOneOf(NGINX_WEAK_PROTOCOLS, token));
  const invalid = tokens.filter(token => !isOneOf(NGINX_PROTOCOLS, token));
  if (invalid.length > 0 || tokens.length === 0) {
    findings.push({
      verdict: 'unknown',
      reason: 'unrecognised-value',
      text:
        invalid.length > 0
          ? `ssl-protocols lists ${invalid.join(
              ', ',
            )}, which NGINX rejects, so the protocols in effect are not known`
          : 'ssl-protocols is empty, which NGINX rejects, so the protocols in effect are not known',
      evidence: { ...protocolEvidence, expected: 'TLSv1.2 TLSv1.3' },
    });
  } else {
    findings.push(
      weak.length > 0
        ? {
            verdict: 'fail',
            text: `ssl-protocols enables ${weak.join(', ')}`,
            evidence: protocolEvidence,
          }
        : passFinding(protocolEvidence),
    );
  }
  if (
    tokens.length > 0 &&
    tokens.every(token => token.toLowerCase() === 'tlsv1.3')
  ) {
    return findings;
  }

  const ciphers =
    settings.ingressCiphers?.value ?? configMapValue(configMap, 'ssl-ciphers');
  const cipherEvidence: Evidence = settings.ingressCiphers
    ? {
        resource: settings.ingressCiphers.resource,
        path: settings.ingressCiphers.path,
        observed: settings.ingressCiphers.value,
        expected: APPROVED_ONLY,
      }
    : {
        resource,
        path: 'data["ssl-ciphers"]',
        observed: ciphers ?? null,
        expected: APPROVED_ONLY,
      };

  // An OpenSSL cipher string lists suites separated by colons; `!x` and `-x`
  // remove suites and do not pin anything.
  const suites = (ciphers ?? '')
    .split(':')
    .map(name => name.trim())
    .filter(
      name => name.length > 0 && !name.startsWith('!') && !name.startsWith('-'),
    )
    .map(ianaCipherName);
  findings.push(cipherFinding(suites, cipherEvidence, context));
  return findings;
}

function cipherFinding(
  suites: string[],
  evidence: Evidence,
  context: EvaluationContext,
): Finding {
  if (suites.length === 0) {
    return {
      verdict: 'warn',
      reason: 'ciphers-not-pinned',
      text: 'cipher suites are not pinned, so the controller defaults apply',
      evidence,
    };
  }
  const unapproved = suites.filter(
    suite => !context.policy.approvedCipherSuites.has(suite.toUpperCase()),
  );
  return unapproved.length > 0
    ? {
        verdict: 'warn',
        reason: 'unapproved-cipher-suites',
        text: `cipher suites outside the approved set: ${unapproved.join(
          ', ',
        )}`,
        evidence,
      }
    : passFinding(evidence);
}

function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

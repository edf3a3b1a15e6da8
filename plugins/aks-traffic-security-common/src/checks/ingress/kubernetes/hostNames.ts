import {
  EvaluationContext,
  Lookup,
} from '../../../evaluator/EvaluationContext';
import { unknown } from '../../outcomes';
import { isUnderDomain, normalizedDomain } from '../appGateway/hostNames';

/**
 * The label that marks the internal ingress hop when no suffix is
 * configured, as in `<service>.aks-ingress.<domain>`.
 */
export const INTERNAL_HOST_LABEL = 'aks-ingress';

/**
 * Tells whether a host name still contains a template placeholder such as
 * `<guestbook.contoso.com>`, `${HOST}` or `{{ .Values.host }}`.
 */
export function isPlaceholder(host: string): boolean {
  return /<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}/.test(host);
}

/**
 * Tells whether a TLS host entry covers a host name. A wildcard `*.x` covers
 * exactly one more label, as TLS certificates do. Both are compared case-insensitively.
 */
export function tlsHostCovers(tlsHost: string, host: string): boolean {
  const pattern = tlsHost.toLowerCase();
  const name = host.toLowerCase();
  if (pattern === name) {
    return true;
  }
  if (!pattern.startsWith('*.')) {
    return false;
  }
  const base = pattern.slice(1);
  if (!name.endsWith(base)) {
    return false;
  }
  const label = name.slice(0, name.length - base.length);
  return label.length > 0 && !label.includes('.');
}

/**
 * Returns why a host name is outside the internal ingress domain, or
 * `undefined` when it is inside. With a suffix (`aks-ingress.contoso.com`)
 * the host must end with `.<suffix>`. Without one, its second label must be
 * `aks-ingress`.
 */
export function internalHostProblem(
  host: string,
  internalDomainSuffix: string | undefined,
): string | undefined {
  if (isPlaceholder(host)) {
    return `host ${host} is an unrendered template placeholder`;
  }

  const name = host.toLowerCase().replace(/\.$/, '');
  const suffix = internalDomainSuffix
    ? normalizedDomain(internalDomainSuffix)
    : undefined;
  if (suffix) {
    return name.endsWith(`.${suffix}`)
      ? undefined
      : `host ${host} is not under the internal domain .${suffix}`;
  }

  const labels = name.split('.');
  return labels.length >= 3 && labels[1] === INTERNAL_HOST_LABEL
    ? undefined
    : `host ${host} does not have the form <service>.${INTERNAL_HOST_LABEL}.<domain>`;
}

/**
 * Looks up the scope's internal domain suffix, `undefined` when none is set.
 * The lookup is `unknown` when the suffix also covers one of the service's
 * public host names: it then does not separate internal names from public
 * ones, so a public host or backend would pass as internal.
 */
export function trustedInternalDomain(
  context: EvaluationContext,
): Lookup<string | undefined> {
  const suffix = context.scope.internalDomainSuffix;
  if (!suffix) {
    return { found: true, value: undefined };
  }

  const covered = (context.scope.hostNames ?? []).filter(host =>
    isUnderDomain(host, suffix),
  );
  if (covered.length === 0) {
    return { found: true, value: suffix };
  }
  return {
    found: false,
    outcome: unknown(
      'internal-domain-not-distinct',
      `The internal domain ${normalizedDomain(
        suffix,
      )} also covers the public host ${covered.join(
        ', ',
      )}, so it does not separate the internal ingress hop's names from public ones. Set the internal domain suffix annotation to the domain of the second wildcard certificate, such as aks-ingress.contoso.com.`,
      [
        {
          path: 'aks-traffic-security.io/internal-domain-suffix',
          observed: suffix,
          expected: 'a domain that none of the public host names is under',
          note: `public host names: ${covered.join(', ')}`,
        },
      ],
    ),
  };
}

import { JsonObject } from '../../../types';
import { memoizeBounded } from '../../../resources/memoizeBounded';

/** Returns the host names a listener is bound to (`hostName` or `hostNames`). */
export function listenerHostNames(listener: JsonObject): string[] {
  const hosts: string[] = [];
  const single = listener.hostName;
  if (typeof single === 'string' && single.trim() !== '') {
    hosts.push(single.trim());
  }
  const multiple = listener.hostNames;
  if (Array.isArray(multiple)) {
    for (const host of multiple) {
      if (typeof host === 'string' && host.trim() !== '') {
        hosts.push(host.trim());
      }
    }
  }
  return hosts;
}

/** Tells whether a listener host entry contains Application Gateway wildcards. */
export function isWildcardHost(host: string): boolean {
  return host.includes('*') || host.includes('?');
}

// A gateway's wildcard hosts are compared with the host of every service
// behind it, so each is compiled once.
const wildcardPattern = memoizeBounded(pattern => {
  // A wildcard stays inside one DNS label: `*.contoso.com` matches
  // `app.contoso.com` but neither `contoso.com` nor `a.b.contoso.com`.
  const source = pattern
    .split('')
    .map(character => {
      if (character === '*') {
        return '[^.]*';
      }
      if (character === '?') {
        return '[^.]';
      }
      return character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
});

function matchesPattern(pattern: string, host: string): boolean {
  return isWildcardHost(pattern) && wildcardPattern(pattern).test(host);
}

/**
 * Tells whether a listener host entry serves a service host name, comparing
 * case-insensitively and expanding wildcards on either side.
 */
export function hostMatches(
  listenerHost: string,
  serviceHost: string,
): boolean {
  return lowerCaseHostsMatch(
    listenerHost.toLowerCase(),
    serviceHost.toLowerCase(),
  );
}

/** Tells whether two host names already in lower case match, as {@link hostMatches} does. */
export function lowerCaseHostsMatch(
  listenerHost: string,
  serviceHost: string,
): boolean {
  return (
    listenerHost === serviceHost ||
    matchesPattern(listenerHost, serviceHost) ||
    matchesPattern(serviceHost, listenerHost)
  );
}

/** Returns a DNS suffix in lower case, without a leading `*.` or `.` and a trailing dot. */
export function normalizedDomain(suffix: string): string {
  return suffix
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');
}

/** Tells whether a host name lies under a DNS suffix, such as `aks-ingress.contoso.com`. */
export function isUnderDomain(host: string, suffix: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const zone = normalizedDomain(suffix);
  return name === zone || name.endsWith(`.${zone}`);
}

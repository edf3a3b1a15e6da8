import { JsonObject } from '../../../types';

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

function matchesPattern(pattern: string, host: string): boolean {
  if (!isWildcardHost(pattern)) {
    return false;
  }

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
  return new RegExp(`^${source}$`).test(host);
}

/**
 * Tells whether a listener host entry serves a service host name, comparing
 * case-insensitively and expanding wildcards on either side.
 */
export function hostMatches(
  listenerHost: string,
  serviceHost: string,
): boolean {
  const pattern = listenerHost.toLowerCase();
  const host = serviceHost.toLowerCase();
  return (
    pattern === host ||
    matchesPattern(pattern, host) ||
    matchesPattern(host, pattern)
  );
}

/** Tells whether a host name lies under a DNS suffix, such as `aks-ingress.contoso.com`. */
export function isUnderDomain(host: string, suffix: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const zone = suffix
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');
  return name === zone || name.endsWith(`.${zone}`);
}

import { Evidence } from '../../../types';
import { DEFAULT_TLS_OPTION } from './traefikConfig';

/** A Traefik router's host names and the TLS option it names itself. */
export interface HostRouter {
  /** The router's object, such as `a0008/Ingress/app`. */
  element: string;
  /** The host names of its rules, in lower case. */
  hosts: string[];
  /** The entry points it names, or `undefined` for Traefik's default ones. */
  entryPoints?: string[];
  /** The option's name as Traefik compares it, such as `default` or `a0008-strict@kubernetescrd`. */
  option: string;
}

/**
 * Returns, by router element, the evidence that another router serves one
 * of its hosts on a shared entry point with another TLS option. Traefik
 * picks TLS options by the SNI name, and for a host whose routers name
 * different options it logs "found different TLS options for routers on
 * the same host" and serves the host with TLS option `default`. A router
 * that names `default` itself is judged with it already, so it gets none.
 */
export function sharedHostConflicts(
  routers: HostRouter[],
): Map<string, Evidence[]> {
  const conflicts = new Map<string, Evidence[]>();
  for (const router of routers) {
    if (router.option === DEFAULT_TLS_OPTION) {
      continue;
    }

    for (const host of router.hosts) {
      const other = routers.find(
        candidate =>
          candidate.option !== router.option &&
          candidate.hosts.includes(host) &&
          shareEntryPoint(candidate, router),
      );
      if (other) {
        const evidence = conflicts.get(router.element) ?? [];
        evidence.push({
          resource: router.element,
          observed: host,
          note: `${other.element} routes host ${host} with TLS option ${other.option}, so Traefik serves the host with TLS option default`,
        });
        conflicts.set(router.element, evidence);
      }
    }
  }
  return conflicts;
}

/** Tells whether two routers may share an entry point: yes unless both name theirs and none is common. */
function shareEntryPoint(first: HostRouter, second: HostRouter): boolean {
  if (first.entryPoints === undefined || second.entryPoints === undefined) {
    return true;
  }
  return first.entryPoints.some(name => second.entryPoints!.includes(name));
}

/**
 * Returns the host names of a Traefik match rule's `Host` matchers, in
 * lower case. Traefik v2 accepts several names in one matcher and v3 one.
 * `HostRegexp` names no single host and is left out.
 */
export function matchRuleHosts(rule: string): string[] {
  const hosts: string[] = [];
  for (const matcher of rule.matchAll(/\bHost\s*\(([^)]*)\)/g)) {
    for (const argument of matcher[1].split(',')) {
      const host = argument.trim().replace(/^[`"']|[`"']$/g, '');
      if (host !== '') {
        hosts.push(host.toLowerCase());
      }
    }
  }
  return hosts;
}

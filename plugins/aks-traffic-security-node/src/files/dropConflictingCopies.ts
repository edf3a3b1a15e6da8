import { isDeepStrictEqual } from 'util';
import {
  armIdKey,
  groupBy,
  ReadFailure,
  Resource,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The failure reason of a resource whose copies differ. */
export const CONFLICTING_COPIES = 'conflicting-copies';

/** The resources left after {@link dropConflictingCopies}, and its failures. */
export interface DistinctResources {
  resources: Resource[];
  failures: ReadFailure[];
}

/**
 * Keeps one copy of each resource that several files hold, and drops every
 * copy of a resource whose copies differ. The files do not show which of
 * two different copies is current, so the checks that need the resource
 * report the conflict as `unknown` instead of judging whichever file sorts
 * first.
 * A failure names an ARM resource by its id. It names a Kubernetes object's
 * kind (`kubernetes:<Kind>`), because the checks look objects up by kind.
 */
export function dropConflictingCopies(
  resources: Resource[],
): DistinctResources {
  const copies = groupBy(resources, identityOf);

  const distinct: Resource[] = [];
  const failures: ReadFailure[] = [];
  for (const group of copies.values()) {
    const [first, ...others] = group;
    if (others.every(other => isDeepStrictEqual(other.body, first.body))) {
      distinct.push(first);
    } else {
      failures.push(conflictFailure(group));
    }
  }
  return { resources: distinct, failures };
}

function identityOf(resource: Resource): string {
  if (resource.kind === 'arm') {
    return `arm:${armIdKey(resource.id)}`;
  }
  // Kinds, namespaces and names of Kubernetes objects are case-sensitive.
  return [
    'kubernetes',
    resource.apiVersion.split('/').slice(0, -1).join('/'),
    resource.objectKind,
    resource.namespace ?? '',
    resource.name,
  ].join(':');
}

function conflictFailure(group: Resource[]): ReadFailure {
  const first = group[0];
  const locations = group.map(resource => resource.origin.location).join(', ');
  const subject =
    first.kind === 'arm'
      ? first.id
      : `${first.objectKind} ${first.namespace ? `${first.namespace}/` : ''}${
          first.name
        }`;
  return {
    target: first.kind === 'arm' ? first.id : `kubernetes:${first.objectKind}`,
    reason: CONFLICTING_COPIES,
    message: `${subject}: its ${group.length} copies differ (${locations}), so none of them is judged. Keep only the current copy.`,
  };
}

import { Entity } from '@backstage/catalog-model';
import {
  armIdKey,
  AssessmentScope,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The cluster and gateway of an entity, the resources that entities share. */
export type SharedScope = Pick<AssessmentScope, 'clusterId' | 'gatewayId'>;

/** An annotated catalog entity of a full refresh and what it annotates. */
export interface RefreshEntry {
  entity: Entity;
  scope: AssessmentScope;
}

/**
 * Puts the entries of a full refresh in the order in which they share the
 * most reads: by gateway, then by cluster. The refresh serves the reads of
 * earlier entries first, so the entities of one gateway are read and
 * evaluated close together, and the source can drop that gateway's
 * resources long before the refresh ends. Ties keep the catalog's order.
 */
export function orderBySharedResources(
  entries: RefreshEntry[],
): RefreshEntry[] {
  const sortKey = (entry: RefreshEntry) =>
    `${idKey(entry.scope.gatewayId)} ${idKey(entry.scope.clusterId)}`;
  const keyed = entries.map(entry => ({ entry, key: sortKey(entry) }));

  keyed.sort((a, b) => {
    if (a.key === b.key) {
      return 0;
    }
    return a.key < b.key ? -1 : 1;
  });
  return keyed.map(({ entry }) => entry);
}

/**
 * Counts, during a full refresh, the entities that still need each cluster
 * and gateway. Once the last of them is evaluated, no entity of the refresh
 * reads that cluster or gateway again.
 */
export class RemainingScopes {
  readonly #counts = new Map<string, number>();

  constructor(scopes: SharedScope[]) {
    for (const scope of scopes) {
      for (const { key } of sharedKeys(scope)) {
        this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
      }
    }
  }

  /**
   * Counts one entity as evaluated. Returns its cluster and gateway where no
   * other entity still needs them, and neither where some entity does.
   */
  finish(scope: SharedScope): SharedScope {
    const unused: SharedScope = {};
    for (const { field, key } of sharedKeys(scope)) {
      const count = this.#counts.get(key);
      if (count === undefined) {
        continue;
      }
      if (count > 1) {
        this.#counts.set(key, count - 1);
        continue;
      }
      this.#counts.delete(key);
      unused[field] = scope[field];
    }
    return unused;
  }
}

/** Returns the count keys of an entity's cluster and gateway. */
function sharedKeys(
  scope: SharedScope,
): Array<{ field: keyof SharedScope; key: string }> {
  const fields = ['clusterId', 'gatewayId'] as const;
  return fields
    .filter(field => scope[field])
    .map(field => ({ field, key: `${field} ${idKey(scope[field])}` }));
}

function idKey(id: string | undefined): string {
  return id ? armIdKey(id) : '';
}

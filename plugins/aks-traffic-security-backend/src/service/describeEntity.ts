import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { AssessmentScope } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AssessedEntity } from '../database/AssessmentStore';
import { scopeKeyOf } from './scopeKey';

/** Returns an entity reference in the lower-case form the plugin stores. */
export function entityRefOf(entity: Entity): string {
  return lowerCase(stringifyEntityRef(entity));
}

/**
 * Lower-cases an entity reference as the catalog does. `toLowerCase` applies
 * Unicode's default case mapping in every locale, which is what the
 * catalog's `toLocaleLowerCase('en-US')` gives, at a fraction of its cost
 * (a full refresh lower-cases each reference several times).
 */
function lowerCase(ref: string): string {
  return ref.toLowerCase();
}

/**
 * Reads the catalog facts stored with an assessment made from `scope`, the
 * scope of the entity's annotations. The owner and system come from the
 * entity's relations, which the catalog resolves, and from `spec` for
 * entities that have not been processed yet.
 */
export function describeEntity(
  entity: Entity,
  scope: AssessmentScope,
): AssessedEntity {
  const namespace = entity.metadata.namespace ?? 'default';

  const owner =
    relationTarget(entity, RELATION_OWNED_BY) ??
    specRef(entity.spec?.owner, {
      defaultKind: 'group',
      defaultNamespace: namespace,
    });
  const system =
    relationTarget(entity, RELATION_PART_OF, 'system') ??
    specRef(entity.spec?.system, {
      defaultKind: 'system',
      defaultNamespace: namespace,
    });

  return {
    entityRef: entityRefOf(entity),
    title: entity.metadata.title,
    owner,
    system,
    clusterId: scope.clusterId,
    scopeKey: scopeKeyOf(scope),
  };
}

function relationTarget(
  entity: Entity,
  type: string,
  kind?: string,
): string | undefined {
  const relation = entity.relations?.find(
    candidate =>
      candidate.type === type &&
      (kind === undefined ||
        lowerCase(parseEntityRef(candidate.targetRef).kind) === kind),
  );
  return relation ? lowerCase(relation.targetRef) : undefined;
}

function specRef(
  value: unknown,
  context: { defaultKind: string; defaultNamespace: string },
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  try {
    return lowerCase(stringifyEntityRef(parseEntityRef(value.trim(), context)));
  } catch {
    return undefined;
  }
}

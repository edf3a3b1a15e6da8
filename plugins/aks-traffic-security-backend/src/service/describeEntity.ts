import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { AssessedEntity } from '../database/AssessmentStore';

/** Returns an entity reference in the lower-case form the plugin stores. */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

/**
 * Reads the catalog facts stored with an assessment. The owner and system
 * come from the entity's relations, which the catalog resolves, and from
 * `spec` for entities that have not been processed yet.
 */
export function describeEntity(
  entity: Entity,
  clusterId: string | undefined,
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
    clusterId,
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
        parseEntityRef(candidate.targetRef).kind.toLocaleLowerCase('en-US') ===
          kind),
  );
  return relation?.targetRef.toLocaleLowerCase('en-US');
}

function specRef(
  value: unknown,
  context: { defaultKind: string; defaultNamespace: string },
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), context),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

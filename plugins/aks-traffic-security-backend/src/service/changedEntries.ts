import { AssessedEntity } from '../database/AssessmentStore';
import { describeEntity } from './describeEntity';
import { RefreshEntry } from './RefreshOrder';

/** The catalog facts that an entity's stored assessment and fleet row show. */
const COMPARED_FACTS = [
  'title',
  'owner',
  'system',
  'clusterId',
  'scopeKey',
] as const satisfies ReadonlyArray<keyof AssessedEntity>;

/**
 * Returns the entries that have no stored assessment, and those whose stored
 * assessment was made from other annotations or shows another title, owner
 * or system than the entity has now.
 */
export function changedEntries(
  entries: RefreshEntry[],
  stored: AssessedEntity[],
): RefreshEntry[] {
  const storedByRef = new Map(stored.map(facts => [facts.entityRef, facts]));

  return entries.filter(({ entity, scope }) => {
    const now = describeEntity(entity, scope);
    const before = storedByRef.get(now.entityRef);
    return !before || COMPARED_FACTS.some(fact => before[fact] !== now[fact]);
  });
}

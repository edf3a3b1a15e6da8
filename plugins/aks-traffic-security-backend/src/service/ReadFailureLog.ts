import { LoggerService } from '@backstage/backend-plugin-api';

/** The entity references a warning names; the rest are counted. */
const NAMED_ENTITIES = 5;

/**
 * Collects the entities whose source read failed during a refresh of many
 * entities, so that each distinct error is logged once with a count. An
 * unreachable source would otherwise log one line for each of thousands of
 * entities.
 */
export class ReadFailureLog {
  readonly #entityRefsByError = new Map<string, string[]>();

  add(entityRef: string, error: string): void {
    const entityRefs = this.#entityRefsByError.get(error) ?? [];
    entityRefs.push(entityRef);
    this.#entityRefsByError.set(error, entityRefs);
  }

  /** Logs one warning for each distinct error collected, then clears them. */
  flush(logger: LoggerService, source: string): void {
    for (const [error, entityRefs] of this.#entityRefsByError) {
      const named = entityRefs.slice(0, NAMED_ENTITIES).join(', ');
      const more = entityRefs.length - NAMED_ENTITIES;
      logger.warn(
        `Failed to read the resources of ${entityRefs.length} ${
          entityRefs.length === 1 ? 'entity' : 'entities'
        }`,
        {
          source,
          error,
          entityRefs: more > 0 ? `${named} and ${more} more` : named,
        },
      );
    }
    this.#entityRefsByError.clear();
  }
}

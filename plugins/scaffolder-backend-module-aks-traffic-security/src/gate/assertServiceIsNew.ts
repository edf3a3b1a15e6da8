import {
  BackstageCredentials,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { WorkspaceEntity } from './readWorkspaceScope';
import { pathExists } from '../localPublishing';

/**
 * Throws a `ConflictError` when the catalog already contains the entity that
 * the rendered `catalog-info.yaml` declares, or when local publishing would
 * write into an existing folder. The catalog only logs a second location for
 * an entity ref as a conflict and keeps the first entity, so without this
 * check the task would publish, succeed and link to the other entity.
 */
export async function assertServiceIsNew(options: {
  entity: WorkspaceEntity;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  localPublishDirectory?: string;
}): Promise<void> {
  const { entity, catalog, credentials, localPublishDirectory } = options;

  const entityRef = stringifyEntityRef(entity);
  const existing = await catalog.getEntityByRef(entityRef, { credentials });
  if (existing) {
    const origin = existing.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
    const registeredFrom = origin ? `, registered from ${origin}` : '';
    throw new ConflictError(
      `Entity '${entityRef}' already exists in the catalog${registeredFrom}; choose another service name, or unregister the existing entity first`,
    );
  }

  if (localPublishDirectory) {
    const folder = resolveSafeChildPath(localPublishDirectory, entity.name);
    if (await pathExists(folder)) {
      throw new ConflictError(
        `Local repository folder ${folder} already exists; choose another service name or remove the folder`,
      );
    }
  }
}

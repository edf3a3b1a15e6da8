import { promises as fs } from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { isChildPath } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  LOCAL_PUBLISH_DIRECTORY_KEY,
  requireLocalPublishDirectory,
} from '../localPublishing';
import { CATALOG_INFO_FILE } from '../gate/readWorkspaceScope';
import { examples } from './registerLocal.examples';

/**
 * Creates the `aks-traffic-security:catalog:register-local` action.
 *
 * The catalog accepts only `url` locations through its API unless a catalog
 * module allows `file` for every caller, which would let any user make the
 * backend read any file it can open. Instead, the app config lists one
 * `file` location with a glob over the local publishing directory, and this
 * action requests a refresh of that location at once, so the new
 * service appears without waiting for the next processing cycle.
 *
 * @public
 */
export function createRegisterLocalAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  const { config, catalog } = options;

  return createTemplateAction({
    id: 'aks-traffic-security:catalog:register-local',
    description:
      'Makes the catalog read a catalog-info.yaml published to the local publishing directory, through the file location that covers that directory.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of the catalog-info.yaml, as aks-traffic-security:publish:local outputs it.',
            ),
      },
      output: {
        entityRef: z =>
          z
            .string()
            .describe('Reference of the entity in the catalog-info.yaml.'),
        catalogInfoUrl: z =>
          z.string().describe('The file location of the catalog-info.yaml.'),
      },
    },
    async handler(ctx) {
      const publishDirectory = requireLocalPublishDirectory(config);
      const catalogInfoPath = path.resolve(ctx.input.catalogInfoPath);

      if (
        !isChildPath(publishDirectory, catalogInfoPath) ||
        path.basename(catalogInfoPath) !== CATALOG_INFO_FILE ||
        path.dirname(path.dirname(catalogInfoPath)) !== publishDirectory
      ) {
        throw new InputError(
          `Invalid input 'catalogInfoPath' value '${ctx.input.catalogInfoPath}'; expected ${publishDirectory}/<name>/${CATALOG_INFO_FILE}`,
        );
      }

      const locationTarget = path.join(
        publishDirectory,
        '*',
        CATALOG_INFO_FILE,
      );
      const location = findCoveringLocation(config, locationTarget);
      if (!location) {
        throw new InputError(
          `No catalog location reads the local publishing directory; add '{ type: file, target: ${locationTarget} }' to catalog.locations (a relative target is resolved against the backend's working directory, like ${LOCAL_PUBLISH_DIRECTORY_KEY})`,
        );
      }

      const entityRef = ctx.isDryRun
        ? `component:default/${path.basename(path.dirname(catalogInfoPath))}`
        : await readEntityRef(catalogInfoPath);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would refresh the catalog location ${location}`,
        );
      } else {
        await catalog.refreshEntity(location, {
          credentials: await ctx.getInitiatorCredentials(),
        });
        ctx.logger.info(
          `Asked the catalog to refresh ${location} for ${entityRef}`,
        );
      }

      ctx.output('entityRef', entityRef);
      ctx.output('catalogInfoUrl', `file:${catalogInfoPath}`);
    },
  });
}

/**
 * Returns the entity reference of the `file` location in `catalog.locations`
 * whose target resolves to the given glob, the reference Backstage gives the
 * locations it creates from config.
 */
function findCoveringLocation(
  config: Config,
  target: string,
): string | undefined {
  const locations = config.getOptionalConfigArray('catalog.locations') ?? [];
  const covering = locations.find(
    location =>
      location.getString('type') === 'file' &&
      path.resolve(location.getString('target')) === target,
  );
  if (!covering) {
    return undefined;
  }
  const name = locationSpecToMetadataName({ type: 'file', target });
  return `location:default/${name}`;
}

async function readEntityRef(catalogInfoPath: string): Promise<string> {
  let text: string;
  try {
    text = await fs.readFile(catalogInfoPath, 'utf8');
  } catch (error) {
    throw new NotFoundError(`${catalogInfoPath} was not found`, error);
  }

  const entity = parseAllDocuments(text)
    .map(document => document.toJS())
    .find(value => value?.kind && value?.metadata?.name);
  if (!entity) {
    throw new InputError(`${catalogInfoPath} contains no catalog entity`);
  }
  return stringifyEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace,
    name: entity.metadata.name,
  });
}

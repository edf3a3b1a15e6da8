import { promises as fs } from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';
import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { pathExists, requireLocalPublishDirectory } from '../localPublishing';
import { findInvalidTemplateInputs } from '../gate/validateTemplateInputs';
import { CATALOG_INFO_FILE } from '../gate/readWorkspaceScope';
import { examples } from './publishLocal.examples';

/**
 * Creates the `aks-traffic-security:publish:local` action, which copies the
 * workspace to `<localPublishDirectory>/<name>` on the backend host, for
 * development and demonstrations without a source control system.
 *
 * @public
 */
export function createPublishLocalAction(options: { config: Config }) {
  const { config } = options;

  return createTemplateAction({
    id: 'aks-traffic-security:publish:local',
    description: `Copies the workspace into a new folder of the directory that 'aksTrafficSecurity.scaffolder.localPublishDirectory' names. Never overwrites an existing folder.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Name of the new folder, the service name: a DNS label (RFC 1035).',
            ),
        sourcePath: z =>
          z
            .string()
            .describe(
              'Workspace folder to copy, relative to the workspace. Defaults to the whole workspace.',
            )
            .optional(),
      },
      output: {
        remoteUrl: z => z.string().describe('A file URL of the new folder.'),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of the catalog-info.yaml in the new folder.',
            ),
      },
    },
    async handler(ctx) {
      const { name, sourcePath } = ctx.input;

      const invalid = findInvalidTemplateInputs({ name });
      if (invalid.length > 0) {
        throw new InputError(invalid.join('\n'));
      }
      const publishDirectory = requireLocalPublishDirectory(config);
      const source = resolveSafeChildPath(ctx.workspacePath, sourcePath ?? '.');
      const target = resolveSafeChildPath(publishDirectory, name);

      if (await pathExists(target)) {
        throw new ConflictError(
          `Local repository folder ${target} already exists; choose another service name or remove the folder`,
        );
      }

      const remoteUrl = pathToFileURL(target).toString();
      const catalogInfoPath = resolveSafeChildPath(target, CATALOG_INFO_FILE);

      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would copy the workspace to ${target}`);
      } else {
        await fs.mkdir(publishDirectory, { recursive: true });
        // A non-recursive mkdir fails if the folder appeared since the check,
        // so two tasks never write into the same folder.
        await fs.mkdir(target).catch(error => {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
            throw new ConflictError(
              `Local repository folder ${target} already exists; choose another service name or remove the folder`,
            );
          }
          throw error;
        });
        // The target is new and empty; each entry is copied on its own
        // because fs.cp reports an existing destination folder as a conflict.
        for (const entry of await fs.readdir(source)) {
          await fs.cp(path.join(source, entry), path.join(target, entry), {
            recursive: true,
            errorOnExist: true,
            force: false,
          });
        }
        ctx.logger.info(`Copied the workspace to ${target}`);
      }

      ctx.output('remoteUrl', remoteUrl);
      ctx.output('catalogInfoPath', catalogInfoPath);
    },
  });
}

import { promises as fs } from 'fs';
import path from 'path';
import {
  isJsonObject,
  Resource,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { RESOURCE_FILE_EXTENSIONS } from './readResourceFiles';

/** @public */
export interface RepositoryProblemsOptions {
  /** The resources read from the repository. */
  resources: Resource[];
  /** The service's Kubernetes namespace, when known. */
  namespace?: string;
  /** The directory that `paths` are relative to. */
  baseDir: string;
  /** The files and directories the resources were read from. */
  paths: readonly string[];
}

/**
 * Finds what makes a service repository unfit to deploy whatever the checks
 * say, one message per problem, naming files and objects but never a value:
 *
 * - a Kubernetes Secret with `data` or `stringData`, whose values, a TLS
 *   private key for example, would be in the repository's history, where
 *   certificates belong in Key Vault;
 * - an object in a namespace other than the service's, which the checks do
 *   not judge (an object without a namespace is applied to the service's);
 * - a hidden directory or hidden resource file, which resource reading
 *   skips, and a kustomization file, which can change the objects after
 *   they were judged. Other hidden files, such as `.gitkeep`, are allowed.
 *
 * @public
 */
export async function findRepositoryProblems(
  options: RepositoryProblemsOptions,
): Promise<string[]> {
  return [
    ...committedSecrets(options.resources),
    ...foreignNamespaces(options.resources, options.namespace),
    ...(await unjudgedFiles(options.baseDir, options.paths)),
  ];
}

function committedSecrets(resources: Resource[]): string[] {
  return resources.flatMap(resource => {
    if (resource.kind !== 'kubernetes' || resource.objectKind !== 'Secret') {
      return [];
    }
    const fields = ['data', 'stringData'].filter(field => {
      const values = resource.body[field];
      return isJsonObject(values) && Object.keys(values).length > 0;
    });
    if (fields.length === 0) {
      return [];
    }
    return [
      `Secret ${qualifiedName(resource)} in ${
        resource.origin.location
      } sets ${fields.join(
        ' and ',
      )}; keep its values in Key Vault and mount them with the Secrets Store CSI driver`,
    ];
  });
}

function foreignNamespaces(
  resources: Resource[],
  namespace: string | undefined,
): string[] {
  if (!namespace) {
    return [];
  }
  return resources.flatMap(resource =>
    resource.kind === 'kubernetes' &&
    resource.namespace !== undefined &&
    resource.namespace !== namespace
      ? [
          `${resource.objectKind} ${qualifiedName(resource)} in ${
            resource.origin.location
          } is not in the service's namespace ${namespace}, so no check judges it`,
        ]
      : [],
  );
}

function qualifiedName(resource: Resource): string {
  return resource.kind === 'kubernetes' && resource.namespace
    ? `${resource.namespace}/${resource.name}`
    : resource.name;
}

async function unjudgedFiles(
  baseDir: string,
  paths: readonly string[],
): Promise<string[]> {
  const found: string[] = [];
  // Real paths of the directories walked, so that a symbolic link loop ends.
  const visited = new Set<string>();

  const walk = async (relative: string) => {
    const absolute = path.resolve(baseDir, relative);
    let entries;
    try {
      const real = await fs.realpath(absolute);
      if (visited.has(real)) {
        return;
      }
      visited.add(real);
      entries = await fs.readdir(absolute);
    } catch {
      // A file, or a path that does not exist, has no entries to judge.
      return;
    }

    for (const name of entries) {
      const child = path.posix.join(relative, name);
      if (name === 'node_modules') {
        continue;
      }
      const isDirectory = await fs
        .stat(path.join(absolute, name))
        .then(stats => stats.isDirectory())
        .catch(() => false);
      if (name.startsWith('.')) {
        // Hidden files such as .gitkeep hold no manifest, but a hidden
        // directory or a hidden resource file may be deployed.
        if (
          isDirectory ||
          RESOURCE_FILE_EXTENSIONS.includes(path.extname(name).toLowerCase())
        ) {
          found.push(`${child} is hidden, so it is not read`);
        }
      } else if (isDirectory) {
        await walk(child);
      } else if (/^(kustomization\.ya?ml|Kustomization)$/.test(name)) {
        found.push(
          `${child} is a kustomization, which can change the objects after they were judged`,
        );
      }
    }
  };

  for (const input of paths) {
    await walk(input);
  }
  return found;
}

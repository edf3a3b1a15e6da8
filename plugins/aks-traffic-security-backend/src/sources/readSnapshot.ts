import { promises as fs } from 'fs';
import path from 'path';
import {
  ArmResource,
  KubernetesResource,
  ReadFailure,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  CONFLICTING_COPIES,
  DEFAULT_MAX_FILE_BYTES,
  readResourceFiles,
} from '@aks-traffic-security/plugin-aks-traffic-security-node';
import { armIdsInText, kubernetesKindsInText } from './recoverFailureTargets';

/** The Kubernetes objects read from one namespace folder of a snapshot. */
export interface SnapshotNamespace {
  resources: KubernetesResource[];
  /** The files of the folder that could not be read or parsed. */
  failures: ReadFailure[];
  /**
   * The same failures once more for each object kind the file names, with the
   * target `kubernetes:<Kind>`, so that the checks of those kinds in this
   * namespace return `unknown` with the file's reason. Differing copies of an
   * object are only here, as a failure of their kind.
   */
  kindFailures: ReadFailure[];
  /**
   * False when a file of the folder could not be read and the kinds of the
   * objects in it are not known, so a kind that is absent proves nothing.
   */
  complete: boolean;
}

/** A parsed snapshot directory. */
export interface Snapshot {
  armResources: ArmResource[];
  armFailures: ReadFailure[];
  /** Namespace folders by namespace name, by lower-case cluster name. */
  clusters: Map<string, Map<string, SnapshotNamespace>>;
}

/**
 * Reads a snapshot directory: ARM JSON anywhere under `azure/`, Kubernetes
 * YAML under `kubernetes/<cluster name>/<namespace>/`. A file that cannot be
 * read or parsed becomes a failure. Throws only when the directory itself is
 * missing or unreadable.
 */
export async function readSnapshot(directory: string): Promise<Snapshot> {
  await assertDirectory(directory);

  const azure = await readResourceFiles(['azure'], {
    baseDir: directory,
    source: 'snapshot',
  });
  const armResources = azure.resources.filter(
    (resource): resource is ArmResource => resource.kind === 'arm',
  );
  // NOTE: a broken file that names no ARM id changes no check: checks that
  // scan resources by type, such as the firewall checks, cannot tell that
  // it may have held one. The assessment still lists it as a failed read.
  const armFailures = [...azure.failures];
  for (const failure of azure.failures) {
    const text = await readFailedFile(directory, failure);
    for (const id of text ? armIdsInText(text) : []) {
      armFailures.push({ ...failure, target: id });
    }
  }

  const clusters = new Map<string, Map<string, SnapshotNamespace>>();
  const kubernetesDirectory = path.join(directory, 'kubernetes');
  for (const cluster of await listDirectories(kubernetesDirectory)) {
    const namespaces = new Map<string, SnapshotNamespace>();
    for (const namespace of await listDirectories(
      path.join(kubernetesDirectory, cluster),
    )) {
      namespaces.set(
        namespace,
        await readNamespaceFolder(directory, cluster, namespace),
      );
    }
    clusters.set(cluster.toLowerCase(), namespaces);
  }

  return { armResources, armFailures, clusters };
}

async function readNamespaceFolder(
  directory: string,
  cluster: string,
  namespace: string,
): Promise<SnapshotNamespace> {
  const read = await readResourceFiles([`kubernetes/${cluster}/${namespace}`], {
    baseDir: directory,
    source: 'snapshot',
  });

  // The folder names the namespace of objects that do not name their own.
  const resources = read.resources
    .filter(
      (resource): resource is KubernetesResource =>
        resource.kind === 'kubernetes',
    )
    .map(resource => ({
      ...resource,
      namespace: resource.namespace ?? namespace,
    }));

  const kindFailures: ReadFailure[] = [];
  const fileFailures: ReadFailure[] = [];
  let complete = true;
  for (const failure of read.failures) {
    // Differing copies of an object fail its kind in this namespace only.
    if (failure.reason === CONFLICTING_COPIES) {
      kindFailures.push(failure);
      continue;
    }
    fileFailures.push(failure);

    const text = await readFailedFile(directory, failure);
    const kinds = text ? kubernetesKindsInText(text) : [];
    if (kinds.length === 0) {
      complete = false;
    }
    for (const kind of kinds) {
      kindFailures.push({ ...failure, target: `kubernetes:${kind}` });
    }
  }

  return { resources, failures: fileFailures, kindFailures, complete };
}

/** Reads the text of a file that failed to parse, to recover what it named. */
async function readFailedFile(
  directory: string,
  failure: ReadFailure,
): Promise<string | undefined> {
  if (failure.reason !== 'invalid-document') {
    return undefined;
  }
  const file = path.resolve(directory, failure.target);
  try {
    const stats = await fs.stat(file);
    if (!stats.isFile() || stats.size > DEFAULT_MAX_FILE_BYTES) {
      return undefined;
    }
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function assertDirectory(directory: string): Promise<void> {
  let stats;
  try {
    stats = await fs.stat(directory);
  } catch (error) {
    throw new Error(
      `Snapshot directory ${directory} cannot be read: ${
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'it does not exist'
          : (error as Error).message
      }; set aksTrafficSecurity.snapshot.directory to a directory with azure/ and kubernetes/ folders`,
    );
  }
  if (!stats.isDirectory()) {
    throw new Error(
      `Snapshot directory ${directory} is not a directory; set aksTrafficSecurity.snapshot.directory to a directory with azure/ and kubernetes/ folders`,
    );
  }
}

async function listDirectories(directory: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  return entries
    .filter(entry => entry.isDirectory() && !entry.name.startsWith('.'))
    .map(entry => entry.name)
    .sort();
}

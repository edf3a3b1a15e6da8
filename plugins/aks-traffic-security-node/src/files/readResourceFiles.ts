import { promises as fs } from 'fs';
import path from 'path';
import {
  parseResourceDocument,
  ReadFailure,
  Resource,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { dropConflictingCopies } from './dropConflictingCopies';

/**
 * The default maximum size of one resource file, in bytes.
 *
 * NOTE: 16 MiB is an estimate, several times the size of the largest
 * single resource body expected, so that long `az` list outputs still fit.
 *
 * @public
 */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

/** File name extensions that {@link readResourceFiles} reads. @public */
export const RESOURCE_FILE_EXTENSIONS: readonly string[] = [
  '.json',
  '.yaml',
  '.yml',
];

/** @public */
export interface ReadResourceFilesOptions {
  /**
   * The directory that `origin.location` is relative to, and that relative
   * input paths are resolved against. Defaults to the current directory.
   */
  baseDir?: string;
  /** The maximum size of one file in bytes. A larger file becomes a failure. */
  maxFileBytes?: number;
  /** The `origin.source` of the resources read. Defaults to `file`. */
  source?: string;
}

/**
 * The resources read from files, and the files that could not be read.
 *
 * @public
 */
export interface ResourceFilesRead {
  resources: Resource[];
  failures: ReadFailure[];
  /** True when any Kubernetes object was read, so an absent kind means none exist. */
  kubernetesNamespaceRead: boolean;
  /**
   * Entries of the walked directories whose objects were not read as they
   * would be deployed: hidden directories and hidden resource files, which
   * the walk skips, and kustomization files, which change other objects.
   */
  unreadManifests: UnreadManifest[];
}

/** A file or directory whose objects were not read as they would be deployed. @public */
export interface UnreadManifest {
  /** The path, relative to the base directory as `origin.location` is. */
  location: string;
  reason: 'hidden' | 'kustomization' | 'dependencies';
}

/** File names that kustomize reads as a kustomization. */
const KUSTOMIZATION_FILE = /^(kustomization\.ya?ml|Kustomization)$/;

/**
 * Reads ARM and Kubernetes resources from files and directories. Directories
 * are walked recursively for `.json`, `.yaml` and `.yml` files, skipping
 * hidden files and folders and `node_modules`. The hidden manifests it skips
 * and the kustomization files it finds are listed in `unreadManifests`. A
 * file that cannot be read or parsed becomes a failure that names its path,
 * so one bad file does not stop the read.
 * A resource that several files hold is kept once when the copies are equal,
 * and becomes a `conflicting-copies` failure when they differ.
 *
 * @public
 */
export async function readResourceFiles(
  paths: string[],
  options: ReadResourceFilesOptions = {},
): Promise<ResourceFilesRead> {
  const baseDir = path.resolve(options.baseDir ?? process.cwd());
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const source = options.source ?? 'file';

  const resources: Resource[] = [];
  const failures: ReadFailure[] = [];

  const walk: Walk = {
    files: [],
    failures,
    unreadManifests: [],
    baseDir,
    visitedDirectories: new Set(),
  };
  for (const input of paths) {
    await collectFiles(path.resolve(baseDir, input), true, walk);
  }

  // Sorted, so that the same directory always yields the same order.
  const unique = Array.from(new Set(walk.files)).sort();
  for (const file of unique) {
    const location = relativeLocation(baseDir, file);
    const read = await readText(file, location, maxFileBytes, failures);
    if (read === undefined) {
      continue;
    }

    // A saved file records no read time, so its modification time is used.
    const parsed = parseResourceDocument(read.text, {
      source,
      location,
      readAt: read.modifiedAt,
    });
    resources.push(...parsed.resources);
    failures.push(...parsed.failures);
  }

  const distinct = dropConflictingCopies(resources);
  return {
    resources: distinct.resources,
    failures: [...failures, ...distinct.failures],
    kubernetesNamespaceRead: resources.some(
      resource => resource.kind === 'kubernetes',
    ),
    unreadManifests: walk.unreadManifests,
  };
}

interface Walk {
  files: string[];
  failures: ReadFailure[];
  unreadManifests: UnreadManifest[];
  baseDir: string;
  /** Real paths of the directories walked, so that a symbolic link loop ends. */
  visitedDirectories: Set<string>;
}

async function collectFiles(
  target: string,
  explicit: boolean,
  walk: Walk,
): Promise<void> {
  const location = relativeLocation(walk.baseDir, target);

  let stats;
  try {
    stats = await fs.stat(target);
  } catch (error) {
    walk.failures.push(fileFailure(location, describeFsError(error)));
    return;
  }

  if (stats.isFile()) {
    // A file named explicitly is read whatever its extension. A file found
    // in a directory is read only when it has a resource file extension.
    if (explicit || hasResourceExtension(target)) {
      walk.files.push(target);
    }
    if (!explicit && KUSTOMIZATION_FILE.test(path.basename(target))) {
      walk.unreadManifests.push({ location, reason: 'kustomization' });
    }
    return;
  }
  if (!stats.isDirectory()) {
    if (explicit) {
      walk.failures.push(
        fileFailure(location, 'is neither a file nor a directory'),
      );
    }
    return;
  }

  let entries;
  try {
    const realPath = await fs.realpath(target);
    if (walk.visitedDirectories.has(realPath)) {
      return;
    }
    walk.visitedDirectories.add(realPath);
    entries = await fs.readdir(target, { withFileTypes: true });
  } catch (error) {
    walk.failures.push(fileFailure(location, describeFsError(error)));
    return;
  }

  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const child = path.join(target, entry.name);
    if (entry.name.startsWith('.')) {
      await recordHiddenEntry(child, walk);
    } else if (entry.name === 'node_modules') {
      walk.unreadManifests.push({
        location: relativeLocation(walk.baseDir, child),
        reason: 'dependencies',
      });
    } else {
      await collectFiles(child, false, walk);
    }
  }
}

/**
 * Records a hidden directory or hidden resource file that the walk skips.
 * Other hidden files, such as `.gitkeep`, hold no manifest.
 */
async function recordHiddenEntry(entry: string, walk: Walk): Promise<void> {
  const isDirectory = await fs
    .stat(entry)
    .then(stats => stats.isDirectory())
    .catch(() => false);
  if (isDirectory || hasResourceExtension(entry)) {
    walk.unreadManifests.push({
      location: relativeLocation(walk.baseDir, entry),
      reason: 'hidden',
    });
  }
}

async function readText(
  file: string,
  location: string,
  maxFileBytes: number,
  failures: ReadFailure[],
): Promise<{ text: string; modifiedAt: string } | undefined> {
  try {
    const stats = await fs.stat(file);
    if (stats.size > maxFileBytes) {
      failures.push(
        fileFailure(
          location,
          `is ${stats.size} bytes, larger than the limit of ${maxFileBytes} bytes for one resource file`,
          'file-too-large',
        ),
      );
      return undefined;
    }
    return {
      text: await fs.readFile(file, 'utf8'),
      modifiedAt: stats.mtime.toISOString(),
    };
  } catch (error) {
    failures.push(fileFailure(location, describeFsError(error)));
    return undefined;
  }
}

function hasResourceExtension(file: string): boolean {
  return RESOURCE_FILE_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/**
 * Returns the `origin.location` of a file: its path relative to the base
 * directory with `/` separators, or its absolute path when it is outside.
 *
 * @public
 */
export function relativeLocation(baseDir: string, file: string): string {
  const relative = path.relative(baseDir, file);
  if (relative === '') {
    return '.';
  }
  // A file outside the base directory is shown by its absolute path, because
  // a relative path full of `..` segments is hard to read.
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return file.split(path.sep).join('/');
  }
  return relative.split(path.sep).join('/');
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'was not found';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'EISDIR':
      return 'is a directory, expected a file';
    default:
      return `cannot be read: ${
        error instanceof Error ? error.message : String(error)
      }`;
  }
}

function fileFailure(
  location: string,
  problem: string,
  reason: string = 'unreadable-file',
): ReadFailure {
  return { target: location, reason, message: `${location} ${problem}` };
}

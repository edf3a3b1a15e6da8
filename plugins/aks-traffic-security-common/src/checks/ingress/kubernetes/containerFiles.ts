import { JsonObject, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { isJsonObject, objectsAt, stringAt } from '../../../resources/json';
import { isInNamespace, namespaceOf, podVolumes } from './kubernetesObjects';

/** A file that a ConfigMap volume puts into a container's filesystem. */
export interface ConfigMapFile {
  configMap: KubernetesResource;
  key: string;
  /** The absolute path inside the container. */
  path: string;
}

/** The result of looking up one path in a container's filesystem. */
export type FileLookup =
  | { status: 'found'; file: ConfigMapFile }
  /** No volume is mounted there, so the path is in the image, which is not read. */
  | { status: 'not-mounted'; note: string }
  /** A ConfigMap that was read, or an `emptyDir`, is mounted there and has no such file. */
  | { status: 'absent'; note: string }
  /** A volume is mounted there, but it is not a ConfigMap that was read. */
  | { status: 'not-read'; note: string };

/** The ConfigMap files under a directory of a container's filesystem, including subdirectories. */
export type DirectoryLookup =
  | { status: 'found'; files: ConfigMapFile[] }
  | { status: 'not-mounted' | 'not-read'; note: string };

interface Mount {
  mountPath: string;
  subPath?: string;
  volumeName: string;
  volume?: JsonObject;
}

type MountContents =
  | { read: true; files: ConfigMapFile[] }
  | { read: false; note: string };

/**
 * Finds the file at a path in a container's file system: the key of a ConfigMap volume
 * mounted at the innermost mount path that contains it, as the kubelet
 * lays out `items`, `subPath` and plain ConfigMap volumes.
 */
export function containerFile(
  workload: KubernetesResource,
  container: JsonObject,
  path: string,
  context: EvaluationContext,
): FileLookup {
  const target = normalizePath(path);
  const mount = containerMounts(workload, container)
    .filter(candidate => contains(candidate.mountPath, target))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  if (!mount) {
    return {
      status: 'not-mounted',
      note: `${target} is not on any volume the container mounts, so it comes from the image, which is not read`,
    };
  }

  const contents = mountContents(mount, workload, context);
  if (!contents.read) {
    return { status: 'not-read', note: contents.note };
  }
  const file = contents.files.find(candidate => candidate.path === target);
  return file
    ? { status: 'found', file }
    : {
        status: 'absent',
        note: `no key of volume ${mount.volumeName} is mounted as ${target}`,
      };
}

/**
 * Lists the ConfigMap files under a directory of a container, including
 * subdirectories. The directory must be on a mounted volume, and every
 * volume mounted on or inside it must be a ConfigMap that was read or an
 * `emptyDir`, which starts empty.
 */
export function containerDirectory(
  workload: KubernetesResource,
  container: JsonObject,
  directory: string,
  context: EvaluationContext,
): DirectoryLookup {
  const target = normalizePath(directory);
  const mounts = containerMounts(workload, container);
  if (!mounts.some(mount => contains(mount.mountPath, target))) {
    return {
      status: 'not-mounted',
      note: `directory ${target} is not on any volume the container mounts, so it comes from the image, which is not read`,
    };
  }

  const relevant = mounts.filter(
    mount =>
      contains(mount.mountPath, target) || contains(target, mount.mountPath),
  );
  const files: ConfigMapFile[] = [];
  for (const mount of relevant) {
    const contents = mountContents(mount, workload, context);
    if (!contents.read) {
      return { status: 'not-read', note: contents.note };
    }
    // A file is visible only when no deeper mount hides its path.
    const visible = contents.files.filter(
      file =>
        contains(target, file.path) &&
        file.path !== target &&
        !relevant.some(
          other =>
            other.mountPath.length > mount.mountPath.length &&
            contains(other.mountPath, file.path),
        ),
    );
    files.push(...visible);
  }
  return { status: 'found', files };
}

function containerMounts(
  workload: KubernetesResource,
  container: JsonObject,
): Mount[] {
  const volumes = podVolumes(workload);
  return objectsAt(container, 'volumeMounts').flatMap(mount => {
    if (typeof mount.mountPath !== 'string' || typeof mount.name !== 'string') {
      return [];
    }
    const subPath =
      typeof mount.subPath === 'string' && mount.subPath !== ''
        ? normalizeRelative(mount.subPath)
        : undefined;
    return [
      {
        mountPath: normalizePath(mount.mountPath),
        subPath,
        volumeName: mount.name,
        volume: volumes.find(volume => volume.name === mount.name),
      },
    ];
  });
}

function mountContents(
  mount: Mount,
  workload: KubernetesResource,
  context: EvaluationContext,
): MountContents {
  const volume = mount.volume;
  if (!volume) {
    return {
      read: false,
      note: `the container mounts volume ${mount.volumeName} at ${mount.mountPath}, but the pod template has no such volume`,
    };
  }
  if (isJsonObject(volume.emptyDir)) {
    return { read: true, files: [] };
  }
  if (!isJsonObject(volume.configMap)) {
    const type =
      Object.keys(volume).find(key => key !== 'name') ?? 'of unknown type';
    return {
      read: false,
      note: `volume ${mount.volumeName} mounted at ${mount.mountPath} is a ${type} volume, whose files are not read`,
    };
  }

  const name = stringAt(volume, 'configMap.name');
  const namespace = namespaceOf(workload, context);
  const configMap = context
    .kubernetesInAnyNamespace('ConfigMap')
    .find(
      candidate =>
        candidate.name === name && isInNamespace(candidate, namespace),
    );
  if (!configMap) {
    return {
      read: false,
      note: `ConfigMap ${namespace ?? '(namespace unknown)'}/${
        name ?? '(unnamed)'
      }, mounted at ${mount.mountPath}, was not read`,
    };
  }

  const data = isJsonObject(configMap.body.data) ? configMap.body.data : {};
  const items = objectsAt(volume, 'configMap.items');
  // The kubelet projects every key when `items` is absent or empty.
  const entries =
    items.length > 0
      ? items.flatMap(item =>
          typeof item.key === 'string' && typeof item.path === 'string'
            ? [{ key: item.key, relative: normalizeRelative(item.path) }]
            : [],
        )
      : Object.keys(data).map(key => ({ key, relative: key }));

  const files = entries
    .filter(entry => typeof data[entry.key] === 'string')
    .flatMap(entry => {
      const path = mountedPath(mount, entry.relative);
      return path === undefined ? [] : [{ configMap, key: entry.key, path }];
    });
  return { read: true, files };
}

/** Returns the path of a volume entry inside the container, or `undefined` when a `subPath` mount hides it. */
function mountedPath(mount: Mount, relative: string): string | undefined {
  if (mount.subPath === undefined) {
    return joinPath(mount.mountPath, relative);
  }
  if (relative === mount.subPath) {
    return mount.mountPath;
  }
  return relative.startsWith(`${mount.subPath}/`)
    ? joinPath(mount.mountPath, relative.slice(mount.subPath.length + 1))
    : undefined;
}

/** Tells whether a path is a directory or the path itself. */
function contains(directory: string, path: string): boolean {
  return (
    directory === '/' || path === directory || path.startsWith(`${directory}/`)
  );
}

function joinPath(directory: string, relative: string): string {
  return directory === '/' ? `/${relative}` : `${directory}/${relative}`;
}

function normalizePath(path: string): string {
  const segments = path
    .split('/')
    .filter(segment => segment !== '' && segment !== '.');
  return `/${segments.join('/')}`;
}

function normalizeRelative(path: string): string {
  return normalizePath(path).slice(1);
}

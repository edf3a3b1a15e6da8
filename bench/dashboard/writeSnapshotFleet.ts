import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import {
  ANNOTATIONS,
  ArmResource,
  JsonObject,
  KubernetesResource,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetOptions, generateFleet } from '../evaluator/generateFleet';

/** The owner groups and systems that the generated components are spread over. */
const GROUPS = 40;
const SYSTEMS = 100;

/** The paths and counts of a fleet written by {@link writeSnapshotFleet}. */
export interface SnapshotFleet {
  /** The catalog file with the components, their groups and systems. */
  catalogFile: string;
  /** The directory for `aksTrafficSecurity.snapshot.directory`. */
  snapshotDirectory: string;
  /** The names of the annotated components, one per service, in namespace default. */
  componentNames: string[];
  armFiles: number;
  namespaceFolders: number;
}

/** Returns the file name of an ARM body, unique per resource group, type and name. */
function armFileName(resource: ArmResource): string {
  const type = resource.type.split('/').pop() ?? 'resource';
  return `${type}-${resource.name}`.replace(/[^A-Za-z0-9._-]/g, '-') + '.json';
}

function resourceGroupOf(resource: ArmResource): string {
  const segments = resource.id.split('/');
  const index = segments.findIndex(
    segment => segment.toLowerCase() === 'resourcegroups',
  );
  return index >= 0 ? segments[index + 1] : 'no-resource-group';
}

/** Writes the objects of one file, as `kubectl get -o yaml` prints one object or a list. */
function kubernetesFileText(objects: KubernetesResource[]): string {
  if (objects.length === 1) {
    return YAML.stringify(objects[0].body);
  }
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: objects.map(object => object.body),
  });
}

/**
 * Copies the template's Namespace object under the service's namespace name.
 * The evaluator's generator renames only references to the namespace, which
 * leaves the object itself named after the template.
 */
function renameNamespaceObject(
  object: KubernetesResource,
  namespace: string,
): KubernetesResource {
  if (object.body.kind !== 'Namespace') {
    return object;
  }
  const body = JSON.parse(JSON.stringify(object.body)) as JsonObject;
  const metadata = body.metadata as JsonObject;
  metadata.name = namespace;
  const labels = (metadata.labels ?? {}) as JsonObject;
  labels['kubernetes.io/metadata.name'] = namespace;
  metadata.labels = labels;
  return { ...object, name: namespace, body };
}

function catalogEntities(
  scopes: Array<{
    clusterId: string;
    gatewayId: string;
    namespace: string;
    hostNames: string[];
    internalDomainSuffix: string;
  }>,
): JsonObject[] {
  const groups = Array.from({ length: GROUPS }, (_, index) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: `team-${index}` },
    spec: { type: 'team', children: [] },
  }));
  const systems = Array.from({ length: SYSTEMS }, (_, index) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: `system-${index}` },
    spec: { owner: `group:default/team-${index % GROUPS}` },
  }));
  const components = scopes.map((scope, index) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: scope.namespace,
      annotations: {
        [ANNOTATIONS.clusterId]: scope.clusterId,
        [ANNOTATIONS.gatewayId]: scope.gatewayId,
        [ANNOTATIONS.hostNames]: scope.hostNames.join(','),
        [ANNOTATIONS.internalDomainSuffix]: scope.internalDomainSuffix,
        [ANNOTATIONS.tlsToPod]: 'false',
        [ANNOTATIONS.kubernetesNamespace]: scope.namespace,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${index % GROUPS}`,
      system: `system:default/system-${index % SYSTEMS}`,
    },
  }));
  return [...groups, ...systems, ...components];
}

/**
 * Writes the evaluator benchmark's fleet (same generator and seed) as a
 * snapshot directory that the backend's `snapshot` source reads, and a
 * catalog file with one annotated component per service.
 *
 * Layout, as in `examples/snapshot`: every distinct ARM body once under
 * `azure/<resource group>/`, the ingress controller's objects once per
 * cluster under `kubernetes/<cluster>/traefik/`, and each service's own
 * namespace objects under `kubernetes/<cluster>/<namespace>/`.
 */
export function writeSnapshotFleet(
  options: FleetOptions,
  directory: string,
): SnapshotFleet {
  const fleet = generateFleet(options);
  const snapshotDirectory = path.join(directory, 'snapshot');
  const writtenArmIds = new Set<string>();
  const writtenControllerClusters = new Set<string>();
  let namespaceFolders = 0;

  const writeFile = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const writeFolder = (folder: string, objects: KubernetesResource[]) => {
    const byFile = new Map<string, KubernetesResource[]>();
    for (const object of objects) {
      const file = path.basename(object.origin.location);
      byFile.set(file, [...(byFile.get(file) ?? []), object]);
    }
    for (const [file, fileObjects] of byFile) {
      writeFile(path.join(folder, file), kubernetesFileText(fileObjects));
    }
    namespaceFolders += 1;
  };

  const scopes = fleet.resourceSets.map(set => {
    const { clusterId, gatewayId, namespace, hostNames } = set.scope;
    if (!clusterId || !gatewayId || !namespace || !hostNames) {
      throw new Error(
        'The generated resource set has no cluster, gateway, namespace or host name',
      );
    }
    const clusterName = clusterId.split('/').pop()!;

    for (const resource of set.resources) {
      if (resource.kind === 'arm' && !writtenArmIds.has(resource.id)) {
        writtenArmIds.add(resource.id);
        writeFile(
          path.join(
            snapshotDirectory,
            'azure',
            resourceGroupOf(resource),
            armFileName(resource),
          ),
          `${JSON.stringify(resource.body, null, 2)}\n`,
        );
      }
    }

    // The generator copies the controller's objects from the template's
    // traefik folder, and the service's objects from its namespace folder.
    const kubernetes = set.resources.filter(
      (resource): resource is KubernetesResource =>
        resource.kind === 'kubernetes',
    );
    const controller = kubernetes.filter(object =>
      object.origin.location.includes('/traefik/'),
    );
    const own = kubernetes
      .filter(object => !object.origin.location.includes('/traefik/'))
      .map(object => renameNamespaceObject(object, namespace));

    const clusterFolder = path.join(
      snapshotDirectory,
      'kubernetes',
      clusterName,
    );
    if (!writtenControllerClusters.has(clusterName)) {
      writtenControllerClusters.add(clusterName);
      writeFolder(path.join(clusterFolder, 'traefik'), controller);
    }
    writeFolder(path.join(clusterFolder, namespace), own);

    return {
      clusterId,
      gatewayId,
      namespace,
      hostNames,
      internalDomainSuffix: set.scope.internalDomainSuffix ?? '',
    };
  });

  const catalogFile = path.join(directory, 'catalog.yaml');
  fs.writeFileSync(
    catalogFile,
    catalogEntities(scopes)
      .map(entity => YAML.stringify(entity))
      .join('---\n'),
  );

  return {
    catalogFile,
    snapshotDirectory,
    componentNames: scopes.map(scope => scope.namespace),
    armFiles: writtenArmIds.size,
    namespaceFolders,
  };
}

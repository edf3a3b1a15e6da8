import { Entity } from '@backstage/catalog-model';
import {
  AssessmentScope,
  ResourceSet,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { ResourceSource } from './ResourceSource';
import { readSnapshot, Snapshot } from './readSnapshot';

/**
 * Reads resources from a directory of exported ARM JSON and Kubernetes YAML.
 *
 * The snapshot is parsed once and kept until the next full refresh calls
 * {@link SnapshotResourceSource.beginRefresh}; files that change in between
 * are seen at that refresh.
 */
export class SnapshotResourceSource implements ResourceSource {
  readonly name = 'snapshot';

  readonly #directory: string;
  #snapshot: Promise<Snapshot> | undefined;

  constructor(options: { directory: string }) {
    this.#directory = options.directory;
  }

  beginRefresh(): void {
    this.#snapshot = undefined;
  }

  /**
   * Returns every ARM resource of the snapshot, because the checks join
   * resources by id, and the Kubernetes objects of every namespace folder of
   * the entity's cluster, because some checks look at the ingress
   * controller's namespace. The cluster folder is the last segment of the
   * cluster's ARM id.
   */
  async readResourceSet(
    _entity: Entity,
    scope: AssessmentScope,
  ): Promise<ResourceSet> {
    const snapshot = await this.#load();

    const clusterName = scope.clusterId?.split('/').filter(Boolean).pop();
    const namespaces = clusterName
      ? snapshot.clusters.get(clusterName.toLowerCase())
      : undefined;
    const folders = namespaces ? Array.from(namespaces.values()) : [];
    const ownFolder =
      scope.namespace !== undefined
        ? namespaces?.get(scope.namespace)
        : undefined;

    return {
      scope,
      resources: [
        ...snapshot.armResources,
        ...folders.flatMap(folder => folder.resources),
      ],
      failures: [
        ...snapshot.armFailures,
        ...folders.flatMap(folder => folder.failures),
        ...(ownFolder?.kindFailures ?? []),
      ],
      kubernetesNamespaceRead: ownFolder?.complete ?? false,
    };
  }

  #load(): Promise<Snapshot> {
    if (!this.#snapshot) {
      const loading = readSnapshot(this.#directory);
      // A failed read is not kept, so the next call tries again.
      loading.catch(() => {
        if (this.#snapshot === loading) {
          this.#snapshot = undefined;
        }
      });
      this.#snapshot = loading;
    }
    return this.#snapshot;
  }
}

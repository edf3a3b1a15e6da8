import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AssessmentScope,
  groupBy,
  indexBy,
  KubernetesResource,
  ReadFailure,
  armIdKey,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  KubernetesClusterConfig,
  KubernetesSourceConfig,
} from '../../config/readKubernetesConfig';
import { AzureCredentials } from '../azure/AzureCredentials';
import { NOT_READ_REASON } from '../ResourceSource';
import { ReadSession } from '../reads/ReadSession';
import { ReadOutcome, ReadPolicy } from '../reads/runRead';
import { KubernetesApiClient, KubernetesList } from './KubernetesApiClient';
import {
  CLUSTER_KINDS,
  CONTROLLER_NAMESPACE_KINDS,
  KindSpec,
  NAMESPACE_KIND,
  POD,
  POD_CONTROLLER_KINDS,
  SERVICE_NAMESPACE_KINDS,
} from './kubernetesKinds';
import { isControlledByWorkload, workloadIndex } from './podControllers';

/** The Kubernetes objects read for one entity. */
export interface KubernetesCollection {
  resources: KubernetesResource[];
  failures: ReadFailure[];
  /** True when the service's namespace was listed, so an absent kind means none exist. */
  namespaceRead: boolean;
}

/** The outcome of one list, with what was listed. */
interface ListOutcome {
  spec: KindSpec;
  namespace?: string;
  outcome: ReadOutcome<KubernetesList>;
}

/** The objects of some lists without repeats, with their keys, and the failed kinds. */
interface Collected {
  resources: KubernetesResource[];
  keys: string[];
  failures: ReadFailure[];
}

/** The key, within a cluster's session group, of the objects that all its entities share. */
const SHARED_OBJECTS_KEY = 'shared-objects';

/**
 * Secrets are never listed, because a list returns their values. A check
 * that needs to know whether a TLS Secret exists reports this instead.
 */
const SECRETS_NOT_READ: ReadFailure = {
  target: 'kubernetes:Secret',
  reason: NOT_READ_REASON,
  message:
    'Secrets are not listed, so that no secret value is read; a TLS Secret that no SecretProviderClass syncs cannot be confirmed',
};

/**
 * Reads the Kubernetes objects of an entity from its cluster's API: the
 * service's namespace, the configured ingress controller namespaces and the
 * cluster-scoped ingress and gateway classes. Only clusters with
 * credentials in `aksTrafficSecurity.kubernetes.clusters` are read; for any
 * other cluster the namespace counts as not read, so every Kubernetes check
 * is `unknown`. A list that fails becomes a `kubernetes:<Kind>` failure.
 */
export class KubernetesReader {
  /**
   * The configured clusters by the lower-case form of their ARM id, so that
   * each entity's cluster is found without comparing every configured id.
   */
  readonly #clusters: Map<string, KubernetesClusterConfig>;
  readonly #credentials: AzureCredentials;
  readonly #policy: ReadPolicy;
  readonly #logger: LoggerService;
  readonly #clients = new Map<string, KubernetesApiClient>();

  constructor(options: {
    config: KubernetesSourceConfig;
    credentials: AzureCredentials;
    policy: ReadPolicy;
    logger: LoggerService;
  }) {
    this.#clusters = indexBy(options.config.clusters, cluster =>
      armIdKey(cluster.clusterId),
    );
    this.#credentials = options.credentials;
    this.#policy = options.policy;
    this.#logger = options.logger;
    for (const cluster of options.config.clusters.filter(
      candidate => candidate.credentialProblem,
    )) {
      this.#logger.warn(
        `Kubernetes objects of cluster ${cluster.clusterId} will not be read: ${cluster.credentialProblem}`,
      );
    }
  }

  async read(
    scope: AssessmentScope,
    session: ReadSession,
  ): Promise<KubernetesCollection> {
    const notRead = { resources: [], failures: [], namespaceRead: false };
    if (!scope.clusterId || !scope.namespace) {
      return notRead;
    }
    const cluster = this.#clusters.get(armIdKey(scope.clusterId));
    if (!cluster || cluster.credentialProblem) {
      await session.once(
        `kubernetes-not-configured:${scope.clusterId}`,
        async () =>
          this.#logger.info(
            `No usable Kubernetes credentials are configured for cluster ${scope.clusterId}; its Kubernetes checks are unknown`,
          ),
      );
      return notRead;
    }

    // The controller namespaces and cluster-scoped kinds are the same for
    // every entity of the cluster, so they are collected once per refresh.
    const clusterReads = session.group(clusterGroupKey(cluster));
    const [service, shared] = await Promise.all([
      this.#collect(this.#serviceLists(cluster, scope.namespace, clusterReads)),
      clusterReads.once(SHARED_OBJECTS_KEY, () =>
        this.#collect(this.#clusterLists(cluster, clusterReads)),
      ),
    ]);

    const failures = new Map<string, ReadFailure>([
      [SECRETS_NOT_READ.target, SECRETS_NOT_READ],
    ]);
    for (const failure of [...service.failures, ...shared.failures]) {
      if (!failures.has(failure.target)) {
        failures.set(failure.target, failure);
      }
    }

    const serviceKeys = new Set(service.keys);
    return {
      resources: [
        ...service.resources,
        ...shared.resources.filter(
          (_object, index) => !serviceKeys.has(shared.keys[index]),
        ),
      ],
      failures: [...failures.values()],
      namespaceRead: true,
    };
  }

  /**
   * Drops the session's lists of a cluster, once no entity left needs them,
   * and closes the cluster's connections. Whether its credentials are
   * configured is still remembered, so that it is logged once per refresh.
   */
  forgetCluster(clusterId: string, session: ReadSession): void {
    const cluster = this.#clusters.get(armIdKey(clusterId));
    if (cluster) {
      session.forget(clusterGroupKey(cluster));
      this.closeConnections(clusterId);
    }
  }

  /** Closes a cluster's TLS connections, after its last request in flight if any. */
  closeConnections(clusterId: string): void {
    this.#clients.get(armIdKey(clusterId))?.closeConnections();
  }

  /** Closes every cluster's TLS connections, each after its last request in flight. */
  closeAllConnections(): void {
    this.#clients.forEach(client => client.closeConnections());
  }

  /** Lists the service namespace's kinds, its Pods outside them and its Namespace object. */
  #serviceLists(
    cluster: KubernetesClusterConfig,
    namespace: string,
    session: ReadSession,
  ): Array<Promise<ListOutcome>> {
    return [
      ...SERVICE_NAMESPACE_KINDS.map(async spec => ({
        spec,
        namespace,
        outcome: await this.#listInNamespace(cluster, spec, namespace, session),
      })),
      this.#podsOutsideWorkloads(cluster, namespace, session),
      this.#namespaces(cluster, [namespace], session),
    ];
  }

  /**
   * Lists the Pods of a namespace that do not run the current template of a
   * listed workload. Such a Pod is a bare Pod, a Pod of an operator's own
   * kind or a Pod left on an older template by an unfinished rollout. The
   * cluster's Pods are listed by their metadata alone, once per refresh. A
   * namespace's Pods are listed whole only when one of them is outside the
   * workloads. A workload kind whose list failed makes its Pods count as
   * outside, so that they are judged on their own.
   */
  async #podsOutsideWorkloads(
    cluster: KubernetesClusterConfig,
    namespace: string,
    session: ReadSession,
  ): Promise<ListOutcome> {
    const [metadata, ...workloadLists] = await Promise.all([
      this.#list(cluster, { spec: POD, metadataOnly: true }, session),
      ...POD_CONTROLLER_KINDS.map(spec =>
        this.#listInNamespace(cluster, spec, namespace, session),
      ),
    ]);
    const workloads = workloadIndex(
      workloadLists.flatMap(list => (list.ok ? list.value.objects : [])),
    );
    const outside = (pod: KubernetesResource) =>
      !isControlledByWorkload(pod, workloads);
    const result = (outcome: ReadOutcome<KubernetesList>) => ({
      spec: POD,
      namespace,
      outcome: keepObjects(outcome, outside),
    });

    // An identity that may list Pods only in some namespaces lists them whole.
    if (!metadata.ok && metadata.reason !== 'forbidden') {
      return result(metadata);
    }
    if (
      metadata.ok &&
      !inNamespaceObjects(metadata.value, namespace).some(outside)
    ) {
      return result({ ok: true, value: { objects: [], notInstalled: false } });
    }
    return result(await this.#list(cluster, { spec: POD, namespace }, session));
  }

  /** Lists the controller namespaces' kinds, the cluster-scoped kinds and their Namespace objects. */
  #clusterLists(
    cluster: KubernetesClusterConfig,
    session: ReadSession,
  ): Array<Promise<ListOutcome>> {
    return [
      ...cluster.ingressControllerNamespaces.flatMap(namespace =>
        CONTROLLER_NAMESPACE_KINDS.map(async spec => ({
          spec,
          namespace,
          // Kinds listed across the cluster anyway are taken from that list.
          outcome: SERVICE_NAMESPACE_KINDS.includes(spec)
            ? await this.#listInNamespace(cluster, spec, namespace, session)
            : await this.#list(cluster, { spec, namespace }, session),
        })),
      ),
      ...CLUSTER_KINDS.map(async spec => ({
        spec,
        outcome: await this.#list(cluster, { spec }, session),
      })),
      this.#namespaces(cluster, cluster.ingressControllerNamespaces, session),
    ];
  }

  /** Lists the Namespace objects of some namespaces, from one list of all of them. */
  async #namespaces(
    cluster: KubernetesClusterConfig,
    names: string[],
    session: ReadSession,
  ): Promise<ListOutcome> {
    const all = await this.#list(cluster, { spec: NAMESPACE_KIND }, session);
    return {
      spec: NAMESPACE_KIND,
      outcome: keepObjects(all, object => names.includes(object.name)),
    };
  }

  /**
   * Collects the objects of some lists without repeats, and a failure for
   * each kind whose list failed, the first one of the kind.
   */
  async #collect(lists: Array<Promise<ListOutcome>>): Promise<Collected> {
    const objects = new Map<string, KubernetesResource>();
    const failures = new Map<string, ReadFailure>();
    for (const { spec, namespace, outcome } of await Promise.all(lists)) {
      if (outcome.ok) {
        for (const object of outcome.value.objects) {
          objects.set(objectKey(object), object);
        }
        continue;
      }
      const target = `kubernetes:${spec.kind}`;
      if (!failures.has(target)) {
        failures.set(target, {
          target,
          reason: outcome.reason,
          message: namespace
            ? `${outcome.message} (namespace ${namespace})`
            : outcome.message,
        });
      }
    }
    return {
      resources: [...objects.values()],
      keys: [...objects.keys()],
      failures: [...failures.values()],
    };
  }

  /**
   * Lists a kind in one namespace. The kind is listed across the cluster
   * once per refresh and shared by every entity of the cluster: one list per
   * namespace made thousands of requests in a fleet of thousands of
   * services. An identity that may list the kind only in some namespaces
   * gets 403 for the cluster-wide list, and then lists the namespace alone.
   */
  async #listInNamespace(
    cluster: KubernetesClusterConfig,
    spec: KindSpec,
    namespace: string,
    session: ReadSession,
  ): Promise<ReadOutcome<KubernetesList>> {
    const all = await this.#list(cluster, { spec }, session);
    if (all.ok || all.reason !== 'forbidden') {
      return inNamespace(all, namespace);
    }
    return this.#list(cluster, { spec, namespace }, session);
  }

  #list(
    cluster: KubernetesClusterConfig,
    list: { spec: KindSpec; namespace?: string; metadataOnly?: boolean },
    session: ReadSession,
  ): Promise<ReadOutcome<KubernetesList>> {
    const { spec, namespace, metadataOnly } = list;
    const key = [
      metadataOnly ? 'metadata' : 'list',
      spec.namespaced ? namespace : '',
      spec.group,
      spec.plural,
    ].join(':');

    return session.once(key, async () => {
      const outcome = await this.#client(cluster).list(spec, {
        namespace: spec.namespaced ? namespace : undefined,
        metadataOnly,
      });
      if (!outcome.ok) {
        this.#logger.warn(`Failed to list ${spec.kind} objects`, {
          clusterId: cluster.clusterId,
          namespace,
          reason: outcome.reason,
          error: outcome.message,
        });
      }
      return outcome;
    });
  }

  #client(cluster: KubernetesClusterConfig): KubernetesApiClient {
    const key = armIdKey(cluster.clusterId);
    let client = this.#clients.get(key);
    if (!client) {
      client = new KubernetesApiClient({
        cluster,
        credentials: this.#credentials,
        policy: this.#policy,
      });
      this.#clients.set(key, client);
    }
    return client;
  }
}

// The objects of each cluster-wide list by namespace, grouped once for all
// the entities that share the list.
const byNamespace = new WeakMap<
  KubernetesList,
  Map<string | undefined, KubernetesResource[]>
>();

/** Returns the objects of one namespace in a cluster-wide list, as a list of their own. */
function inNamespace(
  outcome: ReadOutcome<KubernetesList>,
  namespace: string,
): ReadOutcome<KubernetesList> {
  if (!outcome.ok) {
    return outcome;
  }
  return {
    ok: true,
    value: {
      ...outcome.value,
      objects: inNamespaceObjects(outcome.value, namespace),
    },
  };
}

/** Returns the objects of one namespace in a cluster-wide list. */
function inNamespaceObjects(
  list: KubernetesList,
  namespace: string,
): KubernetesResource[] {
  let groups = byNamespace.get(list);
  if (!groups) {
    groups = groupBy(list.objects, object => object.namespace);
    byNamespace.set(list, groups);
  }
  return groups.get(namespace) ?? [];
}

/** Keeps the objects of a list that match, as a list of their own. */
function keepObjects(
  outcome: ReadOutcome<KubernetesList>,
  keep: (object: KubernetesResource) => boolean,
): ReadOutcome<KubernetesList> {
  if (!outcome.ok) {
    return outcome;
  }
  return {
    ok: true,
    value: { ...outcome.value, objects: outcome.value.objects.filter(keep) },
  };
}

function objectKey(object: KubernetesResource): string {
  return `${object.objectKind}/${object.namespace ?? ''}/${object.name}`;
}

/** Returns the key of the session group that contains the reads of one cluster. */
function clusterGroupKey(cluster: KubernetesClusterConfig): string {
  return `kubernetes:${cluster.clusterId}`;
}

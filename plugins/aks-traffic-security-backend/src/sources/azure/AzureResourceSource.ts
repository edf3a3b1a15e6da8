import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  armIdKey,
  AssessmentScope,
  ResourceSet,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AzureSourceConfig } from '../../config/readAzureConfig';
import {
  KUBERNETES_MAX_CONCURRENCY,
  KubernetesSourceConfig,
} from '../../config/readKubernetesConfig';
import { KubernetesReader } from '../kubernetes/KubernetesReader';
import { ConcurrencyLimiter } from '../reads/ConcurrencyLimiter';
import { withReadPriority } from '../reads/readPriority';
import { ReadSession } from '../reads/ReadSession';
import { ReadPolicy } from '../reads/runRead';
import { ThrottleGate } from '../reads/ThrottleGate';
import { ResourceSource } from '../ResourceSource';
import { ArmReader } from './ArmReader';
import { AzureArmClients } from './AzureArmClients';
import { AzureCredentials } from './AzureCredentials';
import {
  collectArmResources,
  collectSecretProviderClassVaults,
} from './collectArmResources';
import { createTokenCredential } from './createTokenCredential';
import { FleetDiscovery } from './FleetDiscovery';

/**
 * Reads an entity's resources live from Azure Resource Manager and its
 * Kubernetes objects from the cluster's API.
 *
 * A full refresh shares one read session between {@link beginRefresh} and
 * {@link endRefresh}, so each ARM resource and each Resource Graph query is
 * read once per refresh however many entities share it. {@link release}
 * drops a cluster's and a gateway's own reads, and the cluster's Kubernetes
 * lists, after the refresh's last entity that needs them. A read while no
 * full refresh runs, such as an on-demand refresh, gets a session of its own
 * and reads current data. A read during a full refresh shares its session.
 * Failed reads become `ReadFailure`s; the source itself never throws for an
 * unreadable resource or a broken credential.
 */
export class AzureResourceSource implements ResourceSource {
  readonly name = 'azure';

  readonly #logger: LoggerService;
  readonly #credentials: AzureCredentials;
  readonly #reader: ArmReader;
  readonly #discovery: FleetDiscovery;
  readonly #kubernetes: KubernetesReader;
  #session: ReadSession | undefined;
  /** The clusters that the running refresh has released, by ARM id key. */
  #releasedClusters = new Set<string>();

  constructor(options: {
    config: AzureSourceConfig;
    /** The clusters whose Kubernetes API may be read. Defaults to none. */
    kubernetes?: KubernetesSourceConfig;
    logger: LoggerService;
    /** Replaces the credential factory in tests. */
    createCredential?: typeof createTokenCredential;
  }) {
    const { config, logger } = options;
    this.#logger = logger;
    this.#credentials = new AzureCredentials({
      config,
      logger,
      createCredential: options.createCredential,
    });
    const policy: ReadPolicy = {
      limiter: new ConcurrencyLimiter(config.maxConcurrency),
      maxRetries: config.maxRetries,
      retryDelayMs: config.retryDelayMs,
      readTimeoutMs: config.readTimeoutMs,
    };
    // Every ARM and Resource Graph request goes to the one Resource Manager
    // endpoint, so one 429 pauses them all. The Kubernetes reads share only
    // the concurrency limit: each cluster's client has a gate of its own.
    const armPolicy: ReadPolicy = {
      ...policy,
      throttle: {
        gate: new ThrottleGate({
          name: `Azure Resource Manager at ${config.cloud.resourceManagerEndpoint}`,
          logger,
        }),
      },
    };
    this.#reader = new ArmReader({
      clients: new AzureArmClients({
        cloud: config.cloud,
        credentials: this.#credentials,
      }),
      credentials: this.#credentials,
      policy: armPolicy,
      logger,
    });
    this.#discovery = new FleetDiscovery({
      reader: this.#reader,
      credentials: this.#credentials,
      subscriptions: config.subscriptions,
    });
    // Each cluster has an API server of its own, so Kubernetes reads do not
    // wait for the Azure limit, only for a limit of their own.
    const kubernetes = options.kubernetes ?? {
      clusters: [],
      maxConcurrency: KUBERNETES_MAX_CONCURRENCY,
    };
    this.#kubernetes = new KubernetesReader({
      config: kubernetes,
      credentials: this.#credentials,
      policy: {
        ...policy,
        limiter: new ConcurrencyLimiter(kubernetes.maxConcurrency),
      },
      logger,
    });
  }

  beginRefresh(): void {
    this.#session = new ReadSession();
    this.#releasedClusters.clear();
    this.#credentials.forgetFailures();
  }

  endRefresh(): void {
    this.#logger.debug('Finished the Azure reads of a refresh', {
      reads: this.#session?.startedReads ?? 0,
    });
    this.#session = undefined;
    // Closes what the refresh left open: clusters it did not release, as
    // when it failed, and clusters that on-demand reads opened meanwhile.
    this.#kubernetes.closeAllConnections();
  }

  release(scope: Pick<AssessmentScope, 'clusterId' | 'gatewayId'>): void {
    const session = this.#session;
    if (!session) {
      return;
    }
    if (scope.gatewayId) {
      this.#reader.forget(scope.gatewayId, session);
    }
    if (scope.clusterId) {
      this.#releasedClusters.add(armIdKey(scope.clusterId));
      this.#reader.forget(scope.clusterId, session);
      this.#kubernetes.forgetCluster(scope.clusterId, session);
    }
  }

  /**
   * Closes a cluster's connections after a read, unless a running refresh
   * will still release the cluster. This is decided when the read ends,
   * since a refresh may begin or release the cluster while it runs.
   */
  #closeUnlessReleasedLater(clusterId: string | undefined): void {
    if (!clusterId) {
      return;
    }
    const releasedLater =
      this.#session !== undefined &&
      !this.#releasedClusters.has(armIdKey(clusterId));
    if (!releasedLater) {
      this.#kubernetes.closeConnections(clusterId);
    }
  }

  async readResourceSet(
    entity: Entity,
    scope: AssessmentScope,
    options?: { priority?: number },
  ): Promise<ResourceSet> {
    if (options?.priority !== undefined) {
      const { priority } = options;
      return withReadPriority(priority, () =>
        this.readResourceSet(entity, scope),
      );
    }

    const session = this.#session ?? new ReadSession();
    if (!this.#session) {
      this.#credentials.forgetFailures();
    }

    const context = {
      reader: this.#reader,
      discovery: this.#discovery,
      session,
    };
    const [arm, kubernetes] = await Promise.all([
      collectArmResources(scope, context),
      this.#kubernetes.read(scope, session),
    ]).finally(() => this.#closeUnlessReleasedLater(scope.clusterId));

    // The SecretProviderClasses are known only from the Kubernetes objects,
    // so the vaults that they name, and that the gateway's reads did not
    // cover, are read after both reads.
    const read: ResourceSet = {
      scope,
      resources: [...arm.resources, ...kubernetes.resources],
      failures: [...arm.failures, ...kubernetes.failures],
      kubernetesNamespaceRead: kubernetes.namespaceRead,
    };
    const vaults = await collectSecretProviderClassVaults(read, context);

    this.#logger.debug('Read the Azure resources of an entity', {
      entityRef: `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
        entity.metadata.name
      }`,
      armResources: arm.resources.length + vaults.resources.length,
      kubernetesObjects: kubernetes.resources.length,
      failures: read.failures.length + vaults.failures.length,
    });
    return {
      ...read,
      resources: [
        ...arm.resources,
        ...vaults.resources,
        ...kubernetes.resources,
      ],
      failures: [...arm.failures, ...vaults.failures, ...kubernetes.failures],
    };
  }
}

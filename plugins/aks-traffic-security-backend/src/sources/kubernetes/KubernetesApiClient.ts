import http from 'http';
import https from 'https';
import tls from 'tls';
import { KubeConfig } from '@kubernetes/client-node';
import {
  isJsonObject,
  JsonObject,
  objectsAt,
  KubernetesResource,
  kubernetesObjects,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { KubernetesClusterConfig } from '../../config/readKubernetesConfig';
import { AKS_SERVER_APPLICATION_ID } from '../azure/azureClouds';
import { AzureCredentials } from '../azure/AzureCredentials';
import { CredentialFailedError } from '../azure/CredentialFailedError';
import { retryAfter } from '../azure/classifyAzureError';
import { parseArmId } from '../azure/parseArmId';
import {
  AttemptOutcome,
  FailedAttempt,
  ReadOutcome,
  ReadPolicy,
  runRead,
} from '../reads/runRead';
import { ConcurrencyLimiter } from '../reads/ConcurrencyLimiter';
import { ThrottleGate } from '../reads/ThrottleGate';
import { KindSpec, listPath } from './kubernetesKinds';

/**
 * The requests in flight to one API server. A refresh requests every list of
 * a cluster at once. Without a limit of its own each list would open a TLS
 * connection, where a few kept-alive ones serve them all. The refresh reads
 * the clusters of a few gateways at a time, so two per cluster still fill
 * the overall limit. In the fleet benchmark (300 clusters, 14 lists each)
 * two instead of four took 1.6 to 3.8 s less CPU per refresh, from half as
 * many TLS handshakes.
 */
const REQUESTS_PER_CLUSTER = 2;

/**
 * How long the group versions that an API server serves are reused. A
 * refresh lists a cluster's kinds within seconds, and a resource definition
 * installed later is found a minute later at most.
 */
const DISCOVERY_MAX_AGE_MS = 60_000;

/** Objects per page of a list; the API server returns a `continue` token for the rest. */
const PAGE_SIZE = 500;

/**
 * The media type that requests the metadata of each object only, with
 * plain JSON as the fallback for an API server that cannot serve it.
 */
const METADATA_ONLY_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** The largest response body read, so that one list cannot exhaust memory. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const MAX_MESSAGE_LENGTH = 500;

/** A list that was read, or a custom kind that the cluster does not serve. */
export interface KubernetesList {
  objects: KubernetesResource[];
  /** True when the kind's CustomResourceDefinition is not installed. */
  notInstalled: boolean;
}

interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Lists objects from one cluster's Kubernetes API with read-only GET
 * requests. `@kubernetes/client-node` turns the configured cluster and
 * credentials into TLS options and the bearer token header. The request is
 * sent with Node's HTTP client and the JSON is kept as the API server
 * returns it, because the generated typed clients rename fields such as a
 * network policy rule's `from` to `_from`.
 */
export class KubernetesApiClient {
  readonly #cluster: KubernetesClusterConfig;
  readonly #credentials: AzureCredentials;
  readonly #policy: ReadPolicy;
  readonly #discoveryPolicy: ReadPolicy;
  readonly #clusterLimiter = new ConcurrencyLimiter(REQUESTS_PER_CLUSTER);
  /** The group versions the API server serves, undefined where discovery failed. */
  #discovery?: { at: number; groupVersions: Promise<Set<string> | undefined> };
  /**
   * The TLS options and the agent that keeps the cluster's connections
   * alive. They are built from the cluster's config without a token, once,
   * and shared by concurrent requests.
   */
  #connection?: Promise<https.RequestOptions>;
  /** Set when a close was requested while a request was in flight. */
  #closeWhenIdle = false;

  constructor(options: {
    cluster: KubernetesClusterConfig;
    credentials: AzureCredentials;
    policy: ReadPolicy;
  }) {
    this.#cluster = options.cluster;
    this.#credentials = options.credentials;
    // Each API server limits its own clients, so its 429 responses pause
    // only the reads of this cluster, never ARM reads or other clusters.
    this.#policy = {
      ...options.policy,
      throttle: {
        gate: new ThrottleGate({
          name: `the Kubernetes API of cluster ${this.#clusterName()}`,
        }),
      },
    };
    // Discovery only saves requests, so it is not retried. A failure falls
    // back to trying each version at once, with the lists' own retries. A
    // 429 still pauses the cluster's reads through the shared gate.
    this.#discoveryPolicy = {
      ...this.#policy,
      maxRetries: 0,
      throttle: { ...this.#policy.throttle!, maxRetries: 0 },
    };
  }

  /**
   * Lists a kind, following every `continue` token. Tries the kind's
   * versions that the API server serves, in order, while it returns 404; a
   * custom kind that no version serves is reported as not installed. When
   * the served versions cannot be discovered, every version is tried. With
   * `metadataOnly`, each object is its metadata alone, of kind
   * `PartialObjectMetadata`, unless the server returns whole objects.
   */
  async list(
    spec: KindSpec,
    options: {
      namespace?: string;
      fieldSelector?: string;
      metadataOnly?: boolean;
    } = {},
  ): Promise<ReadOutcome<KubernetesList>> {
    const served = spec.group ? await this.#servedGroupVersions() : undefined;
    const versions = served
      ? spec.versions.filter(version => served.has(`${spec.group}/${version}`))
      : spec.versions;

    for (const version of versions) {
      const path = listPath(spec, version, options.namespace);
      const outcome = await this.#inClusterSlot(() =>
        runRead(this.#policy, signal =>
          this.#listAllPages(path, options, signal),
        ),
      );
      if (outcome.ok) {
        return outcome;
      }
      if (outcome.reason !== 'not-found') {
        return outcome;
      }
    }

    if (spec.custom) {
      return { ok: true, value: { objects: [], notInstalled: true } };
    }
    return {
      ok: false,
      reason: 'not-found',
      message: `The Kubernetes API of cluster ${this.#clusterName()} does not serve ${
        spec.kind
      } (${spec.group || 'core'} ${spec.versions.join(', ')})`,
    };
  }

  /**
   * Closes the TLS connections to the API server and drops their TLS
   * context, at once or, while requests are in flight, after the last of
   * them. A keep-alive agent keeps each idle connection open until the
   * server closes it, so without this a refresh of many clusters keeps
   * every cluster's connections open to its end. The next request opens new
   * ones. Plain http requests, which config allows only on loopback, use
   * Node's global agent, which this leaves alone.
   */
  closeConnections(): void {
    if (this.#clusterLimiter.running > 0) {
      this.#closeWhenIdle = true;
      return;
    }

    this.#closeWhenIdle = false;
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.then(
      options => (options.agent as https.Agent | undefined)?.destroy(),
      () => undefined,
    );
  }

  /** Runs a request in a slot of the cluster, then carries out a close requested meanwhile. */
  async #inClusterSlot<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await this.#clusterLimiter.run(request);
    } finally {
      if (this.#closeWhenIdle) {
        this.closeConnections();
      }
    }
  }

  /**
   * Returns the group versions the API server serves, from `GET /apis`, read
   * at most once a minute. Without it, each custom kind that is not
   * installed costs a 404 for every version tried.
   */
  #servedGroupVersions(): Promise<Set<string> | undefined> {
    const now = Date.now();
    if (!this.#discovery || now - this.#discovery.at >= DISCOVERY_MAX_AGE_MS) {
      this.#discovery = {
        at: now,
        groupVersions: this.#inClusterSlot(() => this.#discover()),
      };
    }
    return this.#discovery.groupVersions;
  }

  async #discover(): Promise<Set<string> | undefined> {
    const outcome = await runRead<Set<string>>(
      this.#discoveryPolicy,
      async signal => {
        let result: HttpResult;
        try {
          const options = await this.#requestOptions(signal);
          result = await get(
            new URL(`${this.#cluster.url}/apis`),
            options,
            'application/json',
            signal,
          );
        } catch (error) {
          return fail('network-error', (error as Error).message);
        }
        if (result.status !== 200) {
          return this.#failure('/apis', result);
        }

        let groupList: unknown;
        try {
          groupList = JSON.parse(result.body);
        } catch {
          groupList = undefined;
        }
        const groupVersions = new Set<string>();
        for (const group of objectsAt(groupList, 'groups')) {
          for (const version of objectsAt(group, 'versions')) {
            if (typeof version.groupVersion === 'string') {
              groupVersions.add(version.groupVersion);
            }
          }
        }
        return groupVersions.size > 0
          ? { ok: true, value: groupVersions }
          : fail('invalid-response', 'GET /apis returned no API groups');
      },
    );
    return outcome.ok ? outcome.value : undefined;
  }

  async #listAllPages(
    path: string,
    query: { fieldSelector?: string; metadataOnly?: boolean },
    signal: AbortSignal,
  ): Promise<AttemptOutcome<KubernetesList>> {
    let options: https.RequestOptions;
    try {
      options = await this.#requestOptions(signal);
    } catch (error) {
      return {
        ok: false,
        reason: 'credential-failed',
        message:
          error instanceof CredentialFailedError
            ? error.message
            : `The credentials for cluster ${this.#clusterName()} could not be applied: ${
                (error as Error).message
              }`,
        retry: false,
      };
    }

    const objects: KubernetesResource[] = [];
    let continueToken: string | undefined;
    do {
      const url = new URL(`${this.#cluster.url}${path}`);
      url.searchParams.set('limit', String(PAGE_SIZE));
      if (query.fieldSelector) {
        url.searchParams.set('fieldSelector', query.fieldSelector);
      }
      if (continueToken) {
        url.searchParams.set('continue', continueToken);
      }

      let result: HttpResult;
      try {
        result = await get(
          url,
          options,
          query.metadataOnly ? METADATA_ONLY_ACCEPT : 'application/json',
          signal,
        );
      } catch (error) {
        return {
          ok: false,
          reason: 'network-error',
          message: `GET ${path} on cluster ${this.#clusterName()} failed: ${
            (error as Error).message
          }`,
          retry: true,
        };
      }
      if (result.status !== 200) {
        return this.#failure(path, result);
      }

      let list: unknown;
      try {
        list = JSON.parse(result.body);
      } catch {
        list = undefined;
      }
      if (!isJsonObject(list) || !Array.isArray(list.items)) {
        return {
          ok: false,
          reason: 'invalid-response',
          message: `GET ${path} on cluster ${this.#clusterName()} returned no Kubernetes list`,
          retry: false,
        };
      }
      // Metadata alone would pass for objects without the fields the checks read.
      if (!query.metadataOnly && list.kind === 'PartialObjectMetadataList') {
        return {
          ok: false,
          reason: 'invalid-response',
          message: `GET ${path} on cluster ${this.#clusterName()} returned the metadata of the objects only, where whole objects were requested`,
          retry: false,
        };
      }
      objects.push(
        ...kubernetesObjects(list, {
          source: 'kubernetes',
          location: `${this.#cluster.url}${path}`,
          readAt: new Date().toISOString(),
        }),
      );
      continueToken = continueOf(list);
    } while (continueToken);

    return { ok: true, value: { objects, notInstalled: false } };
  }

  /**
   * Returns the TLS options, built through client-node, with the bearer
   * token header of the current token. A new token changes only the header,
   * so requests in flight keep their connections.
   */
  async #requestOptions(signal: AbortSignal): Promise<https.RequestOptions> {
    const token = await this.#token();
    // An attempt that timed out while it waited for the token has left its
    // cluster slot, so it must not open a connection after a close.
    signal.throwIfAborted();
    if (!this.#connection) {
      const building = this.#buildRequestOptions();
      this.#connection = building;
      // A failed build is tried again by the next request.
      building.catch(() => {
        if (this.#connection === building) {
          this.#connection = undefined;
        }
      });
    }

    const options = await this.#connection;
    return {
      ...options,
      headers: { ...options.headers, Authorization: `Bearer ${token}` },
    };
  }

  async #buildRequestOptions(): Promise<https.RequestOptions> {
    // Config allows http only on loopback hosts, such as kubectl proxy.
    // client-node rejects an http server unless TLS verification is off,
    // which changes nothing there, because there is no TLS to verify.
    const plainHttp = this.#cluster.url.startsWith('http:');
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: 'cluster',
          server: this.#cluster.url,
          caData: this.#cluster.caData,
          skipTLSVerify: this.#cluster.skipTLSVerify || plainHttp,
        },
      ],
      // The token header is set per request, so the options contain no token.
      users: [{ name: 'reader' }],
      contexts: [{ name: 'reader', cluster: 'cluster', user: 'reader' }],
      currentContext: 'reader',
    });

    const options: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(options);
    if (plainHttp) {
      delete options.agent;
      return options;
    }

    // client-node's agent opens a new TLS connection for every request, and
    // a TLS handshake costs the backend more CPU than a list of one
    // namespace, so an agent that keeps connections alive replaces it. One
    // secure context serves every connection: given the CA instead, each new
    // connection parses it again.
    options.agent = new https.Agent({
      keepAlive: true,
      secureContext: tls.createSecureContext({
        ca: options.ca,
        cert: options.cert,
        key: options.key,
      }),
      rejectUnauthorized: options.rejectUnauthorized,
      servername: options.servername,
    });
    return options;
  }

  async #token(): Promise<string> {
    if (this.#cluster.authProvider === 'serviceAccount') {
      return this.#cluster.serviceAccountToken!;
    }

    // An AKS cluster with Entra ID integration accepts an Entra ID token for
    // the AKS server application, from the credential of its subscription.
    const subscriptionId = parseArmId(this.#cluster.clusterId)!.subscriptionId;
    const { credential } = this.#credentials.forSubscription(subscriptionId);
    const accessToken = await credential.getToken(
      `${AKS_SERVER_APPLICATION_ID}/.default`,
    );
    if (!accessToken) {
      throw new CredentialFailedError(
        `The credential of subscription ${subscriptionId} returned no token for cluster ${this.#clusterName()}`,
      );
    }
    return accessToken.token;
  }

  #failure(path: string, result: HttpResult): FailedAttempt {
    const detail = `The Kubernetes API of cluster ${this.#clusterName()} returned ${
      result.status
    } for GET ${path}${statusMessage(result.body)}`;
    const headers = {
      get: (name: string) => {
        const value = result.headers[name.toLowerCase()];
        return Array.isArray(value) ? value[0] : value;
      },
    };

    if (result.status === 401) {
      return fail('credential-failed', detail);
    }
    if (result.status === 403) {
      return fail('forbidden', detail);
    }
    if (result.status === 404) {
      return fail('not-found', detail);
    }
    const retryAfterMs = retryAfter(headers);
    if (result.status === 429) {
      return { ...fail('throttled', detail), retry: true, retryAfterMs };
    }
    if (result.status === 408) {
      return { ...fail('timeout', detail), retry: true, retryAfterMs };
    }
    if (result.status >= 500) {
      return { ...fail('server-error', detail), retry: true, retryAfterMs };
    }
    return fail('request-failed', detail);
  }

  #clusterName(): string {
    return (
      parseArmId(this.#cluster.clusterId)?.names[0] ?? this.#cluster.clusterId
    );
  }
}

function fail(reason: string, message: string): FailedAttempt {
  const text = message.replace(/\s+/g, ' ').trim();
  return {
    ok: false,
    reason,
    message:
      text.length > MAX_MESSAGE_LENGTH
        ? `${text.slice(0, MAX_MESSAGE_LENGTH)}...`
        : text,
    retry: false,
  };
}

/** Returns `: <message>` of a Kubernetes `Status` body, or nothing. */
function statusMessage(body: string): string {
  try {
    const status = JSON.parse(body);
    return typeof status?.message === 'string' ? `: ${status.message}` : '';
  } catch {
    return '';
  }
}

function continueOf(list: JsonObject): string | undefined {
  const metadata = list.metadata;
  const token = isJsonObject(metadata) ? metadata.continue : undefined;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

function get(
  url: URL,
  options: https.RequestOptions,
  accept: string,
  signal: AbortSignal,
): Promise<HttpResult> {
  // In a test on Node 24, a request whose signal was already aborted still
  // took a socket from the agent, which left a new idle connection behind.
  if (signal.aborted) {
    return Promise.reject(signal.reason);
  }

  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        ...options,
        method: 'GET',
        headers: { ...options.headers, Accept: accept },
        signal,
      },
      response => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            request.destroy(
              new Error(`the response is larger than ${MAX_BODY_BYTES} bytes`),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

import fs from 'fs';
import http from 'http';
import https from 'https';
import { AddressInfo } from 'net';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { groupBy } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { managedFieldsOf } from './managedFields';

type KubernetesObject = Record<string, any>;

/** A list request the fake API server received. */
export interface KubernetesRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  accept?: string;
}

/** Replaces the response to a request; `undefined` lets the fake respond as usual. */
export type KubernetesOverride = (
  request: KubernetesRequest,
) => { status: number; body: unknown } | undefined;

const KINDS_BY_PLURAL: Record<string, string> = {
  namespaces: 'Namespace',
  services: 'Service',
  configmaps: 'ConfigMap',
  pods: 'Pod',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
  cronjobs: 'CronJob',
  ingresses: 'Ingress',
  ingressroutes: 'IngressRoute',
  ingressroutetcps: 'IngressRouteTCP',
  ingressclasses: 'IngressClass',
  networkpolicies: 'NetworkPolicy',
  secretproviderclasses: 'SecretProviderClass',
  gateways: 'Gateway',
  gatewayclasses: 'GatewayClass',
  httproutes: 'HTTPRoute',
  grpcroutes: 'GRPCRoute',
  tlsoptions: 'TLSOption',
  secrets: 'Secret',
};

/** The protocol and response delay of a fake API server. */
export interface FakeKubernetesApiOptions {
  /** The TLS key and certificate, PEM, to serve HTTPS instead of HTTP. */
  tls?: { key: string; cert: string };
  /** The delay before each response, in milliseconds; none by default. */
  latencyMs?: number;
}

/** The kinds that belong to no namespace, by plural. */
const CLUSTER_SCOPED_PLURALS = [
  'namespaces',
  'ingressclasses',
  'gatewayclasses',
];

/** The group versions every API server serves. */
const BUILT_IN_GROUP_VERSIONS = [
  'v1',
  'apps/v1',
  'batch/v1',
  'networking.k8s.io/v1',
];

/**
 * A Kubernetes API server on a loopback port that serves list requests
 * the way a real one does: typed lists whose items carry no `kind` or
 * `apiVersion` for built-in kinds but carry `metadata.managedFields`,
 * `limit` and `continue` paging, a `metadata.name` field selector, lists of
 * metadata alone when the `Accept` header requests a
 * `PartialObjectMetadataList`, `Status` bodies for 401, 403 and 404, and 404
 * for the group versions of custom resources that are not installed.
 */
export class FakeKubernetesApi {
  readonly requests: KubernetesRequest[] = [];
  /** The custom resource group versions served, such as `traefik.io/v1alpha1`. */
  readonly installed = new Set<string>(['secrets-store.csi.x-k8s.io/v1']);
  /** The bearer token the server accepts. */
  token = 'kubernetes-reader-token';
  readonly #objects: KubernetesObject[] = [];
  readonly #overrides: KubernetesOverride[] = [];
  readonly #server: http.Server;
  readonly #latencyMs: number;

  private constructor(options: FakeKubernetesApiOptions) {
    const answer: http.RequestListener = (request, response) =>
      this.#answer(request, response);
    this.#server = options.tls
      ? https.createServer(options.tls, answer)
      : http.createServer(answer);
    this.#latencyMs = options.latencyMs ?? 0;
    // Idle connections stay open until the client closes them, so that
    // tests of the client's closing do not depend on the server's timeout.
    this.#server.keepAliveTimeout = 0;
  }

  /** Starts a fake API server on a free loopback port. */
  static async start(
    options: FakeKubernetesApiOptions = {},
  ): Promise<FakeKubernetesApi> {
    const api = new FakeKubernetesApi(options);
    await new Promise<void>(resolve =>
      api.#server.listen(0, '127.0.0.1', resolve),
    );
    return api;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    const scheme = this.#server instanceof https.Server ? 'https' : 'http';
    return `${scheme}://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    return new Promise(resolve => this.#server.close(() => resolve()));
  }

  /** Returns the number of client connections open now. */
  openConnections(): Promise<number> {
    return new Promise((resolve, reject) =>
      this.#server.getConnections((error, count) =>
        error ? reject(error) : resolve(count),
      ),
    );
  }

  /**
   * Adds the objects of a snapshot cluster folder (`<namespace>/*.yaml`, as
   * `kubectl get -o yaml` prints them). Objects without a namespace take
   * their folder's name.
   */
  addClusterDirectory(directory: string): this {
    for (const namespace of fs.readdirSync(directory)) {
      const folder = path.join(directory, namespace);
      for (const file of fs
        .readdirSync(folder)
        .filter(name => /\.ya?ml$/.test(name))) {
        const text = fs.readFileSync(path.join(folder, file), 'utf8');
        for (const document of parseAllDocuments(text)) {
          const value = document.toJS() as KubernetesObject | null;
          const objects = value?.kind === 'List' ? value.items : [value];
          for (const object of objects ?? []) {
            this.add(object, namespace);
          }
        }
      }
    }
    return this;
  }

  add(object: KubernetesObject, namespace?: string): this {
    const namespaced = !['Namespace', 'IngressClass', 'GatewayClass'].includes(
      object.kind,
    );
    this.#objects.push({
      ...object,
      metadata: {
        ...object.metadata,
        ...(namespaced && !object.metadata?.namespace && namespace
          ? { namespace }
          : {}),
        // `kubectl get` hides them, so saved objects lack what the API returns.
        managedFields:
          object.metadata?.managedFields ?? managedFieldsOf(object),
      },
    });
    return this;
  }

  override(override: KubernetesOverride): this {
    this.#overrides.push(override);
    return this;
  }

  /**
   * Responds with 403 to lists of namespaced kinds across all namespaces, as for
   * an identity that a RoleBinding lets list them in some namespaces only.
   */
  forbidClusterWideLists(): this {
    return this.override(request => {
      const plural = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)\/([a-z]+)$/.exec(
        request.path,
      )?.[1];
      return plural && !CLUSTER_SCOPED_PLURALS.includes(plural)
        ? {
            status: 403,
            body: status(
              403,
              'Forbidden',
              `${plural} is forbidden: the reader cannot list resource "${plural}" at the cluster scope`,
            ),
          }
        : undefined;
    });
  }

  #answer(request: http.IncomingMessage, response: http.ServerResponse) {
    const url = new URL(request.url ?? '/', this.url);
    const recorded: KubernetesRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      authorization: request.headers.authorization,
      accept: request.headers.accept,
    };
    this.requests.push(recorded);

    const send = (code: number, body: unknown) => {
      const text = JSON.stringify(body);
      const respond = () => {
        response.writeHead(code, { 'Content-Type': 'application/json' });
        response.end(text);
      };
      if (this.#latencyMs > 0) {
        setTimeout(respond, this.#latencyMs);
      } else {
        respond();
      }
    };

    if (request.headers.authorization !== `Bearer ${this.token}`) {
      send(401, status(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    for (const override of this.#overrides) {
      const replaced = override(recorded);
      if (replaced) {
        send(replaced.status, replaced.body);
        return;
      }
    }
    if (request.method !== 'GET') {
      send(
        405,
        status(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        ),
      );
      return;
    }

    if (url.pathname === '/apis') {
      send(200, this.#groupList());
      return;
    }

    const match =
      /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(
        url.pathname,
      );
    const groupVersion = match
      ? match[1] ?? `${match[2]}/${match[3]}`
      : undefined;
    const kind = match ? KINDS_BY_PLURAL[match[5]] : undefined;
    if (
      !match ||
      !kind ||
      !(
        BUILT_IN_GROUP_VERSIONS.includes(groupVersion!) ||
        this.installed.has(groupVersion!)
      )
    ) {
      send(
        404,
        status(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      );
      return;
    }

    const group = groupVersion!.includes('/')
      ? groupVersion!.split('/')[0]
      : '';
    const namespace = match[4];
    const nameSelector = /^metadata\.name=(.+)$/.exec(
      url.searchParams.get('fieldSelector') ?? '',
    )?.[1];
    const items = this.#objects.filter(
      object =>
        object.kind === kind &&
        groupOf(object.apiVersion) === group &&
        (namespace === undefined || object.metadata.namespace === namespace) &&
        (nameSelector === undefined || object.metadata.name === nameSelector),
    );

    const start = Number(url.searchParams.get('continue') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? items.length);
    const page = items.slice(start, start + limit);
    const custom = !BUILT_IN_GROUP_VERSIONS.includes(groupVersion!);
    const listMetadata = {
      resourceVersion: '48213',
      ...(start + limit < items.length
        ? { continue: String(start + limit) }
        : {}),
    };
    if (
      (request.headers.accept ?? '').startsWith(
        'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
      )
    ) {
      send(200, {
        kind: 'PartialObjectMetadataList',
        apiVersion: 'meta.k8s.io/v1',
        metadata: listMetadata,
        items: page.map(object => ({
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: object.metadata,
        })),
      });
      return;
    }
    send(200, {
      kind: `${kind}List`,
      apiVersion: groupVersion,
      metadata: listMetadata,
      items: page.map(object => {
        if (custom) {
          return { ...object, apiVersion: groupVersion };
        }
        const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
        return rest;
      }),
    });
  }

  /** The `APIGroupList` of `GET /apis`: the named groups and their served versions. */
  #groupList() {
    const byGroup = groupBy(
      [...BUILT_IN_GROUP_VERSIONS, ...this.installed].filter(groupVersion =>
        groupVersion.includes('/'),
      ),
      groupVersion => groupVersion.split('/')[0],
    );
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...byGroup].map(([name, groupVersions]) => {
        const versions = groupVersions.map(groupVersion => ({
          groupVersion,
          version: groupVersion.split('/')[1],
        }));
        return { name, versions, preferredVersion: versions[0] };
      }),
    };
  }
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Builds a Kubernetes `Status` body. */
export function status(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details: {},
    code,
  };
}

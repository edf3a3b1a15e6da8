import https from 'https';
import { AddressInfo } from 'net';
import { JsonObject } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { ArmFleet } from './generateArmFleet';

/** The emulator's timing and throttling. */
export interface EmulatorOptions {
  /** The delay before every ARM, Resource Graph and token response, in milliseconds. */
  latencyMs: number;
  /** The sustained ARM request rate, per second, past which requests get 429. */
  rateLimitPerSecond: number;
  /** The requests allowed at once before the rate limit applies (token bucket size). */
  burst: number;
  /** The maximum rows of one Resource Graph page. */
  resourceGraphPageSize: number;
  /** The TLS key and certificate, PEM, for 127.0.0.1. */
  tls: { key: string; cert: string };
}

/** The emulator's request counts since the last reset. */
export interface EmulatorStats {
  /** ARM and Resource Graph requests, throttled ones included. */
  requests: number;
  /** Requests that got 429. */
  throttled: number;
  /** The sum of the `Retry-After` values sent, in seconds. */
  retryAfterSeconds: number;
  /** Requests that got 200, by `METHOD path` (path in lower case, without the query). */
  successesByPath: Record<string, number>;
  tokenRequests: number;
  /** The time of the first and the last ARM request, in ms since the epoch. */
  firstRequestAt?: number;
  lastRequestAt?: number;
}

const RESOURCE_GRAPH_PATH = '/providers/microsoft.resourcegraph/resources';

/**
 * Serves a synthetic fleet over HTTPS on 127.0.0.1 the way Azure Resource
 * Manager, Azure Resource Graph and the Microsoft Entra ID token endpoint
 * do, so the Azure SDK clients run against it unmodified. Every response
 * waits `latencyMs`. ARM requests past a token bucket of `burst` requests,
 * refilled at `rateLimitPerSecond`, get 429 with `Retry-After`.
 */
export class ArmEmulator {
  readonly #fleet: ArmFleet;
  readonly #options: EmulatorOptions;
  #server: https.Server | undefined;
  #tokens: number;
  #refilledAt = Date.now();
  #stats: EmulatorStats = emptyStats();

  constructor(fleet: ArmFleet, options: EmulatorOptions) {
    this.#fleet = fleet;
    this.#options = options;
    this.#tokens = options.burst;
  }

  async start(): Promise<string> {
    const server = https.createServer(
      this.#options.tls,
      (request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', chunk => chunks.push(chunk));
        request.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          setTimeout(
            () =>
              this.#respond(
                request.method ?? 'GET',
                request.url ?? '/',
                body,
                response,
              ),
            this.#options.latencyMs,
          );
        });
      },
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.#server?.close(resolve));
  }

  stats(): EmulatorStats {
    return this.#stats;
  }

  resetStats(): void {
    this.#stats = emptyStats();
    this.#tokens = this.#options.burst;
    this.#refilledAt = Date.now();
  }

  #respond(
    method: string,
    url: string,
    body: string,
    response: import('http').ServerResponse,
  ) {
    const parsed = new URL(url, 'https://127.0.0.1');
    const path = parsed.pathname.replace(/\/+$/, '').toLowerCase();

    if (
      method === 'GET' &&
      path.endsWith('/v2.0/.well-known/openid-configuration')
    ) {
      const base = `https://127.0.0.1:${
        (this.#server!.address() as AddressInfo).port
      }/${path.split('/')[1]}`;
      send(response, 200, openIdConfiguration(base));
      return;
    }
    if (method === 'POST' && path.endsWith('/oauth2/v2.0/token')) {
      this.#stats.tokenRequests += 1;
      send(response, 200, {
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: `emulator-token-${this.#stats.tokenRequests}`,
      });
      return;
    }

    const now = Date.now();
    this.#stats.requests += 1;
    this.#stats.firstRequestAt ??= now;
    this.#stats.lastRequestAt = now;

    const retryAfter = this.#throttle(now);
    if (retryAfter !== undefined) {
      this.#stats.throttled += 1;
      this.#stats.retryAfterSeconds += retryAfter;
      send(
        response,
        429,
        armError('TooManyRequests', 'The request is being throttled.'),
        { 'Retry-After': String(retryAfter) },
      );
      return;
    }

    const key = `${method} ${path}`;
    const answer =
      method === 'POST' && path === RESOURCE_GRAPH_PATH
        ? this.#queryResourceGraph(body)
        : method === 'GET'
        ? this.#get(path)
        : {
            status: 405,
            body: armError('MethodNotAllowed', `${method} is not supported`),
          };
    if (answer.status === 200) {
      this.#stats.successesByPath[key] =
        (this.#stats.successesByPath[key] ?? 0) + 1;
    }
    send(response, answer.status, answer.body);
  }

  /** Takes a token from the bucket; returns the `Retry-After` seconds when it is empty. */
  #throttle(now: number): number | undefined {
    const { rateLimitPerSecond, burst } = this.#options;
    this.#tokens = Math.min(
      burst,
      this.#tokens + ((now - this.#refilledAt) / 1000) * rateLimitPerSecond,
    );
    this.#refilledAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return undefined;
    }
    // ARM sends whole seconds; the wait until one token is back, rounded up.
    return Math.max(1, Math.ceil((1 - this.#tokens) / rateLimitPerSecond));
  }

  #get(path: string): { status: number; body: unknown } {
    if (path.endsWith('/rulecollectiongroups')) {
      const policyId = path.slice(0, -'/rulecollectiongroups'.length);
      if (!this.#fleet.resources.has(policyId)) {
        return notFound(policyId);
      }
      return {
        status: 200,
        body: { value: this.#fleet.ruleCollectionGroups.get(policyId) ?? [] },
      };
    }
    const resource = this.#fleet.resources.get(path);
    return resource ? { status: 200, body: resource } : notFound(path);
  }

  /** Runs a Resource Graph `resources` query with the fleet's vaults and firewalls, paged by `$skipToken`. */
  #queryResourceGraph(text: string): { status: number; body: unknown } {
    let request: JsonObject;
    try {
      request = JSON.parse(text);
    } catch {
      return {
        status: 400,
        body: armError('BadRequest', 'The request body is not JSON'),
      };
    }
    const subscriptions = new Set(
      ((request.subscriptions as string[]) ?? []).map(id => id.toLowerCase()),
    );
    const options = (request.options ?? {}) as JsonObject;
    const top = Math.min(
      Number(options.$top ?? 1000),
      this.#options.resourceGraphPageSize,
    );
    const offset = options.$skipToken
      ? Number(
          Buffer.from(String(options.$skipToken), 'base64').toString('utf8'),
        )
      : 0;

    const rows = this.#fleet.resourceGraphRows.filter(row =>
      subscriptions.has(String(row.id).split('/')[2].toLowerCase()),
    );
    const page = rows.slice(offset, offset + top);
    const next = offset + top < rows.length ? offset + top : undefined;
    return {
      status: 200,
      body: {
        totalRecords: rows.length,
        count: page.length,
        resultTruncated: 'false',
        ...(next !== undefined
          ? { $skipToken: Buffer.from(String(next)).toString('base64') }
          : {}),
        data: page,
        facets: [],
      },
    };
  }
}

function emptyStats(): EmulatorStats {
  return {
    requests: 0,
    throttled: 0,
    retryAfterSeconds: 0,
    successesByPath: {},
    tokenRequests: 0,
  };
}

function send(
  response: import('http').ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'x-ms-request-id': `emulator-${Date.now()}`,
    ...headers,
  });
  response.end(text);
}

function armError(code: string, message: string) {
  return { error: { code, message } };
}

function notFound(path: string) {
  return {
    status: 404,
    body: armError('ResourceNotFound', `The Resource '${path}' was not found.`),
  };
}

function openIdConfiguration(base: string) {
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
  };
}

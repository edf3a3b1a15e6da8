import fs from 'fs';
import path from 'path';
import { http, HttpResponse } from 'msw';

/**
 * The Azure Resource Manager endpoint of the tests. It is a loopback
 * address, so a request that msw failed to intercept could not leave the
 * machine.
 */
export const MOCK_ARM_ENDPOINT = 'https://127.0.0.1:9443';

/** The demo snapshot that the app shows without an Azure account. */
export const DEMO_SNAPSHOT_DIR = path.resolve(
  __dirname,
  '../../../../examples/snapshot',
);

type JsonBody = Record<string, any>;

/** A request the fake received. */
export interface ArmRequest {
  method: string;
  /** The path in lower case, without the query. */
  path: string;
  apiVersion: string | null;
  authorization: string | null;
  /** The `$skipToken` of a list or Resource Graph page, when there was one. */
  skipToken?: string;
  /** The time the request arrived, from `Date.now()`. */
  at: number;
}

/**
 * Replaces the response to requests for one path. Returning `undefined` lets
 * the fake respond as usual. `attempt` counts the requests for the path,
 * from 1.
 */
export type ArmOverride = (
  attempt: number,
) => Response | undefined | Promise<Response | undefined>;

/**
 * A fake Azure Resource Manager for msw: it serves resource GETs from the
 * wire bodies it stores, lists a firewall policy's rule collection groups
 * page by page with `nextLink`, and serves the fleet discovery query of
 * Azure Resource Graph page by page with `$skipToken`. Error responses have
 * the bodies ARM returns. Every request is recorded.
 */
export class FakeArm {
  readonly requests: ArmRequest[] = [];
  readonly #resources = new Map<string, JsonBody>();
  readonly #overrides = new Map<string, ArmOverride>();
  readonly #attempts = new Map<string, number>();
  /** Items per page of a rule collection group list. */
  listPageSize = 10;
  /** Rows per page of a Resource Graph query, below its own `$top`. */
  resourceGraphPageSize = 1000;
  /** The host of the `nextLink` URLs of list pages. */
  nextLinkOrigin = MOCK_ARM_ENDPOINT;

  /** Adds every ARM JSON file under a directory, such as the demo snapshot's `azure/`. */
  addDirectory(directory: string): this {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        this.addDirectory(file);
      } else if (entry.name.endsWith('.json')) {
        this.add(JSON.parse(fs.readFileSync(file, 'utf8')));
      }
    }
    return this;
  }

  add(body: JsonBody): this {
    this.#resources.set(String(body.id).toLowerCase(), body);
    return this;
  }

  remove(id: string): this {
    this.#resources.delete(id.toLowerCase());
    return this;
  }

  get(id: string): JsonBody | undefined {
    return this.#resources.get(id.toLowerCase());
  }

  /** Responds to requests for a path (an ARM id, or a list path) with `override` first. */
  override(pathOrId: string, override: ArmOverride): this {
    this.#overrides.set(pathOrId.toLowerCase(), override);
    return this;
  }

  /** The requests for one path, or for the Resource Graph when given `resourceGraph`. */
  requestsFor(pathOrId: string): ArmRequest[] {
    const wanted = pathOrId.toLowerCase();
    return this.requests.filter(request => request.path === wanted);
  }

  handlers() {
    return [
      http.get(`${MOCK_ARM_ENDPOINT}/subscriptions/*`, ({ request }) =>
        this.#answer(request, () => this.#getOrList(request)),
      ),
      http.post(
        `${MOCK_ARM_ENDPOINT}/providers/Microsoft.ResourceGraph/resources`,
        ({ request }) =>
          this.#answer(request, () => this.#queryResourceGraph(request)),
      ),
    ];
  }

  async #answer(
    request: Request,
    answer: () => Response | Promise<Response>,
  ): Promise<Response> {
    const url = new URL(request.url);
    const key = url.pathname.toLowerCase();
    const body =
      request.method === 'POST' ? await request.clone().json() : undefined;
    this.requests.push({
      method: request.method,
      path: key,
      apiVersion: url.searchParams.get('api-version'),
      authorization: request.headers.get('authorization'),
      skipToken:
        url.searchParams.get('$skipToken') ??
        body?.options?.$skipToken ??
        undefined,
      at: Date.now(),
    });

    if (!request.headers.get('authorization')?.startsWith('Bearer ')) {
      return armError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
      );
    }

    const attempt = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.set(key, attempt);
    const override = this.#overrides.get(key);
    const replaced = override ? await override(attempt) : undefined;
    return replaced ?? answer();
  }

  #getOrList(request: Request): Response {
    const url = new URL(request.url);
    const requestPath = url.pathname.replace(/\/+$/, '');

    if (/\/firewallPolicies\/[^/]+\/ruleCollectionGroups$/i.test(requestPath)) {
      const prefix = `${requestPath.toLowerCase()}/`;
      const groups = [...this.#resources.entries()]
        .filter(([id]) => id.startsWith(prefix))
        .map(([, body]) => body);
      const start = Number(url.searchParams.get('$skipToken') ?? 0);
      const end = start + this.listPageSize;
      return HttpResponse.json({
        value: groups.slice(start, end),
        ...(end < groups.length
          ? {
              nextLink: `${
                this.nextLinkOrigin
              }${requestPath}?api-version=${url.searchParams.get(
                'api-version',
              )}&$skipToken=${end}`,
            }
          : {}),
      });
    }

    const body = this.#resources.get(requestPath.toLowerCase());
    if (!body) {
      const [, , , , resourceGroup, , provider, ...typeAndName] =
        requestPath.split('/');
      return armError(
        404,
        'ResourceNotFound',
        `The Resource '${provider}/${typeAndName.join(
          '/',
        )}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFound`,
      );
    }
    return HttpResponse.json(body);
  }

  async #queryResourceGraph(request: Request): Promise<Response> {
    const query = await request.json();
    if (
      !/microsoft\.keyvault\/vaults/.test(query.query) ||
      !/microsoft\.network\/azurefirewalls/.test(query.query)
    ) {
      return armError(
        400,
        'BadRequest',
        'The fake only answers the discovery query.',
      );
    }

    const subscriptions = new Set(
      (query.subscriptions as string[]).map(id => id.toLowerCase()),
    );
    const rows = [...this.#resources.values()]
      .filter(body =>
        /\/providers\/(microsoft\.keyvault\/vaults|microsoft\.network\/azurefirewalls)\//i.test(
          body.id,
        ),
      )
      .filter(body =>
        subscriptions.has(String(body.id).split('/')[2].toLowerCase()),
      )
      .map(body => ({
        id: body.id,
        name: body.name,
        type: String(body.type).toLowerCase(),
        ipConfigurations: body.properties?.ipConfigurations ?? null,
        hubIPAddresses: body.properties?.hubIPAddresses ?? null,
      }));

    const start = Number(query.options?.$skipToken ?? 0);
    const pageSize = Math.min(
      this.resourceGraphPageSize,
      query.options?.$top ?? 1000,
    );
    const page = rows.slice(start, start + pageSize);
    const next = start + pageSize < rows.length ? start + pageSize : undefined;
    return HttpResponse.json({
      totalRecords: rows.length,
      count: page.length,
      data: page,
      facets: [],
      resultTruncated: 'false',
      ...(next !== undefined ? { $skipToken: String(next) } : {}),
    });
  }
}

/** An ARM error response: `{ "error": { "code", "message" } }`. */
export function armError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(
    { error: { code, message } },
    {
      status,
      headers,
    },
  );
}

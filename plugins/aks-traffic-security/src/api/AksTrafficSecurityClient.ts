import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CheckCatalogResponse,
  EntityAssessmentResponse,
  EntityHistoryResponse,
  EntityRefreshResponse,
  FleetResponse,
  FleetTrendResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { z } from 'zod';
import { AksTrafficSecurityApi } from './AksTrafficSecurityApi';
import {
  checkCatalogResponseSchema,
  entityAssessmentResponseSchema,
  entityHistoryResponseSchema,
  entityRefreshResponseSchema,
  fleetResponseSchema,
  fleetTrendResponseSchema,
} from './responseSchemas';
import { FleetExport, FleetExportFormat, FleetQuery } from './types';

/** The number of invalid fields an error message names before it counts the rest. */
const MAX_LISTED_ISSUES = 3;

/**
 * The default {@link AksTrafficSecurityApi}, which calls the backend under
 * `/api/aks-traffic-security` with the user's credentials.
 *
 * @public
 */
export class AksTrafficSecurityClient implements AksTrafficSecurityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityAssessment(
    entityRef: CompoundEntityRef,
  ): Promise<EntityAssessmentResponse | undefined> {
    const response = await this.request(`${entityPath(entityRef)}/assessment`);

    // The backend returns 404 until the first refresh has assessed the entity.
    if (response.status === 404) {
      return undefined;
    }

    return this.readJson(response, entityAssessmentResponseSchema);
  }

  async getEntityHistory(
    entityRef: CompoundEntityRef,
    page: { limit?: number; offset?: number } = {},
  ): Promise<EntityHistoryResponse> {
    const params = new URLSearchParams();
    setNumber(params, 'limit', page.limit);
    setNumber(params, 'offset', page.offset);

    const response = await this.request(
      `${entityPath(entityRef)}/history${queryString(params)}`,
    );
    return this.readJson(response, entityHistoryResponseSchema);
  }

  async refreshEntityAssessment(
    entityRef: CompoundEntityRef,
  ): Promise<EntityRefreshResponse> {
    const response = await this.request(`${entityPath(entityRef)}/refresh`, {
      method: 'POST',
    });
    return this.readJson(response, entityRefreshResponseSchema);
  }

  async getFleet(
    query: FleetQuery & { limit?: number; offset?: number },
  ): Promise<FleetResponse> {
    const params = fleetParams(query);
    setNumber(params, 'limit', query.limit);
    setNumber(params, 'offset', query.offset);

    const response = await this.request(`/fleet${queryString(params)}`);
    return this.readJson(response, fleetResponseSchema);
  }

  async getFleetTrend(
    query: FleetQuery & { days?: number },
  ): Promise<FleetTrendResponse | undefined> {
    // The trend has no order, and the backend rejects parameters it does not read.
    const { sort: _sort, order: _order, ...filter } = query;
    const params = fleetParams(filter);
    setNumber(params, 'days', query.days);

    // Backends without a trend endpoint return 404, so the page explains
    // that no trend is available instead of failing.
    const response = await this.request(`/fleet/trend${queryString(params)}`);
    if (response.status === 404) {
      return undefined;
    }

    return this.readJson(response, fleetTrendResponseSchema);
  }

  async exportFleet(
    query: FleetQuery,
    format: FleetExportFormat,
  ): Promise<FleetExport> {
    const params = fleetParams(query);
    params.set('format', format);

    const response = await this.request(`/fleet/export${queryString(params)}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }

    return {
      fileName:
        fileNameFromDisposition(response.headers.get('Content-Disposition')) ??
        `aks-traffic-security-fleet.${format}`,
      content: await response.blob(),
    };
  }

  async getChecks(): Promise<CheckCatalogResponse> {
    const response = await this.request('/checks');
    return this.readJson(response, checkCatalogResponseSchema);
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('aks-traffic-security');
    return this.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  /**
   * Reads a successful response's JSON body and checks it against the
   * schema. Throws a `ResponseError` for an error status, and an error that
   * names the request and the invalid fields for a body that is not JSON or
   * does not match.
   */
  private async readJson<T>(
    response: Response,
    schema: z.ZodType<T, unknown>,
  ): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }

    const request = describeRequest(response);
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new Error(
        `Invalid response from the backend to ${request}: the body is not JSON (${error})`,
      );
    }

    const result = schema.safeParse(body);
    if (!result.success) {
      throw new Error(
        `Invalid response from the backend to ${request}: ${describeIssues(
          result.error.issues,
        )}`,
      );
    }
    return result.data;
  }
}

/** Returns the path of the response's request, such as `/api/aks-traffic-security/fleet`. */
function describeRequest(response: Response): string {
  try {
    return new URL(response.url).pathname;
  } catch {
    return 'a request';
  }
}

/**
 * Describes the first invalid fields with their paths, such as
 * `assessment: Invalid input: expected object, received null`.
 */
function describeIssues(issues: z.core.$ZodIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map(issue => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length - listed.length;
  return more > 0
    ? `${listed.join('; ')}; and ${more} more invalid fields`
    : listed.join('; ');
}

function entityPath(entityRef: CompoundEntityRef): string {
  const segments = [entityRef.kind, entityRef.namespace, entityRef.name].map(
    segment => encodeURIComponent(segment.toLocaleLowerCase('en-US')),
  );
  return `/entities/${segments.join('/')}`;
}

function fleetParams(query: FleetQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const owner of query.owner ?? []) {
    params.append('owner', owner);
  }
  for (const system of query.system ?? []) {
    params.append('system', system);
  }
  for (const verdict of query.verdict ?? []) {
    params.append('verdict', verdict);
  }
  if (query.cluster) {
    params.set('cluster', query.cluster);
  }
  if (query.flow) {
    params.set('flow', query.flow);
  }
  if (query.severity) {
    params.set('severity', query.severity);
  }
  if (query.sort) {
    params.set('sort', query.sort);
  }
  if (query.order) {
    params.set('order', query.order);
  }
  return params;
}

function setNumber(
  params: URLSearchParams,
  name: string,
  value: number | undefined,
): void {
  if (value !== undefined) {
    params.set(name, String(value));
  }
}

function queryString(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Reads the file name of an `attachment; filename="x.csv"` header. */
function fileNameFromDisposition(header: string | null): string | undefined {
  const match = header?.match(/filename="?([^";]+)"?/i);
  return match?.[1];
}

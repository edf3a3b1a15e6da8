import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CheckCatalogResponse,
  EntityAssessmentResponse,
  EntityRefreshResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AksTrafficSecurityApi } from './AksTrafficSecurityApi';

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

    return this.readJson(response);
  }

  async refreshEntityAssessment(
    entityRef: CompoundEntityRef,
  ): Promise<EntityRefreshResponse> {
    const response = await this.request(`${entityPath(entityRef)}/refresh`, {
      method: 'POST',
    });
    return this.readJson(response);
  }

  async getChecks(): Promise<CheckCatalogResponse> {
    const response = await this.request('/checks');
    return this.readJson(response);
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('aks-traffic-security');
    return this.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  private async readJson<T>(response: Response): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath(entityRef: CompoundEntityRef): string {
  const segments = [entityRef.kind, entityRef.namespace, entityRef.name].map(
    segment => encodeURIComponent(segment.toLocaleLowerCase('en-US')),
  );
  return `/entities/${segments.join('/')}`;
}

import {
  mockApis,
  MockFetchApi,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  assessmentResponse,
  passingChecks,
} from '../__testUtils__/assessments';
import { AksTrafficSecurityClient } from './AksTrafficSecurityClient';

const BASE_URL = 'http://localhost:7007/api/aks-traffic-security';
const ENTITY = {
  kind: 'Component',
  namespace: 'default',
  name: 'shipping-api',
};

describe('AksTrafficSecurityClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new AksTrafficSecurityClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: new MockFetchApi(),
  });

  it('fetches an entity assessment by lower-case reference', async () => {
    const body = assessmentResponse(passingChecks());
    let requestedUrl = '';
    server.use(
      http.get(
        `${BASE_URL}/entities/:kind/:namespace/:name/assessment`,
        ({ request }) => {
          requestedUrl = request.url;
          return HttpResponse.json(body);
        },
      ),
    );

    const response = await client.getEntityAssessment(ENTITY);

    expect(requestedUrl).toBe(
      `${BASE_URL}/entities/component/default/shipping-api/assessment`,
    );
    expect(response).toEqual(body);
  });

  it('returns undefined for no assessment', async () => {
    server.use(
      http.get(`${BASE_URL}/entities/:kind/:namespace/:name/assessment`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No assessment yet' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    await expect(client.getEntityAssessment(ENTITY)).resolves.toBeUndefined();
  });

  it('throws the message of a JSON error', async () => {
    server.use(
      http.get(`${BASE_URL}/entities/:kind/:namespace/:name/assessment`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message:
                "Missing annotation 'aks-traffic-security.io/gateway-id' on entity 'component:default/shipping-api'",
            },
            request: {
              method: 'GET',
              url: '/entities/component/default/shipping-api/assessment',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    const error = await client.getEntityAssessment(ENTITY).catch(e => e);

    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(400);
    expect(error.cause.name).toBe('InputError');
    expect(error.cause.message).toContain(
      "Missing annotation 'aks-traffic-security.io/gateway-id'",
    );
  });

  it('throws a readable non-JSON error', async () => {
    server.use(
      http.get(
        `${BASE_URL}/entities/:kind/:namespace/:name/assessment`,
        () =>
          new HttpResponse(
            'upstream connect error or disconnect/reset before headers',
            {
              status: 503,
              statusText: 'Service Unavailable',
              headers: { 'Content-Type': 'text/plain' },
            },
          ),
      ),
    );

    const error = await client.getEntityAssessment(ENTITY).catch(e => e);

    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(503);
    expect(error.cause.message).toBe(
      'Request failed with status 503 Service Unavailable, upstream connect error or disconnect/reset before headers',
    );
  });

  it('posts a refresh', async () => {
    const body = {
      ...assessmentResponse(passingChecks()),
      refreshedAt: '2026-03-02T09:00:00.000Z',
    };
    let method = '';
    server.use(
      http.post(
        `${BASE_URL}/entities/component/default/shipping-api/refresh`,
        ({ request }) => {
          method = request.method;
          return HttpResponse.json(body);
        },
      ),
    );

    const response = await client.refreshEntityAssessment(ENTITY);

    expect(method).toBe('POST');
    expect(response).toEqual(body);
  });

  it('throws when refresh is forbidden', async () => {
    server.use(
      http.post(
        `${BASE_URL}/entities/component/default/shipping-api/refresh`,
        () =>
          HttpResponse.json(
            {
              error: { name: 'NotAllowedError', message: 'Unauthorized' },
              response: { statusCode: 403 },
            },
            { status: 403 },
          ),
      ),
    );

    const error = await client.refreshEntityAssessment(ENTITY).catch(e => e);

    expect(error.statusCode).toBe(403);
    expect(error.cause.name).toBe('NotAllowedError');
  });

  it('fetches the check catalog', async () => {
    server.use(
      http.get(`${BASE_URL}/checks`, () =>
        HttpResponse.json({
          checks: [
            {
              id: 'mgmt.aks.local-accounts-disabled',
              flow: 'management',
              severity: 'high',
              level: 'baseline',
              title: 'Local accounts are disabled.',
              why: 'The static cluster admin kubeconfig bypasses Entra ID.',
              remediation: 'Set `disableLocalAccounts: true` on the cluster.',
              documentationUrl:
                'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad',
            },
          ],
        }),
      ),
    );

    const response = await client.getChecks();

    expect(response.checks.map(check => check.id)).toEqual([
      'mgmt.aks.local-accounts-disabled',
    ]);
  });
});

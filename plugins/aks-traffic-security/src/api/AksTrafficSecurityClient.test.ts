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
import { fleetResponse } from '../__testUtils__/fleet';
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

  it('fetches a fleet page with its filters', async () => {
    let requestedUrl: URL | undefined;
    server.use(
      http.get(`${BASE_URL}/fleet`, ({ request }) => {
        requestedUrl = new URL(request.url);
        return HttpResponse.json(
          fleetResponse({ items: [], limit: 25, offset: 50 }),
        );
      }),
    );

    const response = await client.getFleet({
      owner: ['group:default/logistics', 'platform'],
      system: ['shipping'],
      cluster: 'aks-shipping',
      flow: 'egress',
      verdict: ['fail', 'unknown'],
      sort: 'verdict',
      order: 'desc',
      limit: 25,
      offset: 50,
    });

    expect(response.total).toBe(0);
    expect(requestedUrl?.searchParams.getAll('owner')).toEqual([
      'group:default/logistics',
      'platform',
    ]);
    expect(requestedUrl?.searchParams.getAll('system')).toEqual(['shipping']);
    expect(requestedUrl?.searchParams.get('cluster')).toBe('aks-shipping');
    expect(requestedUrl?.searchParams.get('flow')).toBe('egress');
    expect(requestedUrl?.searchParams.getAll('verdict')).toEqual([
      'fail',
      'unknown',
    ]);
    expect(requestedUrl?.searchParams.get('sort')).toBe('verdict');
    expect(requestedUrl?.searchParams.get('order')).toBe('desc');
    expect(requestedUrl?.searchParams.get('limit')).toBe('25');
    expect(requestedUrl?.searchParams.get('offset')).toBe('50');
  });

  it('sends no empty fleet parameters', async () => {
    let requestedUrl = '';
    server.use(
      http.get(`${BASE_URL}/fleet`, ({ request }) => {
        requestedUrl = request.url;
        return HttpResponse.json(fleetResponse({ items: [] }));
      }),
    );

    await client.getFleet({});

    expect(requestedUrl).toBe(`${BASE_URL}/fleet`);
  });

  it('downloads the fleet export', async () => {
    const csv =
      'entityRef,title\r\ncomponent:default/shipping-api,Shipping API\r\n';
    let format: string | null = null;
    server.use(
      http.get(`${BASE_URL}/fleet/export`, ({ request }) => {
        format = new URL(request.url).searchParams.get('format');
        return new HttpResponse(csv, {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition':
              'attachment; filename="aks-traffic-security-fleet.csv"',
          },
        });
      }),
    );

    const download = await client.exportFleet({ verdict: ['fail'] }, 'csv');

    expect(format).toBe('csv');
    expect(download.fileName).toBe('aks-traffic-security-fleet.csv');
    expect(await download.content.text()).toBe(csv);
  });

  it('sends no order with the fleet trend', async () => {
    let requestedUrl: URL | undefined;
    server.use(
      http.get(`${BASE_URL}/fleet/trend`, ({ request }) => {
        requestedUrl = new URL(request.url);
        return HttpResponse.json({ points: [] });
      }),
    );

    await client.getFleetTrend({
      owner: ['team-a'],
      sort: 'verdict',
      order: 'desc',
      days: 30,
    });

    expect(requestedUrl?.searchParams.get('owner')).toBe('team-a');
    expect(requestedUrl?.searchParams.get('days')).toBe('30');
    expect(requestedUrl?.searchParams.has('sort')).toBe(false);
    expect(requestedUrl?.searchParams.has('order')).toBe(false);
  });

  it('returns undefined without a trend endpoint', async () => {
    server.use(
      http.get(`${BASE_URL}/fleet/trend`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'Not found' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    await expect(client.getFleetTrend({ days: 30 })).resolves.toBeUndefined();
  });

  it('fetches an entity history page', async () => {
    let requestedUrl = '';
    server.use(
      http.get(
        `${BASE_URL}/entities/component/default/shipping-api/history`,
        ({ request }) => {
          requestedUrl = request.url;
          return HttpResponse.json({
            entityRef: 'component:default/shipping-api',
            items: [],
            total: 0,
            limit: 10,
            offset: 0,
          });
        },
      ),
    );

    const response = await client.getEntityHistory(ENTITY, { limit: 10 });

    expect(requestedUrl).toBe(
      `${BASE_URL}/entities/component/default/shipping-api/history?limit=10`,
    );
    expect(response.entityRef).toBe('component:default/shipping-api');
  });

  it('rejects an assessment body without an assessment', async () => {
    server.use(
      http.get(`${BASE_URL}/entities/:kind/:namespace/:name/assessment`, () =>
        HttpResponse.json({}),
      ),
    );

    await expect(client.getEntityAssessment(ENTITY)).rejects.toThrow(
      'Invalid response from the backend to /api/aks-traffic-security/entities/component/default/shipping-api/assessment: entityRef: Invalid input: expected string, received undefined; assessment: Invalid input: expected object, received undefined; source: Invalid input: expected string, received undefined; and 2 more invalid fields',
    );
  });

  it('rejects a null assessment', async () => {
    const body = { ...assessmentResponse(passingChecks()), assessment: null };
    server.use(
      http.get(`${BASE_URL}/entities/:kind/:namespace/:name/assessment`, () =>
        HttpResponse.json(body),
      ),
    );

    await expect(client.getEntityAssessment(ENTITY)).rejects.toThrow(
      'Invalid response from the backend to /api/aks-traffic-security/entities/component/default/shipping-api/assessment: assessment: Invalid input: expected object, received null',
    );
  });

  it('rejects a body that is not JSON', async () => {
    server.use(
      http.get(
        `${BASE_URL}/entities/:kind/:namespace/:name/assessment`,
        () =>
          new HttpResponse('<html>Sign in</html>', {
            headers: { 'Content-Type': 'text/html' },
          }),
      ),
    );

    await expect(client.getEntityAssessment(ENTITY)).rejects.toThrow(
      /^Invalid response from the backend to \/api\/aks-traffic-security\/entities\/component\/default\/shipping-api\/assessment: the body is not JSON/,
    );
  });

  it('reads an unrecognised verdict as unknown', async () => {
    const body = assessmentResponse(passingChecks());
    const raw = JSON.parse(JSON.stringify(body));
    raw.assessment.checks[0].verdict = 'error';
    raw.assessment.flows[0].verdict = 'error';
    raw.assessment.counts.error = 2;
    server.use(
      http.get(`${BASE_URL}/entities/:kind/:namespace/:name/assessment`, () =>
        HttpResponse.json(raw),
      ),
    );

    const response = await client.getEntityAssessment(ENTITY);

    expect(response?.assessment.checks[0].verdict).toBe('unknown');
    expect(response?.assessment.flows[0].verdict).toBe('unknown');
    expect(response?.assessment.counts.unknown).toBe(2);
    expect(response?.assessment.counts).not.toHaveProperty('error');
  });

  it('rejects a history body without items', async () => {
    server.use(
      http.get(
        `${BASE_URL}/entities/component/default/shipping-api/history`,
        () =>
          HttpResponse.json({
            entityRef: 'component:default/shipping-api',
            total: 0,
            limit: 10,
            offset: 0,
          }),
      ),
    );

    await expect(client.getEntityHistory(ENTITY)).rejects.toThrow(
      'Invalid response from the backend to /api/aks-traffic-security/entities/component/default/shipping-api/history: items: Invalid input: expected array, received undefined',
    );
  });

  it('rejects a fleet body without counts', async () => {
    server.use(
      http.get(`${BASE_URL}/fleet`, () =>
        HttpResponse.json({ items: [], total: 0, limit: 25, offset: 0 }),
      ),
    );

    await expect(client.getFleet({})).rejects.toThrow(
      'Invalid response from the backend to /api/aks-traffic-security/fleet: verdictCounts: Invalid input: expected record, received undefined; flowCounts: Invalid input: expected object, received undefined',
    );
  });
});

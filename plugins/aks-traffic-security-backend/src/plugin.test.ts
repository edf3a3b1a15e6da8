import fs from 'fs';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  ANNOTATIONS,
  EntityAssessmentResponse,
  EntityHistoryResponse,
  FleetResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import request from 'supertest';
import {
  annotatedComponent,
  fixtureText,
  privateClusterJson,
  publicClusterJson,
} from './__testUtils__/fixtures';
import { aksTrafficSecurityPlugin } from './plugin';

jest.setTimeout(60_000);

const API = '/api/aks-traffic-security';
const EXPOSURE_CHECK = 'mgmt.aks.api-server-exposure';

const shop = annotatedComponent('shop', {
  cluster: 'aks-public',
  owner: 'team-a',
  system: 'payments',
});
const ledger = annotatedComponent('ledger', {
  cluster: 'aks-private',
  owner: 'team-b',
  system: 'finance',
});
// Its cluster has no file in the snapshot.
const orphan = annotatedComponent('orphan', { cluster: 'aks-missing' });
const website: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'website',
    namespace: 'default',
    annotations: {
      [ANNOTATIONS.gatewayId]:
        shop.metadata.annotations![ANNOTATIONS.gatewayId],
    },
  },
  spec: { type: 'website', owner: 'team-a' },
};
const badCluster = annotatedComponent('bad-cluster', {
  cluster: 'aks-public',
  annotations: { [ANNOTATIONS.clusterId]: 'aks-public' },
});

const ENTITY_ROUTES: Array<['get' | 'post', string]> = [
  ['get', 'assessment'],
  ['get', 'history'],
  ['post', 'refresh'],
];

function checkVerdict(body: EntityAssessmentResponse, checkId: string) {
  return body.assessment.checks.find(check => check.checkId === checkId);
}

describe('aksTrafficSecurityPlugin', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => {
    mockDir.setContent({
      'azure/clusters/aks-public.json': publicClusterJson('aks-public'),
      'azure/clusters/aks-private.json': privateClusterJson('aks-private'),
      'kubernetes/aks-public/a0008/ingress.yaml': fixtureText(
        'aks-baseline/02-aspnetapp-ingress.yaml',
      ),
    });
  });

  async function startBackend(
    options: {
      entities?: Entity[];
      permissions?: ReturnType<typeof mockServices.permissions.mock>;
      auth?: ReturnType<typeof mockServices.auth.mock>;
      result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    } = {},
  ) {
    // The mock scheduler has a factory for the instance it returns, so that
    // tests can trigger the refresh task; its declared type omits it.
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: {
        skipTaskRunOnStartup: boolean;
      }): ServiceFactory<SchedulerService>;
    };
    const { server } = await startTestBackend({
      features: [
        aksTrafficSecurityPlugin,
        catalogServiceMock.factory({
          entities: options.entities ?? [
            shop,
            ledger,
            orphan,
            website,
            badCluster,
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            aksTrafficSecurity: {
              source: 'snapshot',
              snapshot: { directory: mockDir.path },
            },
          },
        }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        ...(options.auth ? [options.auth.factory] : []),
        options.permissions?.factory ??
          mockServices.permissions.factory({
            result: options.result ?? AuthorizeResult.ALLOW,
          }),
      ],
    });
    return { server, scheduler };
  }

  it('serves health without credentials', async () => {
    const { server } = await startBackend();

    const response = await request(server)
      .get(`${API}/health`)
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  describe('GET /entities/:kind/:namespace/:name/assessment', () => {
    it('fails the check of a public cluster', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(
        `${API}/entities/component/default/shop/assessment`,
      );

      expect(response.status).toBe(200);
      expect(response.body.entityRef).toBe('component:default/shop');
      expect(response.body.source).toBe('snapshot');
      expect(response.body.stale).toBe(false);
      const check = checkVerdict(response.body, EXPOSURE_CHECK);
      expect(check?.verdict).toBe('fail');
      expect(check?.evidence[0].resource).toBe(
        shop.metadata.annotations![ANNOTATIONS.clusterId],
      );
    });

    it('passes the check of a private cluster', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(
        `${API}/entities/component/default/ledger/assessment`,
      );

      expect(response.status).toBe(200);
      expect(checkVerdict(response.body, EXPOSURE_CHECK)?.verdict).toBe('pass');
    });

    it('reports unknown when the cluster file is missing', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(
        `${API}/entities/component/default/orphan/assessment`,
      );

      expect(response.status).toBe(200);
      const check = checkVerdict(response.body, EXPOSURE_CHECK);
      expect(check?.verdict).toBe('unknown');
      expect(check?.reason).toBe('unresolved-reference');
      expect(response.body.assessment.verdict).not.toBe('pass');
    });

    it('rejects a missing annotation by name', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(
        `${API}/entities/component/default/website/assessment`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toBe(
        "Entity 'component:default/website' cannot be assessed: missing annotation 'aks-traffic-security.io/cluster-id'",
      );
    });

    it('rejects an invalid annotation by name', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(
        `${API}/entities/component/default/bad-cluster/assessment`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toContain(
        "Invalid annotation 'aks-traffic-security.io/cluster-id' value 'aks-public'",
      );
    });

    it('returns 404 for an entity not in the catalog', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(
        `${API}/entities/component/default/nowhere/assessment`,
      );

      expect(response.status).toBe(404);
      expect(response.body.error.name).toBe('NotFoundError');
      expect(response.body.error.message).toBe(
        "Entity 'component:default/nowhere' was not found in the catalog",
      );
    });

    it('keeps the last good assessment stale after a failed read', async () => {
      const { server, scheduler } = await startBackend({ entities: [shop] });
      await scheduler.triggerTask('aks-traffic-security:refresh');

      fs.rmSync(mockDir.path, { recursive: true, force: true });
      await scheduler.triggerTask('aks-traffic-security:refresh');
      const response = await request(server).get(
        `${API}/entities/component/default/shop/assessment`,
      );

      expect(response.status).toBe(200);
      expect(response.body.stale).toBe(true);
      expect(response.body.staleReason).toContain(
        `Snapshot directory ${mockDir.path} cannot be read`,
      );
      expect(checkVerdict(response.body, EXPOSURE_CHECK)?.verdict).toBe('fail');
    });
  });

  describe('POST /entities/:kind/:namespace/:name/refresh and GET history', () => {
    it('adds no history row for an unchanged refresh', async () => {
      const { server } = await startBackend();
      const first = await request(server).post(
        `${API}/entities/component/default/shop/refresh`,
      );

      mockDir.addContent({
        'azure/clusters/aks-public.json': privateClusterJson('aks-public'),
      });
      // A snapshot is re-read at each full refresh; an entity refresh uses the cached one.
      const cached = [];
      for (let click = 0; click < 3; click += 1) {
        cached.push(
          await request(server).post(
            `${API}/entities/component/default/shop/refresh`,
          ),
        );
      }
      const last = cached[cached.length - 1];
      const history = await request(server).get(
        `${API}/entities/component/default/shop/history?limit=10`,
      );

      expect(first.status).toBe(200);
      expect(first.body.refreshedAt).toEqual(expect.any(String));
      expect(checkVerdict(first.body, EXPOSURE_CHECK)?.verdict).toBe('fail');
      expect(cached.map(response => response.status)).toEqual([200, 200, 200]);
      expect(checkVerdict(last.body, EXPOSURE_CHECK)?.verdict).toBe('fail');
      expect(Date.parse(last.body.assessment.evaluatedAt)).toBeGreaterThan(
        Date.parse(first.body.assessment.evaluatedAt),
      );
      expect(history.status).toBe(200);
      const body = history.body as EntityHistoryResponse;
      expect(body.total).toBe(1);
      expect(body.items).toHaveLength(1);
      expect(body.items[0].evaluatedAt).toBe(first.body.assessment.evaluatedAt);
      expect(body.items[0].changes).toBeUndefined();
    });

    it('adds no history row for an unchanged full refresh', async () => {
      const { server, scheduler } = await startBackend({ entities: [shop] });
      await scheduler.triggerTask('aks-traffic-security:refresh');
      const first = await request(server).get(
        `${API}/entities/component/default/shop/assessment`,
      );

      await scheduler.triggerTask('aks-traffic-security:refresh');
      const second = await request(server).get(
        `${API}/entities/component/default/shop/assessment`,
      );
      const history = await request(server).get(
        `${API}/entities/component/default/shop/history`,
      );

      expect(Date.parse(second.body.assessment.evaluatedAt)).toBeGreaterThan(
        Date.parse(first.body.assessment.evaluatedAt),
      );
      expect(history.status).toBe(200);
      expect(history.body.total).toBe(1);
      expect(history.body.items[0].evaluatedAt).toBe(
        first.body.assessment.evaluatedAt,
      );
    });

    it('lists the changed checks newest first', async () => {
      const { server, scheduler } = await startBackend({ entities: [shop] });
      await scheduler.triggerTask('aks-traffic-security:refresh');

      mockDir.addContent({
        'azure/clusters/aks-public.json': privateClusterJson('aks-public'),
      });
      await scheduler.triggerTask('aks-traffic-security:refresh');
      const response = await request(server).get(
        `${API}/entities/component/default/shop/history`,
      );

      expect(response.status).toBe(200);
      const body = response.body as EntityHistoryResponse;
      expect(body.entityRef).toBe('component:default/shop');
      expect(body.limit).toBe(20);
      expect(body.offset).toBe(0);
      expect(body.total).toBe(2);
      expect(body.items[0].changes?.checks).toContainEqual({
        checkId: EXPOSURE_CHECK,
        title: 'The API server is private or limited to authorized IP ranges.',
        from: 'fail',
        to: 'pass',
      });
      expect(body.items[1].changes).toBeUndefined();
    });

    it('rejects an invalid page', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(
        `${API}/entities/component/default/shop/history?limit=0`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toContain(
        "invalid query parameter 'limit'",
      );
    });
  });

  describe('GET /fleet', () => {
    it('lists new entities after the refresh of changed entities', async () => {
      const { server, scheduler } = await startBackend({
        entities: [shop, ledger],
      });
      await scheduler.triggerTask('aks-traffic-security:refresh-changed');

      const response = await request(server).get(`${API}/fleet`);

      expect(response.status).toBe(200);
      expect(
        (response.body as FleetResponse).items.map(entry => entry.entityRef),
      ).toEqual(['component:default/ledger', 'component:default/shop']);
    });

    it('returns the assessed fleet with counts', async () => {
      const { server, scheduler } = await startBackend();
      await scheduler.triggerTask('aks-traffic-security:refresh');

      const response = await request(server).get(`${API}/fleet`);

      expect(response.status).toBe(200);
      const body = response.body as FleetResponse;
      expect(body.items.map(entry => entry.entityRef)).toEqual([
        'component:default/ledger',
        'component:default/orphan',
        'component:default/shop',
      ]);
      expect(body.total).toBe(3);
      expect(body.limit).toBe(50);
      expect(body.offset).toBe(0);
      const managementTotal = Object.values(body.flowCounts.management).reduce(
        (sum, count) => sum + count,
        0,
      );
      expect(managementTotal).toBe(3);
      expect(body.flowCounts.management.fail).toBeGreaterThanOrEqual(1);
      expect(body.items[2].owner).toBe('group:default/team-a');
      expect(body.items[2].system).toBe('system:default/payments');
    });

    it('filters, sorts and pages', async () => {
      const { server, scheduler } = await startBackend();
      await scheduler.triggerTask('aks-traffic-security:refresh');

      const byOwner = await request(server).get(`${API}/fleet?owner=team-b`);
      const byCluster = await request(server).get(
        `${API}/fleet?cluster=AKS-PUBLIC`,
      );
      const emptyCluster = await request(server).get(`${API}/fleet?cluster=`);
      const page = await request(server).get(
        `${API}/fleet?sort=entityRef&order=desc&limit=00000000000000001&offset=1`,
      );

      expect(
        byOwner.body.items.map(
          (entry: { entityRef: string }) => entry.entityRef,
        ),
      ).toEqual(['component:default/ledger']);
      expect(byOwner.body.total).toBe(1);
      expect(
        byCluster.body.items.map(
          (entry: { entityRef: string }) => entry.entityRef,
        ),
      ).toEqual(['component:default/shop']);
      expect(
        page.body.items.map((entry: { entityRef: string }) => entry.entityRef),
      ).toEqual(['component:default/orphan']);
      expect(page.body.total).toBe(3);
      expect(page.body.limit).toBe(1);
      expect(emptyCluster.status).toBe(200);
      expect(emptyCluster.body.total).toBe(3);
    });

    it('rejects an unknown verdict', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(`${API}/fleet?verdict=fine`);

      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(
        "invalid query parameter 'verdict': expected one of fail, unknown, warn, pass, not-applicable, got 'fine'",
      );
    });

    it('exports the fleet as CSV and JSON', async () => {
      const { server, scheduler } = await startBackend();
      await scheduler.triggerTask('aks-traffic-security:refresh');

      const csv = await request(server).get(
        `${API}/fleet/export?format=csv&owner=team-a`,
      );
      const json = await request(server).get(
        `${API}/fleet/export?format=json&owner=team-a`,
      );

      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="aks-traffic-security-fleet.csv"',
      );
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'entityRef,title,owner,system,clusterId,verdict,ingress,egress,pod-to-pod,management,failingCritical,failingHigh,failingMedium,failingLow,failingInfo,evaluatedAt,stale,failedReads',
      );
      expect(lines.slice(1).map(line => line.split(',')[0])).toEqual([
        'component:default/orphan',
        'component:default/shop',
      ]);
      expect(json.status).toBe(200);
      expect(
        json.body.items.map((entry: { entityRef: string }) => entry.entityRef),
      ).toEqual(['component:default/orphan', 'component:default/shop']);
    });
  });

  describe('GET /fleet/trend', () => {
    it('counts the refreshed fleet today', async () => {
      const { server, scheduler } = await startBackend();
      await scheduler.triggerTask('aks-traffic-security:refresh');

      const trend = await request(server).get(`${API}/fleet/trend?days=1`);
      const fleet = await request(server).get(`${API}/fleet`);

      const entries = (fleet.body as FleetResponse).items;
      const failingChecks = entries.flatMap(entry =>
        Object.values(entry.failingBySeverity),
      );
      expect(trend.status).toBe(200);
      expect(trend.body).toEqual({
        points: [
          {
            date: new Date().toISOString().slice(0, 10),
            failingChecks: failingChecks.reduce((sum, count) => sum + count),
            failingEntities: entries.filter(entry => entry.verdict === 'fail')
              .length,
            entities: 3,
          },
        ],
      });
      expect(trend.body.points[0].failingChecks).toBeGreaterThanOrEqual(1);
    });
  });

  it('serves the check catalog', async () => {
    const { server } = await startBackend();

    const response = await request(server).get(`${API}/checks`);

    expect(response.status).toBe(200);
    const exposure = response.body.checks.find(
      (check: { id: string }) => check.id === EXPOSURE_CHECK,
    );
    expect(exposure).toEqual({
      id: EXPOSURE_CHECK,
      flow: 'management',
      severity: 'critical',
      level: 'baseline',
      title: 'The API server is private or limited to authorized IP ranges.',
      why: expect.any(String),
      remediation: expect.any(String),
      documentationUrl:
        'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
    });
    expect(exposure).not.toHaveProperty('evaluate');
  });

  describe('authentication', () => {
    it.each([
      ['get', '/entities/component/default/shop/assessment'],
      ['get', '/entities/component/default/shop/history'],
      ['post', '/entities/component/default/shop/refresh'],
      ['get', '/fleet'],
      ['get', '/fleet/export'],
      ['get', '/fleet/trend'],
      ['get', '/checks'],
    ] as const)('rejects %s %s without credentials', async (method, path) => {
      const { server } = await startBackend();

      const response = await request(server)
        [method](`${API}${path}`)
        .set('Authorization', mockCredentials.none.header());

      expect(response.status).toBe(401);
    });
  });

  describe('unmatched requests', () => {
    it('answers an unknown route with a JSON 404', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(`${API}/fleets`);

      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        error: expect.objectContaining({
          name: 'NotFoundError',
          message: expect.stringContaining('Route GET /fleets not found'),
        }),
        request: { method: 'GET', url: '/fleets' },
        response: { statusCode: 404 },
      });
    });

    it.each([
      ['post', '/fleet', 'GET, HEAD'],
      ['delete', '/entities/component/default/shop/assessment', 'GET, HEAD'],
      ['get', '/entities/component/default/shop/refresh', 'POST'],
      ['put', '/health', 'GET, HEAD'],
    ] as const)(
      'answers %s %s with 405 naming the allowed methods',
      async (method, path, allow) => {
        const { server } = await startBackend();

        const response = await request(server)[method](`${API}${path}`);

        expect(response.status).toBe(405);
        expect(response.headers.allow).toBe(allow);
        expect(response.body.error).toEqual({
          name: 'MethodNotAllowedError',
          message: `${method.toUpperCase()} is not allowed on ${path}; it accepts ${allow}`,
        });
      },
    );

    it('rejects a path segment that is not percent-encoding', async () => {
      const { server } = await startBackend();

      const response = await request(server).get(
        `${API}/entities/component/default/%ZZ/assessment`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error).toEqual({
        name: 'InputError',
        message:
          'Invalid path /entities/component/default/%ZZ/assessment: a path segment is not valid percent-encoding; expected a URL-encoded entity kind, namespace or name',
      });
    });

    it('still asks for credentials before it answers', async () => {
      const { server } = await startBackend();

      const response = await request(server)
        .get(`${API}/fleets`)
        .set('Authorization', mockCredentials.none.header());

      expect(response.status).toBe(401);
    });

    it("leaves the backend's own routes of the plugin answering", async () => {
      const { server } = await startBackend({
        auth: mockServices.auth.mock({
          listPublicServiceKeys: async () => ({ keys: [] }),
        }),
      });

      const response = await request(server)
        .get(`${API}/.backstage/auth/v1/jwks.json`)
        .set('Authorization', mockCredentials.none.header());

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ keys: [] });
    });
  });

  describe('permissions', () => {
    it.each(ENTITY_ROUTES)(
      'denies %s %s without read permission',
      async (method, route) => {
        const { server } = await startBackend({ result: AuthorizeResult.DENY });

        const response = await request(server)[method](
          `${API}/entities/component/default/shop/${route}`,
        );

        expect(response.status).toBe(403);
        expect(response.body.error.name).toBe('NotAllowedError');
        expect(response.body.error.message).toContain(
          'aks-traffic-security.assessment.read',
        );
      },
    );

    it('hides the fleet and its export without read permission', async () => {
      const allowed = await startBackend({ entities: [shop, ledger] });
      await allowed.scheduler.triggerTask('aks-traffic-security:refresh');
      const { server, scheduler } = await startBackend({
        entities: [shop, ledger],
        result: AuthorizeResult.DENY,
      });
      await scheduler.triggerTask('aks-traffic-security:refresh');

      const fleet = await request(server).get(`${API}/fleet`);
      const csv = await request(server).get(`${API}/fleet/export`);
      const json = await request(server).get(`${API}/fleet/export?format=json`);
      const allowedFleet = await request(allowed.server).get(`${API}/fleet`);

      expect(allowedFleet.body.total).toBe(2);
      expect(fleet.status).toBe(200);
      expect(fleet.body.items).toEqual([]);
      expect(fleet.body.total).toBe(0);
      expect(fleet.body.verdictCounts).toEqual({
        fail: 0,
        unknown: 0,
        warn: 0,
        pass: 0,
        'not-applicable': 0,
      });
      expect(csv.status).toBe(200);
      expect(csv.text.trim().split('\r\n')).toHaveLength(1);
      expect(json.body).toEqual({ items: [] });
    });

    it('authorizes the fleet per entity in one batch', async () => {
      const authorize = jest.fn(async (requests: EvaluatePermissionRequest[]) =>
        requests.map(item => ({
          result:
            'resourceRef' in item &&
            item.resourceRef === 'component:default/shop'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
      );
      const permissions = mockServices.permissions.mock({
        authorize: authorize as any,
      });
      const { server, scheduler } = await startBackend({
        entities: [shop, ledger],
        permissions,
      });
      await scheduler.triggerTask('aks-traffic-security:refresh');

      const response = await request(server).get(`${API}/fleet`);

      expect(
        response.body.items.map(
          (entry: { entityRef: string }) => entry.entityRef,
        ),
      ).toEqual(['component:default/shop']);
      expect(response.body.total).toBe(1);
      expect(authorize).toHaveBeenCalledTimes(1);
      expect(authorize.mock.calls[0][0]).toEqual([
        {
          permission: expect.objectContaining({
            name: 'aks-traffic-security.assessment.read',
            resourceType: 'catalog-entity',
          }),
          resourceRef: 'component:default/ledger',
        },
        {
          permission: expect.objectContaining({
            name: 'aks-traffic-security.assessment.read',
          }),
          resourceRef: 'component:default/shop',
        },
      ]);
    });

    it('needs refresh permission to refresh', async () => {
      const permissions = mockServices.permissions.mock({
        authorize: (async (requests: EvaluatePermissionRequest[]) =>
          requests.map(item => ({
            result:
              item.permission.name === 'aks-traffic-security.assessment.refresh'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }))) as any,
      });
      const { server } = await startBackend({ permissions });

      const refresh = await request(server).post(
        `${API}/entities/component/default/shop/refresh`,
      );
      const read = await request(server).get(
        `${API}/entities/component/default/shop/assessment`,
      );

      expect(refresh.status).toBe(403);
      expect(refresh.body.error.message).toBe(
        "Not allowed to aks-traffic-security.assessment.refresh on entity 'component:default/shop'",
      );
      expect(read.status).toBe(200);
    });

    it('allows every endpoint with permission', async () => {
      const { server } = await startBackend({ result: AuthorizeResult.ALLOW });

      for (const [method, route] of ENTITY_ROUTES) {
        const response = await request(server)[method](
          `${API}/entities/component/default/shop/${route}`,
        );
        expect(response.status).toBe(200);
      }
      const fleet = await request(server).get(`${API}/fleet`);
      const exported = await request(server).get(`${API}/fleet/export`);
      expect(fleet.status).toBe(200);
      expect(fleet.body.total).toBe(1);
      expect(exported.status).toBe(200);
    });
  });
});

import {
  mockErrorHandler,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  assessmentReadPermission,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { buildAssessment } from '../../__testUtils__/assessments';
import { clusterId } from '../../__testUtils__/fixtures';
import { AssessedEntity } from '../../database/AssessmentStore';
import { DatabaseAssessmentStore } from '../../database/DatabaseAssessmentStore';
import { DefaultFleetService } from '../DefaultFleetService';
import { EntityAuthorizer } from '../EntityAuthorizer';
import { bindGetFleetTrendEndpoint } from './getFleetTrend';

jest.setTimeout(60_000);

// PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const NOW = new Date('2026-12-10T12:00:00.000Z');

function entity(name: string, owner: string): AssessedEntity {
  return {
    entityRef: `component:default/${name}`,
    owner: `group:default/${owner}`,
    system: 'system:default/payments',
    clusterId: clusterId('aks-prod'),
  };
}

const shop = entity('shop', 'team-a');
const ledger = entity('ledger', 'team-b');
const cart = entity('cart', 'team-a');
const removed = entity('removed', 'team-a');

/** Builds an assessment with `failing` failing ingress checks and one passing check. */
function assessmentWithFailures(failing: number, evaluatedAt: string) {
  const failingChecks = Array.from({ length: failing }, (_, index) => ({
    checkId: `ingress.appgw.failing-${index}`,
    flow: 'ingress' as const,
    verdict: 'fail' as Verdict,
  }));
  return buildAssessment(
    [
      ...failingChecks,
      {
        checkId: 'mgmt.aks.api-server-exposure',
        flow: 'management',
        verdict: 'pass',
      },
    ],
    evaluatedAt,
  );
}

describe.each(databases.eachSupportedId())(
  'GET /fleet/trend on %s',
  databaseId => {
    let store: DatabaseAssessmentStore;

    async function save(
      assessed: AssessedEntity,
      failing: number,
      evaluatedAt: string,
    ) {
      await store.saveAssessment({
        entity: assessed,
        assessment: assessmentWithFailures(failing, evaluatedAt),
        source: 'snapshot',
        refreshedAt: new Date(evaluatedAt),
        failedReads: [],
      });
    }

    function createApp(
      permissions: ReturnType<
        typeof mockServices.permissions
      > = mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    ) {
      const router = Router();
      bindGetFleetTrendEndpoint(router, {
        httpAuth: mockServices.httpAuth(),
        fleet: new DefaultFleetService({
          store,
          authorizer: new EntityAuthorizer(permissions),
          now: () => NOW,
        }),
      });
      return express().use(router).use(mockErrorHandler());
    }

    beforeEach(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      store = await DatabaseAssessmentStore.create({
        database: mockServices.database({ knex }),
      });

      // Saved in time order, so each entity's last save is its latest assessment.
      await save(shop, 2, '2026-12-01T09:00:00.000Z');
      await save(removed, 4, '2026-12-05T09:00:00.000Z');
      await save(ledger, 3, '2026-12-07T23:59:59.999Z');
      await save(shop, 1, '2026-12-08T00:00:00.000Z');
      await save(shop, 0, '2026-12-08T18:00:00.000Z');
      await save(cart, 1, '2026-12-09T08:00:00.000Z');
      // An entity that left the catalog keeps its history until it ages out.
      await store.deleteAssessments([removed.entityRef]);
    });

    it('reuses the trend until the history changes', async () => {
      const app = createApp();
      const reads = jest.spyOn(store, 'getLatestHistory');

      const first = await request(app).get('/fleet/trend?days=5');
      const readsForFirst = reads.mock.calls.length;
      const again = await request(app).get('/fleet/trend?days=5');
      const readsForAgain = reads.mock.calls.length - readsForFirst;
      await save(ledger, 6, '2026-12-10T08:00:00.000Z');
      const changed = await request(app).get('/fleet/trend?days=5');

      expect(readsForFirst).toBe(6);
      expect(readsForAgain).toBe(0);
      expect(again.body).toEqual(first.body);
      expect(first.body.points.at(-1)).toMatchObject({
        date: '2026-12-10',
        failingChecks: 4,
      });
      expect(changed.body.points.at(-1)).toMatchObject({
        date: '2026-12-10',
        failingChecks: 7,
      });
    });

    it('counts the latest assessment per entity and day', async () => {
      const response = await request(createApp()).get('/fleet/trend?days=5');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        points: [
          {
            date: '2026-12-06',
            failingChecks: 2,
            failingEntities: 1,
            entities: 1,
          },
          {
            date: '2026-12-07',
            failingChecks: 5,
            failingEntities: 2,
            entities: 2,
          },
          {
            date: '2026-12-08',
            failingChecks: 3,
            failingEntities: 1,
            entities: 2,
          },
          {
            date: '2026-12-09',
            failingChecks: 4,
            failingEntities: 2,
            entities: 3,
          },
          {
            date: '2026-12-10',
            failingChecks: 4,
            failingEntities: 2,
            entities: 3,
          },
        ],
      });
    });

    it('leaves out days before the first assessment', async () => {
      const response = await request(createApp()).get('/fleet/trend?days=12');

      expect(response.status).toBe(200);
      expect(
        response.body.points.map((point: { date: string }) => point.date),
      ).toEqual([
        '2026-12-01',
        '2026-12-02',
        '2026-12-03',
        '2026-12-04',
        '2026-12-05',
        '2026-12-06',
        '2026-12-07',
        '2026-12-08',
        '2026-12-09',
        '2026-12-10',
      ]);
      expect(response.body.points[0]).toEqual({
        date: '2026-12-01',
        failingChecks: 2,
        failingEntities: 1,
        entities: 1,
      });
    });

    it('covers 30 days by default', async () => {
      const response = await request(createApp()).get('/fleet/trend');

      expect(response.status).toBe(200);
      expect(response.body.points).toHaveLength(10);
      expect(response.body.points[9].date).toBe('2026-12-10');
    });

    it('applies the fleet filters to the current assessments', async () => {
      const byOwner = await request(createApp()).get(
        '/fleet/trend?days=3&owner=team-a',
      );
      const failingNow = await request(createApp()).get(
        '/fleet/trend?days=5&verdict=fail',
      );

      expect(byOwner.status).toBe(200);
      expect(byOwner.body.points).toEqual([
        {
          date: '2026-12-08',
          failingChecks: 0,
          failingEntities: 0,
          entities: 1,
        },
        {
          date: '2026-12-09',
          failingChecks: 1,
          failingEntities: 1,
          entities: 2,
        },
        {
          date: '2026-12-10',
          failingChecks: 1,
          failingEntities: 1,
          entities: 2,
        },
      ]);
      expect(failingNow.status).toBe(200);
      expect(failingNow.body.points).toEqual([
        {
          date: '2026-12-07',
          failingChecks: 3,
          failingEntities: 1,
          entities: 1,
        },
        {
          date: '2026-12-08',
          failingChecks: 3,
          failingEntities: 1,
          entities: 1,
        },
        {
          date: '2026-12-09',
          failingChecks: 4,
          failingEntities: 2,
          entities: 2,
        },
        {
          date: '2026-12-10',
          failingChecks: 4,
          failingEntities: 2,
          entities: 2,
        },
      ]);
    });

    it('returns no points without read permission', async () => {
      const app = createApp(
        mockServices.permissions({ result: AuthorizeResult.DENY }),
      );

      const response = await request(app).get('/fleet/trend?days=5');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ points: [] });
    });

    it('leaves out entities the caller may not read', async () => {
      const authorize = jest.fn(async (requests: EvaluatePermissionRequest[]) =>
        requests.map(item => ({
          result:
            'resourceRef' in item && item.resourceRef === ledger.entityRef
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      );
      const permissions = mockServices.permissions.mock({
        authorize: authorize as any,
      });

      const response = await request(createApp(permissions)).get(
        '/fleet/trend?days=1',
      );

      expect(response.status).toBe(200);
      expect(response.body.points).toEqual([
        {
          date: '2026-12-10',
          failingChecks: 1,
          failingEntities: 1,
          entities: 2,
        },
      ]);
      expect(authorize).toHaveBeenCalledTimes(1);
      expect(authorize.mock.calls[0][0]).toEqual(
        [cart, ledger, shop].map(({ entityRef }) => ({
          permission: assessmentReadPermission,
          resourceRef: entityRef,
        })),
      );
    });

    it.each(['0', '91', 'week'])('rejects days=%s', async days => {
      const response = await request(createApp()).get(
        `/fleet/trend?days=${days}`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toMatch(
        /^Invalid request, invalid query parameter 'days': /,
      );
    });
  },
);

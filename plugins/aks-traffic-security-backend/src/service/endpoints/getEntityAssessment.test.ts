import {
  createMockDirectory,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { buildAssessment } from '../../__testUtils__/assessments';
import {
  annotatedComponent,
  clusterId,
  privateClusterJson,
  publicClusterJson,
} from '../../__testUtils__/fixtures';
import { DatabaseAssessmentStore } from '../../database/DatabaseAssessmentStore';
import { startLiveBackend } from '../../reliability/__testUtils__/liveBackend';

jest.setTimeout(60_000);

const API = '/api/aks-traffic-security';

// PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const shop = annotatedComponent('shop', { cluster: 'aks-public' });
const ledger = annotatedComponent('ledger', { cluster: 'aks-private' });

describe.each(databases.eachSupportedId())(
  'GET /entities/:kind/:namespace/:name/assessment on %s',
  databaseId => {
    const mockDir = createMockDirectory();

    async function start() {
      mockDir.setContent({
        'azure/aks-public.json': publicClusterJson('aks-public'),
        'azure/aks-private.json': privateClusterJson('aks-private'),
      });
      const knex = await databases.init(databaseId as TestDatabaseId);
      const { server } = await startLiveBackend({
        entities: [shop, ledger],
        config: { source: 'snapshot', snapshot: { directory: mockDir.path } },
        extraFeatures: [mockServices.database.factory({ knex })],
      });
      const store = await DatabaseAssessmentStore.create({
        database: mockServices.database({ knex }),
        skipMigrations: true,
      });
      return { server, store };
    }

    it('sends a stored assessment as it sent the new one', async () => {
      const { server } = await start();
      const path = `${API}/entities/component/default/shop/assessment`;

      // The first request assesses the entity and serializes the result;
      // the second sends the stored JSON.
      const assessed = await request(server).get(path);
      const stored = await request(server).get(path);

      expect(assessed.status).toBe(200);
      expect(assessed.body.assessment.checks.length).toBeGreaterThan(10);
      expect(stored.status).toBe(200);
      expect(stored.text).toBe(assessed.text);
      expect(stored.headers['content-type']).toBe(
        assessed.headers['content-type'],
      );
      expect(stored.headers.etag).toBe(assessed.headers.etag);
    });

    it('sends failed reads, the last complete one and a stale mark', async () => {
      const { server, store } = await start();
      const entity = {
        entityRef: 'component:default/ledger',
        clusterId: clusterId('aks-private'),
      };
      const checks = [
        {
          checkId: 'mgmt.aks.api-server-exposure',
          flow: 'management' as const,
          verdict: 'pass' as const,
        },
      ];
      await store.saveAssessment({
        entity,
        assessment: buildAssessment(checks, '2026-12-01T10:00:00.000Z'),
        source: 'azure',
        refreshedAt: new Date('2026-12-01T10:00:00.000Z'),
        failedReads: [],
      });
      await store.saveAssessment({
        entity,
        assessment: buildAssessment(
          [{ ...checks[0], verdict: 'unknown' }],
          '2026-12-02T10:00:00.000Z',
        ),
        source: 'azure',
        refreshedAt: new Date('2026-12-02T10:00:00.000Z'),
        failedReads: [
          {
            target: clusterId('aks-private'),
            reason: 'forbidden',
            message: 'The "reader" role is missing',
          },
        ],
      });
      await store.markStale({
        entityRef: entity.entityRef,
        reason: 'The cluster could not be read: {"code":"Forbidden"}',
        refreshedAt: new Date('2026-12-03T10:00:00.000Z'),
      });

      const response = await request(server).get(
        `${API}/entities/component/default/ledger/assessment`,
      );

      const expected = (await store.getAssessment(entity.entityRef))!;
      expect(response.status).toBe(200);
      expect(response.text).toBe(
        JSON.stringify({
          entityRef: expected.entityRef,
          assessment: expected.assessment,
          source: expected.source,
          stale: expected.stale,
          staleReason: expected.staleReason,
          failedReads: expected.failedReads,
          lastComplete: expected.lastComplete,
        }),
      );
      expect(response.body.stale).toBe(true);
      expect(response.body.failedReads).toHaveLength(1);
      expect(response.body.lastComplete.evaluatedAt).toBe(
        '2026-12-01T10:00:00.000Z',
      );
      expect(response.body.assessment.checks[0].title).toBe(
        'Title of mgmt.aks.api-server-exposure',
      );
    });

    it('assesses again an entity whose annotations changed', async () => {
      const { server, store } = await start();
      await store.saveAssessment({
        entity: {
          entityRef: 'component:default/shop',
          clusterId: clusterId('aks-private'),
          scopeKey: 'digest-of-the-former-annotations',
        },
        assessment: buildAssessment(
          [
            {
              checkId: 'mgmt.aks.api-server-exposure',
              flow: 'management' as const,
              verdict: 'pass' as const,
            },
          ],
          '2026-12-01T10:00:00.000Z',
        ),
        source: 'snapshot',
        refreshedAt: new Date('2026-12-01T10:00:00.000Z'),
        failedReads: [],
      });

      const response = await request(server).get(
        `${API}/entities/component/default/shop/assessment`,
      );

      expect(response.status).toBe(200);
      expect(response.body.assessment.checks.length).toBeGreaterThan(10);
      expect(response.body.assessment.evaluatedAt).not.toBe(
        '2026-12-01T10:00:00.000Z',
      );
      const stored = await store.getAssessment('component:default/shop');
      expect(stored?.scopeKey).toBeDefined();
      expect(stored?.scopeKey).not.toBe('digest-of-the-former-annotations');
    });

    it('keeps sending an assessment stored before scope keys', async () => {
      const { server, store } = await start();
      await store.saveAssessment({
        entity: {
          entityRef: 'component:default/shop',
          clusterId: clusterId('aks-public'),
        },
        assessment: buildAssessment(
          [
            {
              checkId: 'mgmt.aks.api-server-exposure',
              flow: 'management' as const,
              verdict: 'pass' as const,
            },
          ],
          '2026-12-01T10:00:00.000Z',
        ),
        source: 'snapshot',
        refreshedAt: new Date('2026-12-01T10:00:00.000Z'),
        failedReads: [],
      });

      const response = await request(server).get(
        `${API}/entities/component/default/shop/assessment`,
      );

      expect(response.body.assessment.evaluatedAt).toBe(
        '2026-12-01T10:00:00.000Z',
      );
    });
  },
);

import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  Assessment,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { buildAssessment } from '../__testUtils__/assessments';
import { clusterId } from '../__testUtils__/fixtures';
import {
  ASSESSMENTS_TABLE,
  DatabaseAssessmentStore,
  HISTORY_TABLE,
} from './DatabaseAssessmentStore';
import { compareFleetEntries } from '../service/compareFleetEntries';
import { AssessedEntity, FleetOrder, NewAssessment } from './AssessmentStore';

jest.setTimeout(60_000);

// PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const shop: AssessedEntity = {
  entityRef: 'component:default/shop',
  title: 'Shop',
  owner: 'group:default/team-a',
  system: 'system:default/payments',
  clusterId: clusterId('aks-prod'),
};

const ledger: AssessedEntity = {
  entityRef: 'component:default/ledger',
  owner: 'group:default/team-b',
  system: 'system:default/finance',
  clusterId: clusterId('aks-test'),
};

const failingIngress = buildAssessment([
  {
    checkId: 'ingress.appgw.min-tls-version',
    flow: 'ingress',
    verdict: 'fail',
    severity: 'critical',
  },
  {
    checkId: 'mgmt.aks.api-server-exposure',
    flow: 'management',
    verdict: 'pass',
  },
]);

const unknownManagement = buildAssessment([
  {
    checkId: 'ingress.appgw.min-tls-version',
    flow: 'ingress',
    verdict: 'pass',
  },
  {
    checkId: 'mgmt.aks.api-server-exposure',
    flow: 'management',
    verdict: 'unknown',
  },
  {
    checkId: 'egress.aks.outbound-type',
    flow: 'egress',
    verdict: 'fail',
    severity: 'medium',
  },
]);

/**
 * Builds the record that the store saves, with a snapshot source, the current
 * time and no failed reads unless the overrides set them.
 */
function newAssessment(
  entity: AssessedEntity,
  assessment: Assessment,
  overrides: Partial<Omit<NewAssessment, 'entity' | 'assessment'>> = {},
): NewAssessment {
  return {
    entity,
    assessment,
    source: 'snapshot',
    refreshedAt: new Date(),
    failedReads: [],
    ...overrides,
  };
}

/** Tells whether the database has vacuumed and analyzed the assessments table. */
async function statisticsOf(knex: Knex) {
  if (knex.client.dialect === 'postgresql') {
    const stats = await knex('pg_stat_user_tables')
      .where('relname', ASSESSMENTS_TABLE)
      .first('last_vacuum', 'last_analyze');
    return {
      vacuumed: stats.last_vacuum !== null,
      analyzed: stats.last_analyze !== null,
    };
  }

  const stats = await knex('sqlite_stat1').where('tbl', ASSESSMENTS_TABLE);
  return { vacuumed: false, analyzed: stats.length > 0 };
}

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseAssessmentStore.create({
    database: mockServices.database({ knex }),
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseAssessmentStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseAssessmentStore;

    beforeEach(async () => {
      ({ knex, store } = await createStore(databaseId));
    });

    it('migrates down to no tables', async () => {
      const directory = `${__dirname}/../../migrations`;

      await knex.migrate.rollback({ directory }, true);

      expect(await knex.schema.hasTable(ASSESSMENTS_TABLE)).toBe(false);
      expect(await knex.schema.hasTable(HISTORY_TABLE)).toBe(false);
    });

    it('migrates the later migrations down and up', async () => {
      const directory = `${__dirname}/../../migrations`;

      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      const [, pending] = await knex.migrate.list({ directory });
      await knex.migrate.latest({ directory });

      expect(
        pending.map((migration: { file: string }) => migration.file),
      ).toEqual([
        '20261204230000_fleet_indexes.js',
        '20261205000000_failed_reads.js',
        '20261205120000_assessment_lz4.js',
        '20261205180000_fleet_revision.js',
        '20261205210000_scope_key.js',
      ]);
      expect(await knex.schema.hasTable(ASSESSMENTS_TABLE)).toBe(true);
      expect(await store.listFleet({})).toEqual([]);
    });

    it('counts only fully resolved rows as complete when adding failed reads', async () => {
      const directory = `${__dirname}/../../migrations`;
      await store.saveAssessment(newAssessment(shop, failingIngress));
      await store.saveAssessment(newAssessment(ledger, unknownManagement));

      // Reverts the scope key, the fleet revision, the lz4 compression, then
      // the failed reads.
      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      await knex.migrate.latest({ directory });
      const rows = await knex(ASSESSMENTS_TABLE)
        .orderBy('entity_ref')
        .select('entity_ref', 'last_complete_at', 'failed_read_count');

      expect(rows.map(row => row.entity_ref)).toEqual([
        ledger.entityRef,
        shop.entityRef,
      ]);
      expect(rows[0].last_complete_at).toBeNull();
      expect(new Date(rows[1].last_complete_at).toISOString()).toBe(
        failingIngress.evaluatedAt,
      );
      expect(rows.map(row => Number(row.failed_read_count))).toEqual([0, 0]);
    });

    it('saves and reads the latest assessment', async () => {
      const refreshedAt = new Date('2026-12-01T10:00:05.000Z');

      await store.saveAssessment(
        newAssessment(shop, failingIngress, { refreshedAt }),
      );
      const stored = await store.getAssessment(shop.entityRef);

      expect(stored).toEqual({
        entityRef: shop.entityRef,
        assessment: failingIngress,
        source: 'snapshot',
        stale: false,
        staleReason: undefined,
        refreshedAt,
        failedReads: [],
        lastComplete: undefined,
      });
      expect(
        await store.getAssessment('component:default/other'),
      ).toBeUndefined();
    });

    it('replaces the latest assessment and keeps both in history', async () => {
      const later = {
        ...unknownManagement,
        evaluatedAt: '2026-12-01T10:30:00.000Z',
      };

      await store.saveAssessment(newAssessment(shop, failingIngress));
      await store.saveAssessment(
        newAssessment(shop, later, { source: 'azure' }),
      );
      const stored = await store.getAssessment(shop.entityRef);
      const history = await store.getHistory(shop.entityRef, {
        limit: 10,
        offset: 0,
      });

      expect(stored?.assessment).toEqual(later);
      expect(stored?.source).toBe('azure');
      expect(history.total).toBe(2);
      expect(history.previous).toBeUndefined();
      expect(history.items.map(item => item.evaluatedAt.toISOString())).toEqual(
        ['2026-12-01T10:30:00.000Z', '2026-12-01T10:00:00.000Z'],
      );
      expect(history.items[0]).toEqual({
        evaluatedAt: new Date('2026-12-01T10:30:00.000Z'),
        verdict: 'fail',
        source: 'azure',
        flows: {
          ingress: 'pass',
          egress: 'fail',
          'pod-to-pod': 'not-applicable',
          management: 'unknown',
        },
        counts: later.counts,
        checks: {
          'ingress.appgw.min-tls-version': 'pass',
          'mgmt.aks.api-server-exposure': 'unknown',
          'egress.aks.outbound-type': 'fail',
        },
      });
    });

    it('pages the history with the record before the page', async () => {
      // Alternating verdicts, so that each save adds a history row.
      for (const [minute, assessment] of [
        ['00', failingIngress],
        ['10', unknownManagement],
        ['20', failingIngress],
        ['30', unknownManagement],
      ] as const) {
        await store.saveAssessment(
          newAssessment(shop, {
            ...assessment,
            evaluatedAt: `2026-12-01T10:${minute}:00.000Z`,
          }),
        );
      }

      const page = await store.getHistory(shop.entityRef, {
        limit: 2,
        offset: 1,
      });

      expect(page.total).toBe(4);
      expect(page.items.map(item => item.evaluatedAt.toISOString())).toEqual([
        '2026-12-01T10:20:00.000Z',
        '2026-12-01T10:10:00.000Z',
      ]);
      expect(page.previous?.evaluatedAt.toISOString()).toBe(
        '2026-12-01T10:00:00.000Z',
      );
    });

    it('marks the latest assessment stale until the next save', async () => {
      const failedAt = new Date('2026-12-01T11:00:00.000Z');
      await store.saveAssessment(newAssessment(shop, failingIngress));

      const marked = await store.markStale({
        entityRef: shop.entityRef,
        reason: 'Snapshot directory /x cannot be read',
        refreshedAt: failedAt,
      });
      const stale = await store.getAssessment(shop.entityRef);
      await store.saveAssessment(newAssessment(shop, unknownManagement));
      const fresh = await store.getAssessment(shop.entityRef);

      expect(marked).toBe(true);
      expect(stale?.stale).toBe(true);
      expect(stale?.staleReason).toBe('Snapshot directory /x cannot be read');
      expect(stale?.refreshedAt).toEqual(failedAt);
      expect(stale?.assessment).toEqual(failingIngress);
      expect(fresh?.stale).toBe(false);
      expect(fresh?.staleReason).toBeUndefined();
    });

    it('gives a stale assessment the current catalog facts', async () => {
      await store.saveAssessment(newAssessment(shop, failingIngress));

      await store.markStale({
        entityRef: shop.entityRef,
        reason: 'The source could not be read',
        refreshedAt: new Date('2026-12-01T11:00:00.000Z'),
        catalog: { owner: 'group:default/team-c', system: undefined },
      });
      const [facts] = await store.listAssessedEntities();
      const [entry] = await store.listFleet({
        owners: ['group:default/team-c'],
      });

      expect(facts.owner).toBe('group:default/team-c');
      expect(facts.title).toBeUndefined();
      expect(facts.system).toBeUndefined();
      expect(facts.clusterId).toBe(shop.clusterId);
      expect(entry.entityRef).toBe(shop.entityRef);
      expect(entry.stale).toBe(true);
    });

    it('keeps an assessment stale only for the annotations it was made from', async () => {
      await store.saveAssessment(
        newAssessment({ ...shop, scopeKey: 'former' }, failingIngress),
      );
      const options = {
        entityRef: shop.entityRef,
        reason: 'The source could not be read',
        refreshedAt: new Date('2026-12-01T11:00:00.000Z'),
      };

      const otherScope = await store.markStale({ ...options, scopeKey: 'new' });
      const sameScope = await store.markStale({
        ...options,
        scopeKey: 'former',
      });

      expect(otherScope).toBe(false);
      expect(sameScope).toBe(true);
      expect((await store.getAssessment(shop.entityRef))?.scopeKey).toBe(
        'former',
      );
    });

    it('keeps the last complete assessment while reads fail', async () => {
      const throttled = {
        target: shop.clusterId!,
        reason: 'throttled',
        message: 'Azure Resource Manager answered 429 three times',
      };
      await store.saveAssessment(
        newAssessment(shop, failingIngress, { source: 'azure' }),
      );

      for (const minute of ['10', '20']) {
        await store.saveAssessment(
          newAssessment(
            shop,
            {
              ...unknownManagement,
              evaluatedAt: `2026-12-01T11:${minute}:00.000Z`,
            },
            { source: 'azure', failedReads: [throttled] },
          ),
        );
      }
      const partial = await store.getAssessment(shop.entityRef);
      const [partialEntry] = await store.listFleet({});

      await store.saveAssessment(
        newAssessment(
          shop,
          { ...failingIngress, evaluatedAt: '2026-12-01T12:00:00.000Z' },
          { source: 'azure' },
        ),
      );
      const complete = await store.getAssessment(shop.entityRef);
      const [completeEntry] = await store.listFleet({});

      expect(partial?.assessment.evaluatedAt).toBe('2026-12-01T11:20:00.000Z');
      expect(partial?.assessment.verdict).toBe('fail');
      expect(partial?.stale).toBe(false);
      expect(partial?.failedReads).toEqual([throttled]);
      expect(partial?.lastComplete).toEqual({
        evaluatedAt: '2026-12-01T10:00:00.000Z',
        verdict: 'fail',
        flows: {
          ingress: 'fail',
          egress: 'not-applicable',
          'pod-to-pod': 'not-applicable',
          management: 'pass',
        },
        counts: failingIngress.counts,
        stale: true,
      });
      expect(partialEntry.failedReads).toBe(1);
      expect(complete?.failedReads).toEqual([]);
      expect(complete?.lastComplete).toBeUndefined();
      expect(completeEntry.failedReads).toBe(0);
    });

    it('saves a batch, last entry of an entity wins', async () => {
      const throttled = {
        target: shop.clusterId!,
        reason: 'throttled',
        message: 'Azure Resource Manager answered 429 three times',
      };
      const refreshedAt = new Date();

      await store.saveAssessments([
        newAssessment(shop, failingIngress, { source: 'azure', refreshedAt }),
        newAssessment(ledger, unknownManagement, {
          source: 'azure',
          refreshedAt,
        }),
        newAssessment(
          shop,
          { ...unknownManagement, evaluatedAt: '2026-12-01T11:00:00.000Z' },
          { source: 'azure', refreshedAt, failedReads: [throttled] },
        ),
      ]);
      const shopStored = await store.getAssessment(shop.entityRef);
      const ledgerStored = await store.getAssessment(ledger.entityRef);
      const shopHistory = await store.getHistory(shop.entityRef, {
        limit: 10,
        offset: 0,
      });

      expect(shopStored?.assessment.evaluatedAt).toBe(
        '2026-12-01T11:00:00.000Z',
      );
      expect(shopStored?.failedReads).toEqual([throttled]);
      expect(shopStored?.lastComplete?.evaluatedAt).toBe(
        failingIngress.evaluatedAt,
      );
      expect(shopHistory.total).toBe(2);
      expect(ledgerStored?.assessment).toEqual(unknownManagement);
    });

    it('answers concurrent reads of several entities each with its own row', async () => {
      const refreshedAt = new Date();
      await store.saveAssessments([
        newAssessment(shop, failingIngress, { source: 'azure', refreshedAt }),
        newAssessment(ledger, unknownManagement, { refreshedAt }),
      ]);

      const [shopStored, missing, ledgerStored] = await Promise.all([
        store.getAssessment(shop.entityRef),
        store.getAssessment('component:default/it\'s "quoted", {odd}'),
        store.getAssessmentJson(ledger.entityRef),
      ]);

      expect(shopStored?.assessment).toEqual(failingIngress);
      expect(shopStored?.source).toBe('azure');
      expect(missing).toBeUndefined();
      expect(JSON.parse(ledgerStored!.assessmentJson)).toEqual(
        unknownManagement,
      );
      expect(ledgerStored?.source).toBe('snapshot');
    });

    it('leaves prepared rows unchanged, so a failed call can be retried', async () => {
      const refreshedAt = new Date();
      const complete = store.prepareAssessment(
        newAssessment(shop, failingIngress, { source: 'azure', refreshedAt }),
      );
      const partial = store.prepareAssessment(
        newAssessment(
          shop,
          { ...unknownManagement, evaluatedAt: '2026-12-01T11:00:00.000Z' },
          {
            source: 'azure',
            refreshedAt,
            failedReads: [
              { target: shop.clusterId!, reason: 'throttled', message: '429' },
            ],
          },
        ),
      );

      await store.savePreparedAssessments([complete, partial]);
      const stored = await store.getAssessment(shop.entityRef);

      expect(stored?.lastComplete?.evaluatedAt).toBe(
        failingIngress.evaluatedAt,
      );
      expect(partial.latest.last_complete_at).toBeNull();
    });

    it('saves more assessments in one call than one statement holds', async () => {
      const entities = Array.from({ length: 120 }, (_, index) => ({
        entityRef: `component:default/service-${String(index).padStart(
          3,
          '0',
        )}`,
      }));

      await store.saveAssessments(
        entities.map(entity => newAssessment(entity, failingIngress)),
      );

      expect(await store.listEntityRefs()).toEqual(
        entities.map(entity => entity.entityRef),
      );
      const [{ count }] = await knex(HISTORY_TABLE).count({ count: '*' });
      expect(Number(count)).toBe(120);
    });

    it('lists the catalog facts stored with each latest assessment', async () => {
      await store.saveAssessments([
        newAssessment({ ...shop, scopeKey: 'shop-key' }, failingIngress),
        newAssessment(ledger, failingIngress),
      ]);

      expect(await store.listAssessedEntities()).toEqual([
        { ...ledger, title: undefined, scopeKey: undefined },
        { ...shop, scopeKey: 'shop-key' },
      ]);
    });

    it('stores none of the assessments of a call when one cannot be stored', async () => {
      // Breaks the NOT NULL constraint of the verdict column.
      const invalid = {
        ...failingIngress,
        verdict: null as unknown as Verdict,
      };

      await expect(
        store.saveAssessments([
          newAssessment(shop, failingIngress, { source: 'azure' }),
          newAssessment(ledger, invalid, { source: 'azure' }),
        ]),
      ).rejects.toMatchObject({
        // SQLite's error class may come from another test file's realm, so
        // the rejection is matched by its message, which names the column.
        message: expect.stringMatching(/verdict/),
      });

      expect(await store.listEntityRefs()).toEqual([]);
      const [{ count }] = await knex(HISTORY_TABLE).count({ count: '*' });
      expect(Number(count)).toBe(0);
    });

    it('omits a never complete or pruned last assessment', async () => {
      const failure = {
        target: 'kubernetes:NetworkPolicy',
        reason: 'forbidden',
        message: 'The Kubernetes API answered 403',
      };
      await store.saveAssessment(
        newAssessment(shop, unknownManagement, {
          source: 'azure',
          failedReads: [failure],
        }),
      );
      const neverComplete = await store.getAssessment(shop.entityRef);

      await store.saveAssessment(
        newAssessment(ledger, failingIngress, { source: 'azure' }),
      );
      await store.saveAssessment(
        newAssessment(
          ledger,
          { ...unknownManagement, evaluatedAt: '2026-12-02T10:00:00.000Z' },
          { source: 'azure', failedReads: [failure] },
        ),
      );
      await store.pruneHistory({
        before: new Date('2026-12-02T00:00:00.000Z'),
      });
      const pruned = await store.getAssessment(ledger.entityRef);

      expect(neverComplete?.failedReads).toEqual([failure]);
      expect(neverComplete?.lastComplete).toBeUndefined();
      expect(pruned?.failedReads).toEqual([failure]);
      expect(pruned?.lastComplete).toBeUndefined();
    });

    it('changes the history version on each save and prune', async () => {
      const empty = await store.getHistoryVersion();
      await store.saveAssessment(
        newAssessment(shop, failingIngress, { source: 'azure' }),
      );
      const saved = await store.getHistoryVersion();
      await store.markStale({
        entityRef: shop.entityRef,
        reason: 'The source could not be read',
        refreshedAt: new Date(),
      });
      const marked = await store.getHistoryVersion();
      await store.saveAssessment(
        newAssessment(
          shop,
          { ...unknownManagement, evaluatedAt: '2026-12-02T10:00:00.000Z' },
          { source: 'azure' },
        ),
      );
      const second = await store.getHistoryVersion();
      await store.pruneHistory({
        before: new Date('2026-12-02T00:00:00.000Z'),
      });
      const pruned = await store.getHistoryVersion();

      expect(new Set([empty, saved, second, pruned]).size).toBe(4);
      expect(marked).toBe(saved);
    });

    it('updates the statistics of the latest assessments', async () => {
      await store.saveAssessment(
        newAssessment(shop, failingIngress, { source: 'azure' }),
      );

      await store.updateStatistics();

      expect(await statisticsOf(knex)).toEqual({
        vacuumed: knex.client.dialect === 'postgresql',
        analyzed: true,
      });
    });

    it('does not mark an entity without an assessment', async () => {
      const marked = await store.markStale({
        entityRef: shop.entityRef,
        reason: 'x',
        refreshedAt: new Date(),
      });

      expect(marked).toBe(false);
      expect(await store.listEntityRefs()).toEqual([]);
    });

    describe('listFleet', () => {
      beforeEach(async () => {
        await store.saveAssessment(newAssessment(shop, failingIngress));
        await store.saveAssessment(newAssessment(ledger, unknownManagement));
      });

      async function refs(
        filter: Parameters<DatabaseAssessmentStore['listFleet']>[0],
      ) {
        return (await store.listFleet(filter)).map(entry => entry.entityRef);
      }

      it('returns every entry in entity reference order', async () => {
        const entries = await store.listFleet({});

        expect(entries).toEqual([
          {
            entityRef: 'component:default/ledger',
            title: undefined,
            owner: 'group:default/team-b',
            system: 'system:default/finance',
            clusterId: clusterId('aks-test'),
            verdict: 'fail',
            flows: {
              ingress: 'pass',
              egress: 'fail',
              'pod-to-pod': 'not-applicable',
              management: 'unknown',
            },
            failingBySeverity: { medium: 1 },
            evaluatedAt: '2026-12-01T10:00:00.000Z',
            stale: false,
            failedReads: 0,
          },
          {
            entityRef: 'component:default/shop',
            title: 'Shop',
            owner: 'group:default/team-a',
            system: 'system:default/payments',
            clusterId: clusterId('aks-prod'),
            verdict: 'fail',
            flows: {
              ingress: 'fail',
              egress: 'not-applicable',
              'pod-to-pod': 'not-applicable',
              management: 'pass',
            },
            failingBySeverity: { critical: 1 },
            evaluatedAt: '2026-12-01T10:00:00.000Z',
            stale: false,
            failedReads: 0,
          },
        ]);
      });

      it('filters by owner and system', async () => {
        expect(await refs({ owners: ['group:default/team-a'] })).toEqual([
          'component:default/shop',
        ]);
        expect(
          await refs({
            systems: ['system:default/finance', 'system:default/none'],
          }),
        ).toEqual(['component:default/ledger']);
        expect(
          await refs({
            owners: ['group:default/team-a'],
            systems: ['system:default/finance'],
          }),
        ).toEqual([]);
      });

      it('filters by cluster id or name in any case', async () => {
        expect(
          await refs({ cluster: clusterId('aks-prod').toUpperCase() }),
        ).toEqual(['component:default/shop']);
        expect(await refs({ cluster: 'AKS-TEST' })).toEqual([
          'component:default/ledger',
        ]);
        expect(await refs({ cluster: 'aks' })).toEqual([]);
      });

      it('filters by overall and flow verdicts', async () => {
        expect(await refs({ verdicts: ['fail'] })).toEqual([
          'component:default/ledger',
          'component:default/shop',
        ]);
        expect(
          await refs({ flow: 'management', verdicts: ['unknown'] }),
        ).toEqual(['component:default/ledger']);
        expect(
          await refs({ flow: 'ingress', verdicts: ['fail', 'warn'] }),
        ).toEqual(['component:default/shop']);
      });

      it('filters by failing severity', async () => {
        expect(await refs({ severity: 'critical' })).toEqual([
          'component:default/shop',
        ]);
        expect(await refs({ severity: 'medium' })).toEqual([
          'component:default/ledger',
        ]);
        expect(await refs({ severity: 'low' })).toEqual([]);
      });
    });

    describe('fleet order, pages and counts', () => {
      const verdicts = ['pass', 'fail', 'unknown', 'warn'] as const;
      const titles = ['Shop', 'shop', 'Alpha', undefined, 'beta', 'Zulu'];
      const owners = ['group:default/Team-A', 'group:default/team-a'];
      const clusters = ['aks-prod', 'AKS-Prod', 'aks-dev', undefined];

      beforeEach(async () => {
        for (let index = 0; index < 12; index += 1) {
          const cluster = clusters[index % clusters.length];
          const entity: AssessedEntity = {
            entityRef: `component:default/service-${index % 7}-${index}`,
            title: titles[index % titles.length],
            owner: index % 3 === 0 ? undefined : owners[index % 2],
            system: index % 4 === 0 ? undefined : 'system:default/shop',
            clusterId: cluster ? clusterId(cluster) : undefined,
          };
          const assessment = buildAssessment(
            [
              {
                checkId: 'ingress.appgw.min-tls-version',
                flow: 'ingress',
                verdict: verdicts[index % verdicts.length],
              },
              {
                checkId: 'mgmt.aks.api-server-exposure',
                flow: 'management',
                verdict: verdicts[(index + 1) % verdicts.length],
              },
            ],
            `2026-12-0${1 + (index % 3)}T10:00:00.000Z`,
          );
          await store.saveAssessment(newAssessment(entity, assessment));
        }
      });

      const orders: FleetOrder[] = (
        [
          'entityRef',
          'title',
          'owner',
          'system',
          'cluster',
          'verdict',
          'evaluatedAt',
        ] as const
      ).flatMap(sort => [
        { sort, order: 'asc' as const },
        { sort, order: 'desc' as const },
      ]);

      it.each(orders.map(order => [order.sort, order.order, order]))(
        'sorts by %s %s as in memory',
        async (_sort, _direction, order) => {
          const expected = (await store.listFleet({}))
            .sort((a, b) => compareFleetEntries(order as FleetOrder, a, b))
            .map(entry => entry.entityRef);

          const sorted = await store.listFleet(
            {},
            { order: order as FleetOrder },
          );

          expect(sorted.map(entry => entry.entityRef)).toEqual(expected);
        },
      );

      it('pages the sorted entries', async () => {
        const order: FleetOrder = { sort: 'title', order: 'desc' };
        const all = await store.listFleet({}, { order });

        const page = await store.listFleet({}, { order, limit: 5, offset: 5 });
        const last = await store.listFleet({}, { order, limit: 5, offset: 10 });

        expect(page).toEqual(all.slice(5, 10));
        expect(last).toEqual(all.slice(10));
        expect(last).toHaveLength(2);
      });

      it('counts verdicts and flow verdicts of the filtered entries', async () => {
        const filter = { verdicts: ['fail' as const, 'unknown' as const] };
        const entries = await store.listFleet(filter);

        const counts = await store.countFleet(filter);

        expect(entries).toHaveLength(9);
        expect(counts.total).toBe(9);
        expect(counts.verdictCounts).toEqual({
          fail: 6,
          unknown: 3,
          warn: 0,
          pass: 0,
          'not-applicable': 0,
        });
        for (const flow of ['ingress', 'management'] as const) {
          for (const verdict of verdicts) {
            expect(counts.flowCounts[flow][verdict]).toBe(
              entries.filter(entry => entry.flows[flow] === verdict).length,
            );
          }
        }
        expect(counts.flowCounts.egress['not-applicable']).toBe(9);
      });

      it('counts nothing when nothing matches', async () => {
        const counts = await store.countFleet({ severity: 'critical' });

        expect(counts.total).toBe(0);
        expect(counts.verdictCounts.fail).toBe(0);
        expect(counts.flowCounts.ingress.pass).toBe(0);
      });
    });

    describe('getLatestHistory', () => {
      async function save(
        entity: AssessedEntity,
        assessment: typeof failingIngress,
        evaluatedAt: string,
      ) {
        await store.saveAssessment(
          newAssessment(entity, { ...assessment, evaluatedAt }),
        );
      }

      async function latestTimes(options: {
        entityRefs: string[];
        from?: string;
        before: string;
      }) {
        const records = await store.getLatestHistory({
          entityRefs: options.entityRefs,
          from: options.from ? new Date(options.from) : undefined,
          before: new Date(options.before),
        });
        return Object.fromEntries(
          [...records].map(([entityRef, record]) => [
            entityRef,
            record.evaluatedAt.toISOString(),
          ]),
        );
      }

      beforeEach(async () => {
        await save(shop, failingIngress, '2026-12-01T10:00:00.000Z');
        await save(shop, unknownManagement, '2026-12-02T00:00:00.000Z');
        await save(shop, failingIngress, '2026-12-02T23:59:59.999Z');
        await save(ledger, unknownManagement, '2026-12-01T12:00:00.000Z');
      });

      it('returns the latest record before a time', async () => {
        const records = await store.getLatestHistory({
          entityRefs: [shop.entityRef, ledger.entityRef],
          before: new Date('2026-12-02T12:00:00.000Z'),
        });

        expect([...records.keys()].sort()).toEqual([
          ledger.entityRef,
          shop.entityRef,
        ]);
        expect(records.get(shop.entityRef)).toEqual({
          evaluatedAt: new Date('2026-12-02T00:00:00.000Z'),
          verdict: 'fail',
          source: 'snapshot',
          flows: {
            ingress: 'pass',
            egress: 'fail',
            'pod-to-pod': 'not-applicable',
            management: 'unknown',
          },
          counts: unknownManagement.counts,
          checks: {
            'ingress.appgw.min-tls-version': 'pass',
            'mgmt.aks.api-server-exposure': 'unknown',
            'egress.aks.outbound-type': 'fail',
          },
        });
        expect(records.get(ledger.entityRef)?.evaluatedAt).toEqual(
          new Date('2026-12-01T12:00:00.000Z'),
        );
      });

      it('includes from and excludes before', async () => {
        expect(
          await latestTimes({
            entityRefs: [shop.entityRef, ledger.entityRef],
            from: '2026-12-02T00:00:00.000Z',
            before: '2026-12-02T23:59:59.999Z',
          }),
        ).toEqual({ [shop.entityRef]: '2026-12-02T00:00:00.000Z' });
        expect(
          await latestTimes({
            entityRefs: [shop.entityRef],
            from: '2026-12-02T00:00:00.000Z',
            before: '2026-12-03T00:00:00.000Z',
          }),
        ).toEqual({ [shop.entityRef]: '2026-12-02T23:59:59.999Z' });
      });

      it('leaves out entities without a record in range', async () => {
        expect(
          await latestTimes({
            entityRefs: [shop.entityRef, ledger.entityRef],
            from: '2026-12-01T11:00:00.000Z',
            before: '2026-12-01T23:00:00.000Z',
          }),
        ).toEqual({ [ledger.entityRef]: '2026-12-01T12:00:00.000Z' });
        expect(
          await latestTimes({
            entityRefs: [shop.entityRef, 'component:default/other'],
            before: '2026-12-01T10:00:00.000Z',
          }),
        ).toEqual({});
        expect(
          await latestTimes({
            entityRefs: [],
            before: '2026-12-09T00:00:00.000Z',
          }),
        ).toEqual({});
      });

      it('returns the record saved last among equal times', async () => {
        await save(ledger, failingIngress, '2026-12-01T12:00:00.000Z');

        const records = await store.getLatestHistory({
          entityRefs: [ledger.entityRef],
          before: new Date('2026-12-09T00:00:00.000Z'),
        });

        expect(records.get(ledger.entityRef)?.checks).toEqual({
          'ingress.appgw.min-tls-version': 'fail',
          'mgmt.aks.api-server-exposure': 'pass',
        });
      });

      it('reads more entities than one batch', async () => {
        const entityRefs = Array.from(
          { length: 1200 },
          (_, index) => `component:default/service-${index}`,
        );
        // SQLite limits the terms of one multi-row insert, so insert in chunks.
        await knex.batchInsert(
          HISTORY_TABLE,
          entityRefs.map(entityRef => ({
            entity_ref: entityRef,
            evaluated_at: new Date('2026-12-01T08:00:00.000Z'),
            verdict: 'pass',
            source: 'snapshot',
            summary: JSON.stringify({ flows: {}, counts: {}, checks: {} }),
          })),
          200,
        );

        const records = await store.getLatestHistory({
          entityRefs,
          before: new Date('2026-12-02T00:00:00.000Z'),
        });

        // The beforeEach saved shop and ledger, which were not asked for.
        expect(records.size).toBe(1200);
        expect(records.has(shop.entityRef)).toBe(false);
        expect(
          records.get('component:default/service-1199')?.evaluatedAt,
        ).toEqual(new Date('2026-12-01T08:00:00.000Z'));
      });
    });

    it('deletes the latest assessments of removed entities', async () => {
      await store.saveAssessment(newAssessment(shop, failingIngress));
      await store.saveAssessment(newAssessment(ledger, failingIngress));

      const deleted = await store.deleteAssessments([
        shop.entityRef,
        'component:default/gone',
      ]);

      expect(deleted).toBe(1);
      expect(await store.listEntityRefs()).toEqual([ledger.entityRef]);
    });

    it('prunes history older than the cutoff', async () => {
      await store.saveAssessment(
        newAssessment(shop, {
          ...failingIngress,
          evaluatedAt: '2026-08-01T00:00:00.000Z',
        }),
      );
      await store.saveAssessment(
        newAssessment(shop, {
          ...unknownManagement,
          evaluatedAt: '2026-11-30T00:00:00.000Z',
        }),
      );

      const pruned = await store.pruneHistory({
        before: new Date('2026-09-01T00:00:00.000Z'),
      });
      const history = await store.getHistory(shop.entityRef, {
        limit: 10,
        offset: 0,
      });

      expect(pruned).toBe(1);
      expect(history.total).toBe(1);
      expect(history.items[0].evaluatedAt.toISOString()).toBe(
        '2026-11-30T00:00:00.000Z',
      );
    });

    it('keeps the newest row of an assessed entity when pruning', async () => {
      const old = {
        ...failingIngress,
        evaluatedAt: '2026-08-01T00:00:00.000Z',
      };
      await store.saveAssessment(newAssessment(shop, old));
      await store.saveAssessment(newAssessment(ledger, old));
      await store.deleteAssessments([ledger.entityRef]);

      const pruned = await store.pruneHistory({
        before: new Date('2026-09-01T00:00:00.000Z'),
      });
      const shopHistory = await store.getHistory(shop.entityRef, {
        limit: 10,
        offset: 0,
      });
      const ledgerHistory = await store.getHistory(ledger.entityRef, {
        limit: 10,
        offset: 0,
      });

      expect(pruned).toBe(1);
      expect(shopHistory.total).toBe(1);
      expect(shopHistory.items[0].evaluatedAt.toISOString()).toBe(
        '2026-08-01T00:00:00.000Z',
      );
      expect(ledgerHistory.total).toBe(0);
    });

    it('adds history only when the verdicts change', async () => {
      const withExtraCheck = buildAssessment([
        ...failingIngress.checks.map(check => ({
          checkId: check.checkId,
          flow: check.flow,
          verdict: check.verdict,
        })),
        {
          checkId: 'ingress.appgw.https-only',
          flow: 'ingress',
          verdict: 'fail',
        },
      ]);
      const at = (minute: string) => `2026-12-01T10:${minute}:00.000Z`;

      await store.saveAssessment(
        newAssessment(shop, { ...failingIngress, evaluatedAt: at('00') }),
      );
      await store.saveAssessment(
        newAssessment(shop, { ...failingIngress, evaluatedAt: at('10') }),
      );
      const unchanged = await store.getAssessment(shop.entityRef);
      const historyUnchanged = await store.getHistory(shop.entityRef, {
        limit: 10,
        offset: 0,
      });
      // Same overall and flow verdicts, one more failing check.
      await store.saveAssessment(
        newAssessment(shop, { ...withExtraCheck, evaluatedAt: at('20') }),
      );
      await store.saveAssessments([
        newAssessment(shop, { ...failingIngress, evaluatedAt: at('30') }),
        newAssessment(shop, { ...failingIngress, evaluatedAt: at('40') }),
        newAssessment(shop, { ...unknownManagement, evaluatedAt: at('50') }),
      ]);
      const latest = await store.getAssessment(shop.entityRef);
      const history = await store.getHistory(shop.entityRef, {
        limit: 10,
        offset: 0,
      });

      expect(unchanged?.assessment.evaluatedAt).toBe(at('10'));
      expect(historyUnchanged.total).toBe(1);
      expect(latest?.assessment.evaluatedAt).toBe(at('50'));
      expect(history.total).toBe(4);
      expect(history.items.map(item => item.evaluatedAt.toISOString())).toEqual(
        [at('50'), at('30'), at('20'), at('00')],
      );
    });

    it('reads the last complete verdicts from an earlier row', async () => {
      await store.saveAssessment(
        newAssessment(shop, {
          ...failingIngress,
          evaluatedAt: '2026-12-01T10:00:00.000Z',
        }),
      );
      await store.saveAssessment(
        newAssessment(shop, {
          ...failingIngress,
          evaluatedAt: '2026-12-01T11:00:00.000Z',
        }),
      );
      await store.saveAssessment(
        newAssessment(
          shop,
          { ...unknownManagement, evaluatedAt: '2026-12-01T12:00:00.000Z' },
          {
            failedReads: [
              { target: shop.clusterId!, reason: 'throttled', message: '429' },
            ],
          },
        ),
      );

      const stored = await store.getAssessment(shop.entityRef);

      expect(stored?.lastComplete?.evaluatedAt).toBe(
        '2026-12-01T11:00:00.000Z',
      );
      expect(stored?.lastComplete?.verdict).toBe(failingIngress.verdict);
      expect(stored?.lastComplete?.counts).toEqual(failingIngress.counts);
    });
  },
);

const postgres = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe.each(postgres.eachSupportedId())(
  'DatabaseAssessmentStore storage on %s',
  databaseId => {
    it('compresses the stored assessments with lz4', async () => {
      const knex = await postgres.init(databaseId);
      await DatabaseAssessmentStore.create({
        database: mockServices.database({ knex }),
      });
      const compression = async () => {
        const { rows } = await knex.raw(
          `SELECT attcompression FROM pg_attribute
           WHERE attrelid = ?::regclass AND attname = 'assessment'`,
          [ASSESSMENTS_TABLE],
        );
        return rows[0].attcompression;
      };

      const directory = `${__dirname}/../../migrations`;
      const migrated = await compression();
      // Reverts the scope key, the fleet revision, then the lz4 compression.
      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      await knex.migrate.down({ directory });
      const reverted = await compression();

      expect(migrated).toBe('l');
      expect(reverted).toBe('');
    });
  },
);

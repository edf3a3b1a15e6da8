import {
  mockErrorHandler,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FleetEntry } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import request from 'supertest';
import { buildAssessment } from '../../__testUtils__/assessments';
import { clusterId } from '../../__testUtils__/fixtures';
import { AssessedEntity } from '../../database/AssessmentStore';
import {
  DatabaseAssessmentStore,
  FLEET_VERSION_MAX_AGE_MS,
} from '../../database/DatabaseAssessmentStore';
import { DefaultFleetService } from '../DefaultFleetService';
import { EntityAuthorizer } from '../EntityAuthorizer';
import { FleetPageCache } from '../FleetPageCache';
import { permissionsWithReadDecision } from '../__testUtils__/permissions';
import { bindGetFleetEndpoint } from './getFleet';

jest.setTimeout(60_000);

// PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function entity(name: string, owner: string): AssessedEntity {
  return {
    entityRef: `component:default/${name}`,
    owner: `group:default/${owner}`,
    clusterId: clusterId('aks-prod'),
  };
}

function names(body: { items: FleetEntry[] }): string[] {
  return body.items.map(item => item.entityRef.split('/')[1]);
}

describe.each(databases.eachSupportedId())('GET /fleet on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseAssessmentStore;
  let now: number;
  let queries: string[];

  async function createStore() {
    return await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex }),
      now: () => now,
    });
  }

  async function save(
    target: DatabaseAssessmentStore,
    assessed: AssessedEntity,
    verdict: 'pass' | 'fail',
  ) {
    await target.saveAssessment({
      entity: assessed,
      assessment: buildAssessment([
        {
          checkId: 'mgmt.aks.api-server-exposure',
          flow: 'management',
          verdict,
        },
      ]),
      source: 'snapshot',
      refreshedAt: new Date(now + Date.parse('2026-12-01T10:00:00.000Z')),
      failedReads: [],
    });
  }

  function createApp(
    options: {
      permissions?: ReturnType<typeof mockServices.permissions.mock>;
      pageCache?: FleetPageCache;
    } = {},
  ) {
    const router = Router();
    bindGetFleetEndpoint(router, {
      httpAuth: mockServices.httpAuth(),
      fleet: new DefaultFleetService({
        store,
        authorizer: new EntityAuthorizer(
          options.permissions ??
            permissionsWithReadDecision(AuthorizeResult.ALLOW),
        ),
        pageCache: options.pageCache,
      }),
    });
    return express().use(router).use(mockErrorHandler());
  }

  beforeEach(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    now = 0;
    store = await createStore();
    for (const [name, owner] of [
      ['alpha', 'team-a'],
      ['bravo', 'team-b'],
      ['charlie', 'team-a'],
    ]) {
      await save(store, entity(name, owner), 'pass');
    }

    queries = [];
    knex.on('query', (query: { sql: string }) => queries.push(query.sql));
  });

  it('reads nothing from the database for a page it has read', async () => {
    const app = createApp();
    const listFleet = jest.spyOn(store, 'listFleet');
    const countFleet = jest.spyOn(store, 'countFleet');

    const first = await request(app).get('/fleet?limit=2');
    const queriesForFirst = queries.length;
    const again = await request(app).get('/fleet?limit=2');

    expect(first.status).toBe(200);
    expect(names(first.body)).toEqual(['alpha', 'bravo']);
    expect(first.body.total).toBe(3);
    expect(again.body).toEqual(first.body);
    expect(queriesForFirst).toBe(3);
    expect(queries).toHaveLength(queriesForFirst);
    expect(listFleet).toHaveBeenCalledTimes(1);
    expect(countFleet).toHaveBeenCalledTimes(1);
  });

  it('reads a page once for lists given in any order', async () => {
    const app = createApp();
    const listFleet = jest.spyOn(store, 'listFleet');

    const first = await request(app).get('/fleet?owner=team-a,team-b');
    const reordered = await request(app).get(
      '/fleet?owner=team-b&owner=team-a&owner=team-b',
    );

    expect(reordered.body).toEqual(first.body);
    expect(listFleet).toHaveBeenCalledTimes(1);
  });

  it('shows a save through the store on the next request', async () => {
    const app = createApp();
    await request(app).get('/fleet');

    await save(store, entity('delta', 'team-b'), 'fail');
    const response = await request(app).get('/fleet');

    expect(names(response.body)).toEqual([
      'alpha',
      'bravo',
      'charlie',
      'delta',
    ]);
    expect(response.body.total).toBe(4);
    expect(response.body.verdictCounts.fail).toBe(1);
  });

  it('shows a stale mark and a deletion on the next request', async () => {
    const app = createApp();
    await request(app).get('/fleet');

    await store.markStale({
      entityRef: 'component:default/alpha',
      reason: 'The cluster could not be read',
      refreshedAt: new Date(),
    });
    const marked = await request(app).get('/fleet');
    await store.deleteAssessments(['component:default/bravo']);
    const deleted = await request(app).get('/fleet');

    expect(marked.body.items[0].stale).toBe(true);
    expect(names(deleted.body)).toEqual(['alpha', 'charlie']);
    expect(deleted.body.total).toBe(2);
  });

  it('shows a write through another store a second later', async () => {
    const app = createApp();
    const other = await createStore();
    await request(app).get('/fleet');

    now += 1;
    await save(other, entity('delta', 'team-b'), 'fail');
    now += FLEET_VERSION_MAX_AGE_MS - 2;
    const before = await request(app).get('/fleet');
    now += 1;
    const after = await request(app).get('/fleet');

    expect(before.body.total).toBe(3);
    expect(after.body.total).toBe(4);
    expect(names(after.body)).toContain('delta');
  });

  it("shows another store's same-time stale mark", async () => {
    const app = createApp();
    const other = await createStore();
    await request(app).get('/fleet');

    // A stale mark with the refresh time of the stored row changes neither
    // the number of rows nor any refresh time.
    await other.markStale({
      entityRef: 'component:default/alpha',
      reason: 'The cluster could not be read',
      refreshedAt: new Date(Date.parse('2026-12-01T10:00:00.000Z')),
    });
    now += FLEET_VERSION_MAX_AGE_MS;
    const response = await request(app).get('/fleet');

    expect(names(response.body)).toEqual(['alpha', 'bravo', 'charlie']);
    expect(response.body.items[0].stale).toBe(true);
  });

  it('shares one version read between concurrent requests', async () => {
    const app = createApp();
    now += FLEET_VERSION_MAX_AGE_MS;
    queries = [];

    const responses = await Promise.all(
      [0, 1, 2, 3].map(offset => request(app).get(`/fleet?offset=${offset}`)),
    );

    expect(responses.map(response => response.status)).toEqual([
      200, 200, 200, 200,
    ]);
    // One version read, and one block and one count shared by the pages.
    expect(queries).toHaveLength(3);
  });

  it('cuts the pages of one block from one read', async () => {
    const app = createApp();
    const listFleet = jest.spyOn(store, 'listFleet');

    const pages = [];
    for (const offset of [0, 1, 2]) {
      pages.push(await request(app).get(`/fleet?limit=1&offset=${offset}`));
    }

    expect(pages.map(page => names(page.body))).toEqual([
      ['alpha'],
      ['bravo'],
      ['charlie'],
    ]);
    expect(listFleet).toHaveBeenCalledTimes(1);
    expect(listFleet.mock.calls[0][1]).toMatchObject({ limit: 500, offset: 0 });
  });

  it('joins a page across two blocks', async () => {
    const app = createApp({ pageCache: new FleetPageCache({ blockSize: 2 }) });
    const listFleet = jest.spyOn(store, 'listFleet');

    const response = await request(app).get('/fleet?limit=2&offset=1');

    expect(names(response.body)).toEqual(['bravo', 'charlie']);
    expect(response.body.offset).toBe(1);
    expect(listFleet.mock.calls.map(call => call[1])).toEqual([
      expect.objectContaining({ limit: 2, offset: 0 }),
      expect.objectContaining({ limit: 2, offset: 2 }),
    ]);
  });

  it('keeps at most the configured number of blocks', async () => {
    const pageCache = new FleetPageCache({ blockSize: 1, maxBlocks: 2 });
    const app = createApp({ pageCache });
    const listFleet = jest.spyOn(store, 'listFleet');

    for (const offset of [0, 1, 2, 2, 1, 0]) {
      await request(app).get(`/fleet?limit=1&offset=${offset}`);
    }

    expect(pageCache.size).toEqual({ blocks: 2, counts: 1 });
    // Offsets 2 and 1 were kept; offset 0 was dropped when 2 came in.
    expect(listFleet).toHaveBeenCalledTimes(4);
  });

  it('reads every page again for a conditional decision', async () => {
    const app = createApp({
      permissions: permissionsWithReadDecision(AuthorizeResult.CONDITIONAL),
    });
    const other = await createStore();
    const listFleet = jest.spyOn(store, 'listFleet');

    await request(app).get('/fleet');
    await save(other, entity('delta', 'team-b'), 'fail');
    const response = await request(app).get('/fleet');

    expect(response.body.total).toBe(4);
    expect(listFleet).toHaveBeenCalledTimes(2);
  });

  it('reads nothing for a denied caller', async () => {
    const app = createApp({
      permissions: permissionsWithReadDecision(AuthorizeResult.DENY),
    });

    const response = await request(app).get('/fleet');

    expect(response.body.items).toEqual([]);
    expect(response.body.total).toBe(0);
    expect(queries).toEqual([]);
  });
});

import fs from 'fs';
import {
  createMockDirectory,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ANNOTATIONS } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { buildAssessment } from '../__testUtils__/assessments';
import {
  annotatedComponent,
  clusterId,
  GATEWAY_ID,
  privateClusterJson,
  publicClusterJson,
} from '../__testUtils__/fixtures';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { ResourceSource } from '../sources/ResourceSource';
import { SnapshotResourceSource } from '../sources/SnapshotResourceSource';
import { AssessmentRefresher } from './AssessmentRefresher';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const publicShop = annotatedComponent('shop', { cluster: 'aks-public' });
const privateLedger = annotatedComponent('ledger', {
  cluster: 'aks-private',
  owner: 'group:finance/team-b',
  system: 'finance',
});
const unannotated: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'website', namespace: 'default' },
  spec: { type: 'website', owner: 'team-a' },
};
const missingGateway = annotatedComponent('broken', { cluster: 'aks-public' });
delete missingGateway.metadata.annotations![ANNOTATIONS.gatewayId];

function verdictOf(
  stored:
    | { assessment: { checks: { checkId: string; verdict: string }[] } }
    | undefined,
  checkId: string,
) {
  return stored?.assessment.checks.find(check => check.checkId === checkId)
    ?.verdict;
}

describe('AssessmentRefresher', () => {
  const mockDir = createMockDirectory();
  let store: DatabaseAssessmentStore;
  let source: SnapshotResourceSource;

  beforeEach(async () => {
    mockDir.setContent({
      'azure/aks-public.json': publicClusterJson('aks-public'),
      'azure/aks-private.json': privateClusterJson('aks-private'),
    });
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex }),
    });
    source = new SnapshotResourceSource({ directory: mockDir.path });
  });

  function createRefresher(
    entities: Entity[],
    retentionDays: number = 90,
    options: {
      catalog?: ReturnType<typeof catalogServiceMock>;
      logger?: ReturnType<typeof mockServices.logger.mock>;
      source?: ResourceSource;
    } = {},
  ) {
    return new AssessmentRefresher({
      catalog: options.catalog ?? catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: options.logger ?? mockServices.logger.mock(),
      store,
      source: options.source ?? source,
      policy: {},
      historyRetentionDays: retentionDays,
    });
  }

  it('assesses every annotated entity', async () => {
    const refresher = createRefresher([
      publicShop,
      privateLedger,
      unannotated,
      missingGateway,
    ]);

    const summary = await refresher.refreshAll();
    const shop = await store.getAssessment('component:default/shop');
    const ledger = await store.getAssessment('component:default/ledger');

    expect(summary).toEqual({
      assessed: 2,
      withFailedReads: 0,
      stale: 0,
      skipped: 1,
      removed: 0,
      pruned: 0,
    });
    expect(await store.listEntityRefs()).toEqual([
      'component:default/ledger',
      'component:default/shop',
    ]);
    expect(verdictOf(shop, 'mgmt.aks.api-server-exposure')).toBe('fail');
    expect(verdictOf(ledger, 'mgmt.aks.api-server-exposure')).toBe('pass');
    expect(shop?.source).toBe('snapshot');
    expect(shop?.stale).toBe(false);
  });

  it('stores the owner and system for the fleet', async () => {
    await createRefresher([privateLedger]).refreshAll();

    const [entry] = await store.listFleet({});

    expect(entry.owner).toBe('group:finance/team-b');
    expect(entry.system).toBe('system:default/finance');
    expect(entry.clusterId).toBe(
      privateLedger.metadata.annotations![ANNOTATIONS.clusterId],
    );
  });

  it('stores the owner and system from the relations', async () => {
    const related = annotatedComponent('gateway-api', {
      cluster: 'aks-public',
    });
    delete related.spec!.owner;
    delete related.spec!.system;
    related.relations = [
      { type: 'ownedBy', targetRef: 'group:default/platform' },
      { type: 'partOf', targetRef: 'system:default/edge' },
    ];

    await createRefresher([related]).refreshAll();
    const [entry] = await store.listFleet({});

    expect(entry.owner).toBe('group:default/platform');
    expect(entry.system).toBe('system:default/edge');
  });

  it('keeps the last good assessment stale when the source fails', async () => {
    const refresher = createRefresher([publicShop]);
    await refresher.refreshAll();
    const good = await store.getAssessment('component:default/shop');

    fs.rmSync(mockDir.path, { recursive: true, force: true });
    const summary = await refresher.refreshAll();
    const kept = await store.getAssessment('component:default/shop');
    const history = await store.getHistory('component:default/shop', {
      limit: 10,
      offset: 0,
    });

    expect(summary.stale).toBe(1);
    expect(summary.assessed).toBe(0);
    expect(kept?.stale).toBe(true);
    expect(kept?.staleReason).toBe(
      `The snapshot source could not be read: Snapshot directory ${mockDir.path} cannot be read: it does not exist; set aksTrafficSecurity.snapshot.directory to a directory with azure/ and kubernetes/ folders`,
    );
    expect(kept?.assessment).toEqual(good?.assessment);
    expect(kept!.refreshedAt.getTime()).toBeGreaterThanOrEqual(
      good!.refreshedAt.getTime(),
    );
    expect(history.total).toBe(1);
  });

  it('logs one warning for entities failing alike', async () => {
    const logger = mockServices.logger.mock();
    const refresher = createRefresher([publicShop, privateLedger], 90, {
      logger,
    });

    fs.rmSync(mockDir.path, { recursive: true, force: true });
    await refresher.refreshAll();
    const readWarnings = logger.warn.mock.calls.filter(([message]) =>
      String(message).startsWith('Failed to read the resources'),
    );

    expect(readWarnings).toEqual([
      [
        'Failed to read the resources of 2 entities',
        {
          source: 'snapshot',
          error: expect.stringContaining(
            `Snapshot directory ${mockDir.path} cannot be read`,
          ),
          entityRefs: 'component:default/ledger, component:default/shop',
        },
      ],
    ]);
  });

  it('clears the stale mark once the source reads again', async () => {
    const refresher = createRefresher([publicShop]);
    await refresher.refreshAll();
    fs.rmSync(mockDir.path, { recursive: true, force: true });
    await refresher.refreshAll();

    mockDir.setContent({
      'azure/aks-public.json': publicClusterJson('aks-public'),
    });
    await refresher.refreshAll();
    const fresh = await store.getAssessment('component:default/shop');

    expect(fresh?.stale).toBe(false);
    expect(fresh?.staleReason).toBeUndefined();
  });

  it('keeps the last complete assessment when some reads fail', async () => {
    const refresher = createRefresher([publicShop, privateLedger]);
    await refresher.refreshAll();
    const complete = await store.getAssessment('component:default/shop');

    mockDir.setContent({
      'azure/aks-public.json': publicClusterJson('aks-public').slice(0, 40),
      'azure/aks-private.json': privateClusterJson('aks-private'),
    });
    const summary = await refresher.refreshAll();
    const partial = await store.getAssessment('component:default/shop');

    // Every entity reads the whole snapshot, so both see the broken file.
    expect(summary).toMatchObject({ assessed: 2, withFailedReads: 2 });
    expect(partial?.stale).toBe(false);
    expect(partial?.failedReads).toEqual([
      expect.objectContaining({
        target: 'azure/aks-public.json',
        reason: 'invalid-document',
      }),
    ]);
    expect(verdictOf(partial, 'mgmt.aks.api-server-exposure')).toBe('unknown');
    expect(partial?.lastComplete).toMatchObject({
      evaluatedAt: complete?.assessment.evaluatedAt,
      verdict: complete?.assessment.verdict,
      stale: true,
    });
  });

  it('stores unknown verdicts when the first read fails', async () => {
    fs.rmSync(mockDir.path, { recursive: true, force: true });

    const stored = await createRefresher([publicShop]).refreshEntity(
      publicShop,
    );
    const check = stored.assessment.checks.find(
      result => result.checkId === 'mgmt.aks.api-server-exposure',
    );

    expect(stored.stale).toBe(false);
    expect(check?.verdict).toBe('unknown');
    expect(check?.reason).toBe('source-unavailable');
    expect(check?.message).toContain(
      `Snapshot directory ${mockDir.path} cannot be read`,
    );
    expect(stored.assessment.verdict).toBe('unknown');
    expect(stored.failedReads.map(read => read.reason)).toContain(
      'source-unavailable',
    );
    expect(stored.lastComplete).toBeUndefined();
  });

  it('removes assessments of entities no longer annotated', async () => {
    await createRefresher([publicShop, privateLedger]).refreshAll();

    const summary = await createRefresher([
      privateLedger,
      unannotated,
    ]).refreshAll();

    expect(summary.removed).toBe(1);
    expect(await store.listEntityRefs()).toEqual(['component:default/ledger']);
  });

  it('prunes history older than the retention', async () => {
    await store.saveAssessment({
      entity: { entityRef: 'component:default/shop' },
      assessment: buildAssessment(
        [],
        new Date(Date.now() - 3 * 86_400_000).toISOString(),
      ),
      source: 'snapshot',
      refreshedAt: new Date(),
      failedReads: [],
    });

    const summary = await createRefresher([publicShop], 2).refreshAll();
    const history = await store.getHistory('component:default/shop', {
      limit: 10,
      offset: 0,
    });

    expect(summary.pruned).toBe(1);
    expect(history.total).toBe(1);
  });

  it('shares one read between concurrent refreshes of an entity', async () => {
    const refresher = createRefresher([publicShop]);
    const read = jest.spyOn(source, 'readResourceSet');

    const [first, second] = await Promise.all([
      refresher.refreshEntity(publicShop),
      refresher.refreshEntity(publicShop),
    ]);
    await refresher.refreshEntity(publicShop);
    const history = await store.getHistory('component:default/shop', {
      limit: 10,
      offset: 0,
    });

    expect(first).toEqual(second);
    expect(read).toHaveBeenCalledTimes(2);
    // The third refresh read again but changed no verdict, so added no row.
    expect(history.total).toBe(1);
  });

  it('finishes when the statistics cannot be updated', async () => {
    jest
      .spyOn(store, 'updateStatistics')
      .mockRejectedValue(new Error('permission denied to vacuum'));

    const summary = await createRefresher([publicShop]).refreshAll();

    expect(summary.assessed).toBe(1);
    expect(await store.listEntityRefs()).toEqual(['component:default/shop']);
  });

  it('lists the catalog again after a failed page', async () => {
    const catalog = catalogServiceMock({
      entities: [publicShop, privateLedger],
    });
    const logger = mockServices.logger.mock();
    const listAll = catalog.streamEntities.bind(catalog);
    jest
      .spyOn(catalog, 'streamEntities')
      .mockImplementationOnce(async function* brokenListing() {
        yield [publicShop];
        throw new Error('read ECONNRESET');
      })
      .mockImplementation(listAll);
    const refresher = createRefresher([], 90, { catalog, logger });

    const summary = await refresher.refreshAll();
    const history = await store.getHistory('component:default/shop', {
      limit: 10,
      offset: 0,
    });

    expect(summary).toMatchObject({ assessed: 2, removed: 0 });
    expect(history.total).toBe(1);
    expect(await store.listEntityRefs()).toEqual([
      'component:default/ledger',
      'component:default/shop',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Failed to list catalog entities after 1 of them; listing again (attempt 2 of 3)',
      expect.any(Error),
    );
  });

  it('gives up listing the catalog after three failures', async () => {
    const catalog = catalogServiceMock({ entities: [publicShop] });
    jest
      .spyOn(catalog, 'streamEntities')
      .mockImplementation(async function* brokenListing() {
        throw new Error('read ECONNRESET');
      });
    const refresher = createRefresher([], 90, { catalog });

    await expect(refresher.refreshAll()).rejects.toThrow('read ECONNRESET');
    expect(catalog.streamEntities).toHaveBeenCalledTimes(3);
  });

  it('rejects an entity with invalid annotations', async () => {
    const refresher = createRefresher([missingGateway]);

    await expect(refresher.refreshEntity(missingGateway)).rejects.toThrow(
      "Entity 'component:default/broken' cannot be assessed: missing annotation 'aks-traffic-security.io/gateway-id'",
    );
  });

  it('orders entities and releases shared scopes', async () => {
    const otherGateway = GATEWAY_ID.replace(/[^/]+$/, 'waf-edge');
    const entities = [
      annotatedComponent('a', {
        cluster: 'aks-public',
        annotations: { [ANNOTATIONS.gatewayId]: otherGateway },
      }),
      annotatedComponent('b', { cluster: 'aks-public' }),
      annotatedComponent('c', { cluster: 'aks-private' }),
      annotatedComponent('d', {
        cluster: 'aks-private',
        annotations: { [ANNOTATIONS.gatewayId]: otherGateway },
      }),
    ];
    const calls: string[] = [];
    const recording: ResourceSource = {
      name: 'recording',
      readResourceSet: async (entity, scope, options) => {
        calls.push(`read ${entity.metadata.name} ${options?.priority}`);
        return source.readResourceSet(entity, scope);
      },
      release: scope =>
        calls.push(
          `release ${[scope.gatewayId, scope.clusterId]
            .filter(Boolean)
            .map(id => id!.split('/').pop())
            .join(' ')}`,
        ),
    };
    const refresher = new AssessmentRefresher({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      store,
      source: recording,
      policy: {},
      historyRetentionDays: 90,
    });

    const summary = await refresher.refreshAll();

    expect(summary.assessed).toBe(4);
    expect(calls.filter(call => call.startsWith('read'))).toEqual([
      'read c 0',
      'read b 1',
      'read d 2',
      'read a 3',
    ]);
    expect(calls.filter(call => call.startsWith('release'))).toEqual([
      'release appgw',
      'release aks-private',
      'release waf-edge aks-public',
    ]);
  });

  it('finishes when the source fails to release reads', async () => {
    const logger = mockServices.logger.mock();
    const refresher = new AssessmentRefresher({
      catalog: catalogServiceMock({ entities: [publicShop] }),
      auth: mockServices.auth(),
      logger,
      store,
      source: {
        name: 'snapshot',
        readResourceSet: (entity, scope) =>
          source.readResourceSet(entity, scope),
        release: () => {
          throw new Error('release failed');
        },
      },
      policy: {},
      historyRetentionDays: 90,
    });

    const summary = await refresher.refreshAll();

    expect(summary.assessed).toBe(1);
    expect(logger.warn).toHaveBeenCalledWith(
      `Failed to release the reads of ${clusterId(
        'aks-public',
      )} and ${GATEWAY_ID}; they stay in memory until the refresh ends`,
      expect.objectContaining({ message: 'release failed' }),
    );
  });

  it('opens no source refresh when the catalog fails', async () => {
    const calls: string[] = [];
    const catalog = catalogServiceMock({ entities: [publicShop] });
    jest.spyOn(catalog, 'streamEntities').mockImplementation(() => {
      throw new Error('The catalog is not reachable');
    });
    const refresher = new AssessmentRefresher({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      store,
      source: {
        name: 'recording',
        beginRefresh: () => calls.push('begin'),
        endRefresh: () => calls.push('end'),
        readResourceSet: async () => {
          throw new Error('not called');
        },
      },
      policy: {},
      historyRetentionDays: 90,
    });

    await expect(refresher.refreshAll()).rejects.toThrow(
      'The catalog is not reachable',
    );
    expect(calls).toEqual([]);
  });

  describe('refreshChanged', () => {
    /** Wraps the snapshot source and records its session and its reads. */
    function recordingSource(calls: string[]): ResourceSource {
      return {
        name: 'snapshot',
        beginRefresh: () => {
          calls.push('begin');
          source.beginRefresh();
        },
        endRefresh: () => calls.push('end'),
        readResourceSet: async (entity, scope) => {
          calls.push(`read ${entity.metadata.name}`);
          return source.readResourceSet(entity, scope);
        },
      };
    }

    function createRecordingRefresher(entities: Entity[], calls: string[]) {
      return createRefresher(entities, 90, { source: recordingSource(calls) });
    }

    it('reads only new and changed entities', async () => {
      await createRefresher([publicShop, privateLedger]).refreshAll();
      const ledgerBefore = await store.getAssessment(
        'component:default/ledger',
      );
      const movedShop = annotatedComponent('shop', { cluster: 'aks-private' });
      const cart = annotatedComponent('cart', { cluster: 'aks-public' });
      const calls: string[] = [];

      const summary = await createRecordingRefresher(
        [movedShop, privateLedger, cart],
        calls,
      ).refreshChanged();
      const shop = await store.getAssessment('component:default/shop');
      const ledger = await store.getAssessment('component:default/ledger');

      expect(summary).toEqual({
        assessed: 2,
        withFailedReads: 0,
        stale: 0,
        skipped: 0,
        removed: 0,
        pruned: 0,
      });
      expect(calls).toEqual(['begin', 'read shop', 'read cart', 'end']);
      expect(verdictOf(shop, 'mgmt.aks.api-server-exposure')).toBe('pass');
      expect(ledger?.refreshedAt).toEqual(ledgerBefore?.refreshedAt);
      expect(await store.listEntityRefs()).toEqual([
        'component:default/cart',
        'component:default/ledger',
        'component:default/shop',
      ]);
    });

    it('refreshes an entity with a new owner', async () => {
      await createRefresher([privateLedger]).refreshAll();
      const handedOver = annotatedComponent('ledger', {
        cluster: 'aks-private',
        owner: 'group:finance/team-c',
        system: 'finance',
      });
      const calls: string[] = [];

      await createRecordingRefresher([handedOver], calls).refreshChanged();
      const [entry] = await store.listFleet({});

      expect(calls).toEqual(['begin', 'read ledger', 'end']);
      expect(entry.owner).toBe('group:finance/team-c');
    });

    it('settles an owner change while the source fails', async () => {
      await createRefresher([privateLedger]).refreshAll();
      const handedOver = annotatedComponent('ledger', {
        cluster: 'aks-private',
        owner: 'group:finance/team-c',
        system: 'finance',
      });
      fs.rmSync(mockDir.path, { recursive: true, force: true });
      const calls: string[] = [];
      const refresher = createRecordingRefresher([handedOver], calls);

      const first = await refresher.refreshChanged();
      const second = await refresher.refreshChanged();
      const [entry] = await store.listFleet({});

      expect(first?.stale).toBe(1);
      expect(second?.stale).toBe(0);
      expect(calls).toEqual(['begin', 'read ledger', 'end']);
      expect(entry.owner).toBe('group:finance/team-c');
      expect(entry.stale).toBe(true);
    });

    it('removes unlisted entities, reading nothing', async () => {
      await createRefresher([publicShop, privateLedger]).refreshAll();
      const calls: string[] = [];

      const summary = await createRecordingRefresher(
        [privateLedger, unannotated, missingGateway],
        calls,
      ).refreshChanged();

      expect(calls).toEqual([]);
      expect(summary).toMatchObject({ assessed: 0, skipped: 1, removed: 1 });
      expect(await store.listEntityRefs()).toEqual([
        'component:default/ledger',
      ]);
    });

    it('logs invalid annotations at debug level', async () => {
      const logger = mockServices.logger.mock();
      const refresher = createRefresher([missingGateway], 90, { logger });

      await refresher.refreshChanged();

      expect(logger.warn).not.toHaveBeenCalled();
      expect(logger.debug).toHaveBeenCalledWith(
        "Skipped entity: Entity 'component:default/broken' cannot be assessed: missing annotation 'aks-traffic-security.io/gateway-id'",
        { entityRef: 'component:default/broken' },
      );
    });

    it('skips while a full refresh runs', async () => {
      const calls: string[] = [];
      const refresher = createRecordingRefresher([publicShop], calls);

      const full = refresher.refreshAll();
      const changed = await refresher.refreshChanged();
      await full;

      expect(changed).toBeUndefined();
      expect(calls).toEqual(['begin', 'read shop', 'end']);
    });

    it('makes a full refresh wait', async () => {
      const calls: string[] = [];
      const refresher = createRecordingRefresher(
        [publicShop, privateLedger],
        calls,
      );

      const [changed, full] = await Promise.all([
        refresher.refreshChanged(),
        refresher.refreshAll(),
      ]);

      expect(changed?.assessed).toBe(2);
      expect(full.assessed).toBe(2);
      expect(calls).toEqual([
        'begin',
        'read ledger',
        'read shop',
        'end',
        'begin',
        'read ledger',
        'read shop',
        'end',
      ]);
    });
  });
});

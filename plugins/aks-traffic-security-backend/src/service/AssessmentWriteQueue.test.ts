import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Verdict } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { buildAssessment } from '../__testUtils__/assessments';
import { NewAssessment } from '../database/AssessmentStore';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { AssessmentWriteQueue } from './AssessmentWriteQueue';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const assessment = buildAssessment([
  {
    checkId: 'ingress.appgw.min-tls-version',
    flow: 'ingress',
    verdict: 'pass',
  },
]);

function record(name: string): NewAssessment {
  return {
    entity: { entityRef: `component:default/${name}` },
    // A null verdict breaks the table's NOT NULL constraint.
    assessment:
      name === 'invalid'
        ? { ...assessment, verdict: null as unknown as Verdict }
        : assessment,
    source: 'snapshot',
    refreshedAt: new Date(),
    failedReads: [],
  };
}

async function createStore() {
  return await DatabaseAssessmentStore.create({
    database: mockServices.database({
      knex: await databases.init('SQLITE_3'),
    }),
  });
}

describe('AssessmentWriteQueue', () => {
  it('waits briefly to write a small batch together', async () => {
    const store = await createStore();
    const batches = jest.spyOn(store, 'savePreparedAssessments');
    const queue = new AssessmentWriteQueue(store);

    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map(name => queue.save(record(name))),
    );

    expect(batches.mock.calls.map(([records]) => records.length)).toEqual([5]);
    expect(await store.listEntityRefs()).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map(name => `component:default/${name}`),
    );
  });

  it('starts a write once the minimum batch waits', async () => {
    const store = await createStore();
    const batches = jest.spyOn(store, 'savePreparedAssessments');
    // A wait longer than the test's timeout: only a full batch can start a write.
    const queue = new AssessmentWriteQueue(store, {
      minBatchSize: 3,
      maxWaitMs: 600_000,
    });

    await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map(name => queue.save(record(name))),
    );

    expect(batches.mock.calls.map(([records]) => records.length)).toEqual([
      3, 3,
    ]);
  });

  it('splits what waits into batches of the maximum size', async () => {
    const store = await createStore();
    const batches = jest.spyOn(store, 'savePreparedAssessments');
    const queue = new AssessmentWriteQueue(store, {
      maxBatchSize: 2,
      minBatchSize: 2,
    });

    await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map(name => queue.save(record(name))),
    );

    expect(batches.mock.calls.map(([records]) => records.length)).toEqual([
      2, 2, 2,
    ]);
  });

  it('fails only the assessment that cannot be stored', async () => {
    const store = await createStore();
    const queue = new AssessmentWriteQueue(store);

    const results = await Promise.allSettled(
      ['a', 'b', 'invalid', 'c'].map(name => queue.save(record(name))),
    );

    expect(results.map(result => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await store.listEntityRefs()).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
  });

  it('holds callers back while two batches wait', async () => {
    const store = await createStore();
    const queue = new AssessmentWriteQueue(store, {
      maxBatchSize: 2,
      minBatchSize: 2,
    });
    const events: string[] = [];

    // The first two are written at once, so four wait: two batches.
    const saves = ['a', 'b', 'c', 'd', 'e', 'f'].map(name =>
      queue.save(record(name)).then(() => events.push(`stored ${name}`)),
    );
    const accepted = queue.whenAccepting().then(() => events.push('accepting'));
    await Promise.all([...saves, accepted]);

    expect(events.slice(0, 3)).toEqual(['stored a', 'stored b', 'accepting']);
  });
});

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
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
    // A null reference breaks the table's NOT NULL constraint.
    entity: {
      entityRef:
        name === 'invalid' ? (null as any) : `component:default/${name}`,
    },
    assessment,
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
  it('writes the first assessment at once and those that arrive meanwhile together', async () => {
    const store = await createStore();
    const batches = jest.spyOn(store, 'saveAssessments');
    const queue = new AssessmentWriteQueue(store);

    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map(name => queue.save(record(name))),
    );

    expect(batches.mock.calls.map(([records]) => records.length)).toEqual([
      1, 4,
    ]);
    expect(await store.listEntityRefs()).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map(name => `component:default/${name}`),
    );
  });

  it('splits what waits into batches of the maximum size', async () => {
    const store = await createStore();
    const batches = jest.spyOn(store, 'saveAssessments');
    const queue = new AssessmentWriteQueue(store, { maxBatchSize: 2 });

    await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map(name => queue.save(record(name))),
    );

    expect(batches.mock.calls.map(([records]) => records.length)).toEqual([
      1, 2, 2, 1,
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

  it('holds callers back while more than two batches wait', async () => {
    const store = await createStore();
    const queue = new AssessmentWriteQueue(store, { maxBatchSize: 2 });
    const events: string[] = [];

    // The first assessment is written at once, so five wait: more than two batches.
    const saves = ['a', 'b', 'c', 'd', 'e', 'f'].map(name =>
      queue.save(record(name)).then(() => events.push(`stored ${name}`)),
    );
    const accepted = queue.whenAccepting().then(() => events.push('accepting'));
    await Promise.all([...saves, accepted]);

    expect(events.slice(0, 2)).toEqual(['stored a', 'accepting']);
  });
});

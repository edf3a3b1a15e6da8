import path from 'path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { DEMO_SNAPSHOT_DIR } from '../__testUtils__/armMock';
import { demoComponent } from '../__testUtils__/demoCatalog';
import { FakeKubernetesApi } from '../__testUtils__/kubernetesApiMock';
import {
  BackendProcess,
  BackendProcessOptions,
  waitFor,
} from './__testUtils__/BackendProcess';
import { startDelayingProxy } from './__testUtils__/delayingProxy';
import { liveConfig, REFRESH_TASK } from './__testUtils__/liveBackend';

// The scheduler of @backstage/backend-defaults 0.19 frees an expired claim
// in a janitor pass that runs when the backend starts and then once a
// minute, so the survivor takes over about a minute after it started.
jest.setTimeout(115_000);

const ENTITY_COUNT = 40;
/** The latency of each Kubernetes API request, which spreads one refresh over several seconds. */
const KUBERNETES_DELAY_MS = 100;
const HISTORY = 'aks_traffic_security_history';
const ASSESSMENTS = 'aks_traffic_security_assessments';
const TASKS = 'backstage_backend_tasks__tasks';
const STARTED = 'Refreshing AKS traffic security assessments';
const FINISHED = 'Refreshed AKS traffic security assessments';

/**
 * Copies of the demo's checkout-api, each in a namespace of its own, so that
 * every entity needs Kubernetes reads that no other entity shares.
 */
function fleetEntities(): Entity[] {
  const template = demoComponent('checkout-api');
  return Array.from({ length: ENTITY_COUNT }, (_, index) => {
    const name = `checkout-api-${String(index + 1).padStart(2, '0')}`;
    return {
      ...template,
      metadata: {
        ...template.metadata,
        name,
        annotations: {
          ...template.metadata.annotations,
          'backstage.io/kubernetes-namespace': name,
          'backstage.io/kubernetes-id': name,
        },
      },
    };
  });
}

/**
 * Counts the rows of both tables in one statement, so both counts come from
 * one snapshot and a transaction commits to both or neither.
 */
async function countRows(
  knex: Knex,
): Promise<{ history: number; latest: number }> {
  const [row] = await knex.select({
    history: knex(HISTORY).count('*'),
    latest: knex(ASSESSMENTS).count('*'),
  });
  return { history: Number(row.history), latest: Number(row.latest) };
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'backend process killed mid-refresh on %s',
  databaseId => {
    const processes: BackendProcess[] = [];
    const cleanups: Array<() => Promise<void>> = [];

    afterAll(async () => {
      // Killed by process id even when the test failed, so that no backend
      // outlives the run or keeps the test database open.
      for (const backend of processes) {
        await backend.kill();
      }
      for (const cleanup of cleanups) {
        await cleanup();
      }
    });

    it('history has no lost or duplicated rows', async () => {
      const knex = await databases.init(databaseId);
      const kubernetes = await FakeKubernetesApi.start();
      kubernetes.addClusterDirectory(
        path.join(DEMO_SNAPSHOT_DIR, 'kubernetes/aks-contoso-prod-01'),
      );
      // Each entity then lists its own namespace through the proxy, so the
      // entities are stored one after another, not all at once.
      kubernetes.forbidClusterWideLists();
      cleanups.push(() => kubernetes.close());
      // The proxy keeps the Kubernetes reads waiting until both backends
      // have started, so the refresh cannot end before the second one is up.
      const proxy = await startDelayingProxy({
        target: kubernetes.url,
        delayMs: KUBERNETES_DELAY_MS,
      });
      cleanups.push(() => proxy.close());

      const entities = fleetEntities();
      const options: BackendProcessOptions = {
        entities,
        pluginConfig: {
          ...liveConfig(proxy.url, {
            azure: { readTimeout: { minutes: 2 } },
          }),
          refresh: {
            frequency: { minutes: 30 },
            timeout: { seconds: 20 },
            initialDelay: { seconds: 0 },
            scope: 'global',
          },
        },
        databaseConnection: knex.client.config.connection,
      };

      // Step 1: two backend processes start on the one database, and one of
      // them claims the refresh task. The second starts once the first is
      // ready, because knex creates its migrations table without a lock, so
      // two processes migrating an empty database at once can collide. The
      // proxy keeps every Kubernetes read waiting, so no refresh ends before
      // both run.
      const forkedAt = Date.now();
      const first = new BackendProcess('a', options);
      processes.push(first);
      await first.ready(60_000);
      const second = new BackendProcess('b', options);
      processes.push(second);
      await second.ready(60_000);
      const startMilliseconds = Date.now() - forkedAt;
      await waitFor(
        'a backend to start the refresh',
        () => first.logged(STARTED).length + second.logged(STARTED).length > 0,
        20_000,
      );
      const [victim, survivor] =
        first.logged(STARTED).length > 0 ? [first, second] : [second, first];

      // Step 2: once the victim has stored some entities, SIGKILL it.
      proxy.open();
      let rowsSeenBeforeKill = 0;
      await waitFor(
        'the first history rows',
        async () => {
          rowsSeenBeforeKill = (await countRows(knex)).history;
          return rowsSeenBeforeKill > 0;
        },
        30_000,
      );
      const killedAt = Date.now();
      const victimExit = await victim.kill();
      const afterKill = await countRows(knex);

      // Step 3: the survivor takes over once the claim has expired.
      const takeover = await survivor.waitForLog(STARTED, 90_000);
      const finished = await survivor.waitForLog(FINISHED, 30_000);
      const [task] = await knex(TASKS)
        .where('id', REFRESH_TASK)
        .select('current_run_ticket', 'last_run_error_json');
      const health = await fetch(
        `http://127.0.0.1:${survivor.port}/api/aks-traffic-security/health`,
      );
      const survivorWasRunning = survivor.running;
      const survivorExit = await survivor.stop();

      const history = (await knex(HISTORY)
        .select('entity_ref', 'evaluated_at')
        .orderBy('id')) as Array<{ entity_ref: string; evaluated_at: Date }>;
      const latest = (await knex(ASSESSMENTS).select(
        'entity_ref',
        'evaluated_at',
      )) as Array<{ entity_ref: string; evaluated_at: Date }>;
      const victimRows = history.filter(
        row => row.evaluated_at.getTime() < killedAt,
      );
      const survivorRows = history.filter(
        row => row.evaluated_at.getTime() >= killedAt,
      );
      const allRefs = entities
        .map(entity => `component:default/${entity.metadata.name}`)
        .sort();
      const savedBeforeKill = victimRows.length;

      // Recorded for docs/reliability.md.
      const seconds = (milliseconds: number) =>
        `${(milliseconds / 1000).toFixed(1)} s`;
      // eslint-disable-next-line no-console
      console.log(
        [
          `${ENTITY_COUNT} entities`,
          `both backends started in ${seconds(startMilliseconds)}`,
          `the killed process saved ${savedBeforeKill} history rows (${rowsSeenBeforeKill} seen before the kill)`,
          `the survivor started the refresh ${seconds(
            takeover.at - killedAt,
          )} after the kill`,
          `and finished it in ${seconds(finished.at - takeover.at)}`,
        ].join('\n'),
      );

      // The victim died by the signal in the middle of its refresh, and
      // each entity it stored has both its latest row and its history row.
      expect(victimExit).toEqual({ code: null, signal: 'SIGKILL' });
      expect(victim.logged(FINISHED)).toHaveLength(0);
      expect(rowsSeenBeforeKill).toBeGreaterThan(0);
      expect(afterKill.history).toBeLessThan(ENTITY_COUNT);
      expect(afterKill.latest).toBe(afterKill.history);

      // Every row the victim committed is kept, each entity at most once.
      // A COMMIT that the victim sent just before the signal may still land
      // after the count, so the final number can be higher than the count.
      expect(savedBeforeKill).toBeGreaterThanOrEqual(afterKill.history);
      expect(savedBeforeKill).toBeGreaterThanOrEqual(rowsSeenBeforeKill);
      expect(savedBeforeKill).toBeLessThan(ENTITY_COUNT);
      expect(new Set(victimRows.map(row => row.entity_ref)).size).toBe(
        savedBeforeKill,
      );

      // The survivor's one refresh after the kill saved every entity once.
      // It added history rows only for the entities the victim had not
      // stored, because the verdicts of the others did not change.
      const victimRefs = new Set(victimRows.map(row => row.entity_ref));
      expect(survivorRows.map(row => row.entity_ref).sort()).toEqual(
        allRefs.filter(ref => !victimRefs.has(ref)),
      );
      expect(history).toHaveLength(ENTITY_COUNT);
      expect(new Set(history.map(row => row.entity_ref)).size).toBe(
        ENTITY_COUNT,
      );
      expect(
        new Set(
          history.map(
            row => `${row.entity_ref} ${row.evaluated_at.toISOString()}`,
          ),
        ).size,
      ).toBe(history.length);
      expect(survivor.logged(STARTED)).toHaveLength(1);
      expect(survivor.logged(FINISHED)).toHaveLength(1);
      expect(finished.text).toContain(`"assessed":${ENTITY_COUNT}`);
      expect(
        survivor.logged(`Task timed out and was lost: ${REFRESH_TASK}`),
      ).toHaveLength(1);

      // The latest table contains the survivor's assessment of every entity.
      expect(latest.map(row => row.entity_ref).sort()).toEqual(allRefs);
      const survivorTimes = new Map(
        survivorRows.map(row => [row.entity_ref, row.evaluated_at.getTime()]),
      );
      for (const row of latest) {
        expect(row.evaluated_at.getTime()).toBeGreaterThanOrEqual(killedAt);
        expect(row.evaluated_at.getTime()).toBe(
          survivorTimes.get(row.entity_ref) ?? row.evaluated_at.getTime(),
        );
      }

      // The survivor released the task without an error, kept serving, and
      // stopped cleanly.
      expect(task.current_run_ticket).toBeNull();
      expect(task.last_run_error_json).toBeNull();
      expect(survivorWasRunning).toBe(true);
      expect(health.status).toBe(200);
      expect(survivorExit).toEqual({ code: 0, signal: null });
      expect(
        [...victim.lines, ...survivor.lines].filter(
          line => line.level === 'error',
        ),
      ).toEqual([]);

      // msw in each child fails and reports any request that is not to the
      // mocks or to a loopback HTTP port.
      expect(victim.stderr).not.toContain('[MSW]');
      expect(survivor.stderr).not.toContain('[MSW]');
    });
  },
);

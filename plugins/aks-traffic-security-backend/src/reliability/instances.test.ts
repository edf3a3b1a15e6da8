import http from 'http';
import { AddressInfo } from 'net';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { demoComponent } from '../__testUtils__/demoCatalog';
import { aksTrafficSecurityPlugin } from '../plugin';
import {
  CapturingLogger,
  liveConfig,
  useLiveMocks,
} from './__testUtils__/liveBackend';

jest.setTimeout(90_000);

const ENTITIES = ['checkout-api', 'store-terminal-api', 'product-catalog'].map(
  demoComponent,
);
const HISTORY = 'aks_traffic_security_history';

/** A Kubernetes API server that accepts requests and never responds, like a dead peer. */
async function startHangingServer() {
  const server = http.createServer(() => {});
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'two instances on %s',
  databaseId => {
    const mocks = useLiveMocks();

    async function startInstance(knex: Knex, config: JsonObject) {
      const logger = new CapturingLogger();
      const backend = await startTestBackend({
        features: [
          aksTrafficSecurityPlugin,
          catalogServiceMock.factory({ entities: ENTITIES }),
          mockServices.rootConfig.factory({
            data: { aksTrafficSecurity: config },
          }),
          mockServices.database.factory({ knex }),
          schedulerServiceFactory,
          createServiceFactory({
            service: coreServices.rootLogger,
            deps: {},
            factory: () => logger,
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });
      return { backend, logger };
    }

    it('completes a refresh that a stopped instance left', async () => {
      const knex = await databases.init(databaseId);
      const hanging = await startHangingServer();
      const schedule = {
        frequency: { minutes: 30 },
        timeout: { seconds: 4 },
        initialDelay: { seconds: 0 },
        scope: 'global',
      };

      // The first instance's Kubernetes reads never return, so it holds the
      // refresh task until it is stopped in the middle of the refresh.
      const first = await startInstance(knex, {
        ...liveConfig(hanging.url, {
          azure: { readTimeout: { minutes: 5 } },
        }),
        refresh: schedule,
      });
      await waitFor(
        async () =>
          first.logger.text.includes(
            'Refreshing AKS traffic security assessments',
          ),
        20_000,
      );
      await first.backend.stop();
      const firstRows = await knex(HISTORY).count({ count: '*' });
      // The scheduler's janitor frees an expired claim once a minute, the
      // first time when its instance starts. The second instance starts once
      // the claim has expired, so its first janitor pass frees it.
      await waitFor(async () => {
        const [task] = await knex('backstage_backend_tasks__tasks')
          .where('id', 'aks-traffic-security:refresh')
          .select('current_run_expires_at');
        return (
          task?.current_run_expires_at !== null &&
          new Date(task.current_run_expires_at).getTime() < Date.now() - 500
        );
      }, 20_000);

      // The scheduler starts its janitor only outside NODE_ENV=test.
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      const second = await startInstance(knex, {
        ...liveConfig(mocks.kubernetes.url),
        refresh: schedule,
      }).finally(() => {
        process.env.NODE_ENV = nodeEnv;
      });
      await waitFor(
        async () =>
          second.logger.text.includes(
            'Refreshed AKS traffic security assessments',
          ),
        40_000,
      );
      await second.backend.stop();
      await hanging.close();

      const rows = (await knex(HISTORY)
        .select('entity_ref')
        .count({ count: '*' })
        .groupBy('entity_ref')
        .orderBy('entity_ref')) as Array<{
        entity_ref: string;
        count: string | number;
      }>;
      expect(Number(firstRows[0].count)).toBe(0);
      expect(rows.map(row => `${row.entity_ref} ${Number(row.count)}`)).toEqual(
        [
          'component:default/checkout-api 1',
          'component:default/product-catalog 1',
          'component:default/store-terminal-api 1',
        ],
      );
      expect(
        second.logger.lines.filter(line =>
          line.text.startsWith('Refreshed AKS traffic security assessments'),
        ),
      ).toHaveLength(1);
      expect(first.logger.text).not.toContain(
        'Refreshed AKS traffic security assessments',
      );
    });
  },
);

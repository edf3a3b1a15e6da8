import fs from 'fs';
import {
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** The page size of the catalog's entity stream when the caller sets none. */
const STREAM_PAGE_SIZE = 500;

/** The scheduler task ids of the plugin's refreshes, by the message that runs each. */
const REFRESH_TASKS: Record<string, string> = {
  refresh: 'aks-traffic-security:refresh',
  'refresh-changed': 'aks-traffic-security:refresh-changed',
};

/**
 * Returns the catalog mock of `@backstage/plugin-catalog-node` with its
 * entity lookup served from an index and its entity stream filtered once.
 * The mock builds a map of every entity on each lookup, and filters every
 * entity again for each page of a stream. At 5,000 entities that costs
 * several milliseconds a lookup and most of a second a refresh, which would
 * be counted as the plugin's. A real catalog serves both from indexed
 * database tables, in its own process or service.
 */
function indexedCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const byRef = new Map(
    entities.map(entity => [stringifyEntityRef(entity), entity]),
  );

  catalog.getEntityByRef = async (ref: string | CompoundEntityRef) =>
    byRef.get(
      stringifyEntityRef(typeof ref === 'string' ? parseEntityRef(ref) : ref),
    );
  catalog.streamEntities = async function* streamFilteredOnce(request) {
    const { items } = await catalog.queryEntities({ filter: request?.filter });
    const pageSize = request?.pageSize ?? STREAM_PAGE_SIZE;
    for (let start = 0; start < items.length; start += pageSize) {
      yield items.slice(start, start + pageSize);
    }
  };
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  });
}

/**
 * Starts the AKS traffic security backend plugin in the benchmark's child
 * process, with the Azure source pointed at the emulator and PostgreSQL as
 * its database. Runs the full refresh on a `refresh` message, the refresh
 * of changed entities on `refresh-changed`, and stops on `stop`.
 */
async function main() {
  const options = JSON.parse(process.env.FLEET_BACKEND_OPTIONS!) as {
    origin: string;
    entitiesFile: string;
    databasePrefix: string;
    maxConcurrency: number;
    kubernetesMaxConcurrency: number;
    tenantId: string;
    subscriptionIds: string[];
    /** The clusters whose Kubernetes API the emulator serves, with its URL. */
    kubernetesClusters: Array<{ clusterId: string; url: string }>;
    /** The emulator's certificate, base64-encoded PEM. */
    caData: string;
  };
  const entities = JSON.parse(fs.readFileSync(options.entitiesFile, 'utf8'));
  // The mock scheduler runs a task when asked, so the refresh can be timed alone.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory: typeof mockServices.scheduler.factory;
    triggerTask(id: string): Promise<void>;
  };

  const backend = await startTestBackend({
    features: [
      import('@aks-traffic-security/plugin-aks-traffic-security-backend'),
      indexedCatalog(entities),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: { host: '127.0.0.1', port: 5432, user: 'postgres' },
              prefix: options.databasePrefix,
            },
          },
          aksTrafficSecurity: {
            source: 'azure',
            azure: {
              authorityHost: options.origin,
              resourceManagerEndpoint: options.origin,
              credential: {
                type: 'clientSecret',
                tenantId: options.tenantId,
                clientId: 'fleet-benchmark-client',
                clientSecret: 'fleet-benchmark-secret',
              },
              subscriptions: options.subscriptionIds.map(id => ({ id })),
              maxConcurrency: options.maxConcurrency,
            },
            kubernetes: {
              maxConcurrency: options.kubernetesMaxConcurrency,
              clusters: options.kubernetesClusters.map(cluster => ({
                ...cluster,
                authProvider: 'serviceAccount',
                serviceAccountToken: 'fleet-benchmark-token',
                caData: options.caData,
              })),
            },
            refresh: { frequency: { hours: 24 }, scope: 'local' },
          },
        },
      }),
    ],
  });

  process.on('message', async (message: { type: string }) => {
    const task = REFRESH_TASKS[message.type];
    if (task) {
      const startedAt = performance.now();
      const cpuBefore = process.cpuUsage();
      await scheduler.triggerTask(task);
      const cpu = process.cpuUsage(cpuBefore);
      const memory = process.memoryUsage();
      // The heap after a full collection is what the backend keeps; the
      // rest of the peak is garbage that V8 had not collected yet.
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({
        type: 'refreshed',
        durationMs: performance.now() - startedAt,
        cpuMs: (cpu.user + cpu.system) / 1000,
        memory,
        memoryAfterGc: process.memoryUsage(),
      });
    } else if (message.type === 'stop') {
      await backend.stop();
      process.exit(0);
    }
  });
  process.send!({ type: 'ready', port: backend.server.port() });
}

main().catch(error => {
  process.stderr.write(
    `The benchmark backend failed: ${error.stack ?? error}\n`,
  );
  process.exit(1);
});

/*
 * The entry point of a backend child process that `BackendProcess` forks.
 * It runs the plugin on a test backend with the real database and scheduler
 * services of @backstage/backend-defaults, so that several such processes
 * share one PostgreSQL database and take turns on the refresh task like
 * separate backend replicas. Azure Resource Manager and Entra ID are mocked
 * by msw inside this process. Any request that msw does not handle and that
 * is not to a loopback HTTP port fails.
 *
 * It reads its options from the first `start` message, sends `ready` with
 * the HTTP port once the backend has started, forwards every log line as a
 * `log` message, and stops on `stop`.
 */
import path from 'path';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { DEMO_SNAPSHOT_DIR, FakeArm } from '../../__testUtils__/armMock';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_TENANT,
} from '../../__testUtils__/azureSourceHarness';
import { entraHandlers } from '../../__testUtils__/entraMock';
import { aksTrafficSecurityPlugin } from '../../plugin';
import type {
  BackendProcessMessage,
  BackendProcessOptions,
  ParentMessage,
} from './BackendProcess';

const PLUGIN_ID = 'aks-traffic-security';

function send(message: BackendProcessMessage) {
  process.send!(message);
}

/** A root logger that sends each line to the parent process. */
class IpcLogger implements LoggerService {
  constructor(private readonly fields: JsonObject = {}) {}

  error(message: string, meta?: Error | JsonObject) {
    this.#send('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.#send('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject) {
    this.#send('info', message, meta);
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.#send('debug', message, meta);
  }
  child(fields: JsonObject): LoggerService {
    return new IpcLogger({ ...this.fields, ...fields });
  }

  #send(level: string, message: string, meta?: Error | JsonObject) {
    const details =
      meta instanceof Error
        ? `${meta.message} ${meta.stack ?? ''}`
        : JSON.stringify(meta ?? {}, (_key, value) =>
            value instanceof Error ? `${value.message} ${value.stack}` : value,
          );
    send({
      type: 'log',
      level,
      text: `${message} ${JSON.stringify(this.fields)} ${details}`,
    });
  }
}

function startAzureMocks() {
  const server = setupServer(
    http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
    ...entraHandlers([
      {
        tenantId: DEMO_TENANT,
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
      },
    ]),
    ...new FakeArm()
      .addDirectory(path.join(DEMO_SNAPSHOT_DIR, 'azure'))
      .handlers(),
  );
  server.listen({ onUnhandledRequest: 'error' });
  return server;
}

async function start(options: BackendProcessOptions) {
  const azure = startAzureMocks();
  const { database, ...connection } = options.databaseConnection;

  const backend = await startTestBackend({
    features: [
      aksTrafficSecurityPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection,
              // The plugin's tables and the scheduler's task table go into
              // the one database that the test created and reads.
              plugin: { [PLUGIN_ID]: { connection: { database } } },
            },
          },
          aksTrafficSecurity: options.pluginConfig,
        },
      }),
      databaseServiceFactory,
      schedulerServiceFactory,
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => new IpcLogger(),
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });

  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'stop') {
      await backend.stop();
      azure.close();
      process.exit(0);
    }
  });
  send({ type: 'ready', port: backend.server.port() });
}

// A child whose test runner died has no one to stop it.
process.on('disconnect', () => process.exit(1));

process.once('message', (message: ParentMessage) => {
  if (message.type !== 'start') {
    return;
  }
  start(message.options).catch(error => {
    process.stderr.write(
      `The backend process failed to start: ${error.stack ?? error}\n`,
    );
    process.exit(1);
  });
});

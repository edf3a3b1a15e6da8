import { Server } from 'http';
import path from 'path';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import {
  DEMO_SNAPSHOT_DIR,
  FakeArm,
  MOCK_ARM_ENDPOINT,
} from '../../__testUtils__/armMock';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_TENANT,
  HUB_SUBSCRIPTION,
  SPOKE_SUBSCRIPTION,
} from '../../__testUtils__/azureSourceHarness';
import {
  entraHandlers,
  MOCK_AUTHORITY_HOST,
} from '../../__testUtils__/entraMock';
import { FakeKubernetesApi } from '../../__testUtils__/kubernetesApiMock';
import { aksTrafficSecurityPlugin } from '../../plugin';

/** The demo cluster, whose Kubernetes API the fake serves. */
export const DEMO_CLUSTER_ID = `/subscriptions/${SPOKE_SUBSCRIPTION}/resourceGroups/rg-contoso-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-contoso-prod-01`;

/** The scheduled refresh task of the plugin. */
export const REFRESH_TASK = 'aks-traffic-security:refresh';

/** One line a {@link CapturingLogger} received, with its metadata serialised. */
export interface LogLine {
  level: string;
  text: string;
}

/**
 * A root logger that keeps every line, with the message, the metadata and
 * the message and stack of any error, so tests can scan what would be logged.
 */
export class CapturingLogger implements LoggerService {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly fields: JsonObject = {},
  ) {}

  error(message: string, meta?: Error | JsonObject) {
    this.#push('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.#push('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject) {
    this.#push('info', message, meta);
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.#push('debug', message, meta);
  }
  child(fields: JsonObject): LoggerService {
    return new CapturingLogger(this.lines, { ...this.fields, ...fields });
  }

  #push(level: string, message: string, meta?: Error | JsonObject) {
    const details =
      meta instanceof Error
        ? `${meta.message} ${meta.stack ?? ''}`
        : JSON.stringify(meta ?? {}, (_key, value) =>
            value instanceof Error ? `${value.message} ${value.stack}` : value,
          );
    this.lines.push({
      level,
      text: `${message} ${JSON.stringify(this.fields)} ${details}`,
    });
  }

  /** Every captured line as one text. */
  get text(): string {
    return this.lines.map(line => `${line.level} ${line.text}`).join('\n');
  }
}

/**
 * msw with the mock Entra ID and a fake ARM holding the demo snapshot's
 * Azure resources. Requests to a loopback HTTP port (the test backend and
 * the fake Kubernetes API) pass through; any other request fails the test
 * through `onUnhandledRequest: 'error'` and stays in `requests`.
 */
export function useLiveMocks() {
  const server = setupServer();
  const mocks = {
    server,
    arm: new FakeArm(),
    kubernetes: undefined as unknown as FakeKubernetesApi,
    /** Every request msw saw, as `METHOD URL`. */
    requests: [] as string[],
  };

  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
    server.events.on('request:start', ({ request }) => {
      mocks.requests.push(`${request.method} ${request.url}`);
    });
  });
  afterAll(() => server.close());

  beforeEach(async () => {
    mocks.arm = new FakeArm().addDirectory(
      path.join(DEMO_SNAPSHOT_DIR, 'azure'),
    );
    mocks.kubernetes = await FakeKubernetesApi.start();
    mocks.kubernetes.addClusterDirectory(
      path.join(DEMO_SNAPSHOT_DIR, 'kubernetes/aks-contoso-prod-01'),
    );
    mocks.requests.length = 0;
    server.resetHandlers(
      http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
      ...entraHandlers([
        {
          tenantId: DEMO_TENANT,
          clientId: DEMO_CLIENT_ID,
          clientSecret: DEMO_CLIENT_SECRET,
        },
      ]),
      ...mocks.arm.handlers(),
    );
  });
  afterEach(async () => {
    await mocks.kubernetes.close();
  });

  return mocks;
}

/** The `aksTrafficSecurity` config of the live source against the mocks. */
export function liveConfig(
  kubernetesUrl: string,
  overrides: { azure?: JsonObject; kubernetesToken?: string } = {},
): JsonObject {
  return {
    source: 'azure',
    azure: {
      authorityHost: MOCK_AUTHORITY_HOST,
      resourceManagerEndpoint: MOCK_ARM_ENDPOINT,
      credential: {
        type: 'clientSecret',
        tenantId: DEMO_TENANT,
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
      },
      subscriptions: [{ id: SPOKE_SUBSCRIPTION }, { id: HUB_SUBSCRIPTION }],
      maxRetries: 1,
      retryDelay: { milliseconds: 10 },
      readTimeout: { milliseconds: 1500 },
      ...overrides.azure,
    },
    kubernetes: {
      clusters: [
        {
          clusterId: DEMO_CLUSTER_ID,
          url: kubernetesUrl,
          serviceAccountToken:
            overrides.kubernetesToken ?? 'kubernetes-reader-token',
        },
      ],
    },
  };
}

/** A started test backend with its mock scheduler and captured log. */
export interface LiveBackend {
  server: Server;
  stop(): Promise<void>;
  scheduler: SchedulerService & {
    triggerTask(id: string): Promise<void>;
  };
  logger: CapturingLogger;
}

/**
 * Starts the plugin on a test backend with a mock catalog, a mock scheduler
 * whose refresh task the test triggers, and a capturing logger.
 */
export async function startLiveBackend(options: {
  entities: Entity[];
  config: JsonObject;
  logger?: CapturingLogger;
  permissions?: ServiceFactory;
  extraFeatures?: ServiceFactory[];
}): Promise<LiveBackend> {
  const logger = options.logger ?? new CapturingLogger();
  // The mock scheduler has a factory for the instance it returns, so that
  // tests can trigger the refresh task; its declared type omits it.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: {
      skipTaskRunOnStartup: boolean;
    }): ServiceFactory<SchedulerService>;
  };
  const backend = await startTestBackend({
    features: [
      aksTrafficSecurityPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: { aksTrafficSecurity: options.config },
      }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => logger,
      }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      options.permissions ??
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ...(options.extraFeatures ?? []),
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    scheduler,
    logger,
  };
}

import path from 'path';
import { http, passthrough } from 'msw';
import { Entity } from '@backstage/catalog-model';
import { ResourceSet } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  armError,
  DEMO_SNAPSHOT_DIR,
  MOCK_ARM_ENDPOINT,
} from '../../__testUtils__/armMock';
import {
  createAzureSource,
  DEMO_TENANT,
  demoAzureConfig,
  kubernetesCluster,
  readEntity,
  useAzureMocks,
} from '../../__testUtils__/azureSourceHarness';
import { demoComponent } from '../../__testUtils__/demoCatalog';
import { FakeKubernetesApi } from '../../__testUtils__/kubernetesApiMock';
import { AzureSourceConfig } from '../../config/readAzureConfig';
import { entraHandlers } from '../../__testUtils__/entraMock';
import { AzureResourceSource } from './AzureResourceSource';

jest.setTimeout(30_000);

/** The application the throttled sources sign in as. */
const THROTTLED_CLIENT_ID = '5d0c7e21-8b4a-4f3e-9a61-2c7b9e4d1f08';
const THROTTLED_CLIENT_SECRET = 'throttled-reader-secret';

/** Demo components whose ARM reads all succeed when nothing is throttled. */
const ENTITIES = [
  'checkout-api',
  'store-terminal-api',
  'product-catalog',
  'inventory-sync',
  'shipment-tracker',
];

/** One request that reached the burst limit. */
interface LimitedRequest {
  at: number;
  method: string;
  path: string;
  /** True for a 429 sent while a pause that an earlier 429 started was running. */
  duringPause?: boolean;
  throttled: boolean;
}

/**
 * A burst limit in front of the fake ARM, like ARM's own token bucket: a
 * burst of requests passes, the next one gets 429 and starts a pause, and
 * every request during the pause gets 429 as well. When the pause is over,
 * a full burst passes again. Each 429 states the rest of the pause, either
 * as `Retry-After` in whole seconds or as `retry-after-ms`.
 */
class BurstLimit {
  readonly requests: LimitedRequest[] = [];
  /** The start and end of each pause, in milliseconds since the epoch. */
  readonly pauses: Array<{ start: number; end: number }> = [];
  readonly #burst: number;
  readonly #pauseMs: number;
  readonly #header: 'retry-after' | 'retry-after-ms';
  #tokens: number;
  #pause: { start: number; end: number } | undefined;

  readonly #clientId: string | undefined;

  constructor(options: {
    burst: number;
    pauseMs: number;
    header: 'retry-after' | 'retry-after-ms';
    /** Limits only the requests with this client's tokens; all of them by default. */
    clientId?: string;
    /** The tokens before the first pause; defaults to `burst`. */
    firstBurst?: number;
  }) {
    this.#burst = options.burst;
    this.#pauseMs = options.pauseMs;
    this.#header = options.header;
    this.#tokens = options.firstBurst ?? options.burst;
    this.#clientId = options.clientId;
  }

  get throttled(): LimitedRequest[] {
    return this.requests.filter(request => request.throttled);
  }

  handlers() {
    const limit = ({ request }: { request: Request }) => this.#limit(request);
    return [
      http.get(`${MOCK_ARM_ENDPOINT}/subscriptions/*`, limit),
      http.post(
        `${MOCK_ARM_ENDPOINT}/providers/Microsoft.ResourceGraph/resources`,
        limit,
      ),
    ];
  }

  #limit(request: Request): Response | undefined {
    if (
      this.#clientId &&
      !request.headers.get('authorization')?.includes(this.#clientId)
    ) {
      return undefined;
    }
    const now = Date.now();
    const entry = {
      at: now,
      method: request.method,
      path: new URL(request.url).pathname.toLowerCase(),
    };
    let pause = this.#pause;
    if (pause && now >= pause.end) {
      this.#tokens = this.#burst;
      pause = this.#pause = undefined;
    }

    if (this.#tokens > 0) {
      this.#tokens -= 1;
      this.requests.push({ ...entry, throttled: false });
      // Returning nothing passes the request on to the fake ARM.
      return undefined;
    }

    const duringPause = pause !== undefined;
    if (!pause) {
      pause = this.#pause = { start: now, end: now + this.#pauseMs };
      this.pauses.push(pause);
    }
    const end = pause.end;
    this.requests.push({ ...entry, throttled: true, duringPause });
    return armError(
      429,
      'TooManyRequests',
      'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00.',
      this.#header === 'retry-after'
        ? { 'Retry-After': String(Math.ceil((end - now) / 1000)) }
        : { 'retry-after-ms': String(end - now) },
    );
  }
}

/** Reads the entities in one refresh session, as the scheduled refresh does. */
async function refresh(
  source: AzureResourceSource,
  entities: Entity[],
): Promise<ResourceSet[]> {
  source.beginRefresh();
  try {
    return await Promise.all(
      entities.map(entity => readEntity(source, entity)),
    );
  } finally {
    source.endRefresh();
  }
}

describe('AzureResourceSource under ARM throttling', () => {
  const mocks = useAzureMocks();
  const entities = ENTITIES.map(demoComponent);

  beforeEach(() => {
    // One page per list, so that each read is one request.
    mocks.arm.listPageSize = 1000;
  });

  // A read that times out is sent again, which these tests would count as
  // an extra request, so a busy test machine gets a generous read timeout.
  const READ_TIMEOUT_MS = 60_000;

  /**
   * Creates the throttled source with a client of its own. The counts below
   * take only the requests with its tokens, so that no other request to the
   * fake ARM during the test, such as one left over from an earlier test in
   * the same process, can change them.
   */
  function createThrottledSource(overrides: Partial<AzureSourceConfig>) {
    mocks.server.use(
      ...entraHandlers([
        {
          tenantId: DEMO_TENANT,
          clientId: THROTTLED_CLIENT_ID,
          clientSecret: THROTTLED_CLIENT_SECRET,
        },
      ]),
    );
    const base = demoAzureConfig();
    return createAzureSource(
      demoAzureConfig({
        credential: {
          ...base.credential,
          clientId: THROTTLED_CLIENT_ID,
          clientSecret: THROTTLED_CLIENT_SECRET,
        } as AzureSourceConfig['credential'],
        readTimeoutMs: READ_TIMEOUT_MS,
        ...overrides,
      }),
    );
  }

  /** Returns the fake ARM's requests made with the throttled source's tokens. */
  function throttledSourceRequests() {
    return mocks.arm.requests.filter(request =>
      request.authorization?.includes(THROTTLED_CLIENT_ID),
    );
  }

  /** Runs an unthrottled refresh and returns the number of ARM requests it made. */
  async function countUnthrottledReads(): Promise<number> {
    const sets = await refresh(
      createAzureSource(demoAzureConfig({ readTimeoutMs: READ_TIMEOUT_MS }))
        .source,
      entities,
    );
    expect(sets.flatMap(set => set.failures)).toEqual([]);
    const count = mocks.arm.requests.length;
    mocks.arm.requests.length = 0;
    return count;
  }

  it('reads everything with one request at a time', async () => {
    const reads = await countUnthrottledReads();
    const limit = new BurstLimit({
      burst: 5,
      pauseMs: 1000,
      header: 'retry-after',
      clientId: THROTTLED_CLIENT_ID,
    });
    mocks.server.use(...limit.handlers());
    const { source } = createThrottledSource({
      maxConcurrency: 1,
      maxRetries: 0,
    });

    const sets = await refresh(source, entities);

    expect(sets.flatMap(set => set.failures)).toEqual([]);
    expect(throttledSourceRequests()).toHaveLength(reads);
    const gets = throttledSourceRequests().filter(
      request => request.method === 'GET',
    );
    expect(new Set(gets.map(request => request.path)).size).toBe(gets.length);
    // Each burst ends with exactly one 429: nothing is sent during a pause.
    expect(limit.throttled).toHaveLength(Math.ceil(reads / 5) - 1);
    expect(limit.pauses).toHaveLength(limit.throttled.length);
    expect(limit.throttled.filter(request => request.duringPause)).toEqual([]);
    for (const pause of limit.pauses) {
      const next = limit.requests.find(request => request.at > pause.start);
      expect(next?.at).toBeGreaterThanOrEqual(pause.end);
    }
  });

  it('holds every read in flight during a pause', async () => {
    const reads = await countUnthrottledReads();
    const limit = new BurstLimit({
      burst: 3,
      pauseMs: 300,
      header: 'retry-after-ms',
      clientId: THROTTLED_CLIENT_ID,
    });
    mocks.server.use(...limit.handlers());
    const concurrency = 8;
    const { source, logger } = createThrottledSource({
      maxConcurrency: concurrency,
      maxRetries: 0,
    });

    const sets = await refresh(source, entities);

    expect(sets.flatMap(set => set.failures)).toEqual([]);
    expect(throttledSourceRequests()).toHaveLength(reads);
    expect(limit.requests).toHaveLength(reads + limit.throttled.length);
    expect(limit.pauses.length).toBeGreaterThanOrEqual(
      Math.ceil(reads / 3) - 1,
    );
    // Only requests already sent when the first 429 of a pause came back may
    // reach the limit during that pause, one per other slot at most.
    for (const pause of limit.pauses) {
      const during = limit.requests.filter(
        request => request.at > pause.start && request.at < pause.end,
      );
      expect(during.length).toBeLessThanOrEqual(concurrency - 1);
      expect(during.every(request => request.throttled)).toBe(true);
    }
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Pausing requests to Azure Resource Manager at https:\/\/127\.0\.0\.1:9443 for \d+ ms after a 429 response$/,
      ),
      expect.objectContaining({ pauseMs: expect.any(Number) }),
    );
  });

  it('does not pause Kubernetes reads', async () => {
    const api = await FakeKubernetesApi.start();
    try {
      api.addClusterDirectory(
        path.join(DEMO_SNAPSHOT_DIR, 'kubernetes/aks-contoso-prod-01'),
      );
      const kubernetesRequests: Array<{ at: number; path: string }> = [];
      api.override(request => {
        kubernetesRequests.push({ at: Date.now(), path: request.path });
        return undefined;
      });
      // Each entity then lists its own namespace, so the second entity's
      // requests can be distinguished.
      api.forbidClusterWideLists();
      const limit = new BurstLimit({
        burst: 100,
        firstBurst: 0,
        pauseMs: 2000,
        header: 'retry-after-ms',
      });
      mocks.server.use(
        http.all(`${api.url}/*`, () => passthrough()),
        ...limit.handlers(),
      );
      const { source } = createAzureSource(demoAzureConfig(), {
        clusters: [kubernetesCluster(api.url)],
        maxConcurrency: 8,
      });
      source.beginRefresh();

      // The first entity's first ARM request gets 429 and pauses ARM for 2 s.
      const first = readEntity(source, demoComponent('checkout-api'));
      await waitFor(() => limit.pauses.length > 0);
      const pause = limit.pauses[0];
      const second = readEntity(source, demoComponent('store-terminal-api'));
      const sets = await Promise.all([first, second]);
      source.endRefresh();

      const storeTerminals = kubernetesRequests.filter(request =>
        request.path.includes('/namespaces/store-terminals/'),
      );
      expect(storeTerminals.length).toBeGreaterThan(0);
      for (const request of storeTerminals) {
        expect(request.at).toBeLessThan(pause.end);
      }
      const armAfterPause = limit.requests.filter(
        request => request.at > pause.start && !request.throttled,
      );
      expect(armAfterPause.length).toBeGreaterThan(0);
      for (const request of armAfterPause) {
        expect(request.at).toBeGreaterThanOrEqual(pause.end);
      }
      expect(
        sets
          .flatMap(set => set.failures)
          .filter(failure => failure.reason === 'throttled'),
      ).toEqual([]);
    } finally {
      await api.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`The condition did not hold within ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

import fs from 'fs';
import os from 'os';
import path from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { DEMO_SNAPSHOT_DIR } from '../../__testUtils__/armMock';
import {
  DEMO_CLUSTER_ID,
  demoAzureConfig,
  kubernetesCluster,
} from '../../__testUtils__/azureSourceHarness';
import { FakeKubernetesApi } from '../../__testUtils__/kubernetesApiMock';
import { createLoopbackCertificate } from '../../__testUtils__/loopbackCertificate';
import { AzureCredentials } from '../azure/AzureCredentials';
import { ConcurrencyLimiter } from '../reads/ConcurrencyLimiter';
import { ReadSession } from '../reads/ReadSession';
import { KubernetesReader } from './KubernetesReader';

const SCOPE = { clusterId: DEMO_CLUSTER_ID, namespace: 'checkout' };

/** Waits until the fake API server has `count` open connections, or fails after two seconds. */
async function expectOpenConnections(api: FakeKubernetesApi, count: number) {
  const deadline = Date.now() + 2000;
  let open = await api.openConnections();
  while (open !== count && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 10));
    open = await api.openConnections();
  }
  expect(open).toBe(count);
}

// The reader keeps connections alive with an agent of its own only over
// TLS, so the fake API server serves HTTPS with a certificate that the
// reader trusts through `caData`.
describe('KubernetesReader connections', () => {
  let directory: string;
  let tls: { key: string; cert: string };
  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kubernetes-tls-'));
    const { keyFile, certFile } = createLoopbackCertificate(directory);
    tls = {
      key: fs.readFileSync(keyFile, 'utf8'),
      cert: fs.readFileSync(certFile, 'utf8'),
    };
  });
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  const apis: FakeKubernetesApi[] = [];
  afterEach(async () => {
    await Promise.all(apis.splice(0).map(api => api.close()));
  });

  async function startApi(latencyMs = 0) {
    const api = await FakeKubernetesApi.start({ tls, latencyMs });
    api.addClusterDirectory(
      path.join(DEMO_SNAPSHOT_DIR, 'kubernetes/aks-contoso-prod-01'),
    );
    apis.push(api);
    return api;
  }

  function createReader(api: FakeKubernetesApi) {
    const logger = mockServices.logger.mock();
    return new KubernetesReader({
      config: {
        clusters: [
          kubernetesCluster(api.url, {
            caData: Buffer.from(tls.cert).toString('base64'),
          }),
        ],
        maxConcurrency: 8,
      },
      credentials: new AzureCredentials({ config: demoAzureConfig(), logger }),
      policy: {
        limiter: new ConcurrencyLimiter(8),
        maxRetries: 0,
        retryDelayMs: 10,
        readTimeoutMs: 5000,
      },
      logger,
    });
  }

  it('closes idle connections when forgetting', async () => {
    const api = await startApi();
    const reader = createReader(api);
    const session = new ReadSession();

    const collection = await reader.read(SCOPE, session);
    expect(collection.failures.map(failure => failure.target)).toEqual([
      'kubernetes:Secret',
    ]);
    expect(await api.openConnections()).toBeGreaterThan(0);

    reader.forgetCluster(DEMO_CLUSTER_ID, session);
    await expectOpenConnections(api, 0);
  });

  it('reconnects after closing', async () => {
    const api = await startApi();
    const reader = createReader(api);
    const first = new ReadSession();
    await reader.read(SCOPE, first);
    reader.forgetCluster(DEMO_CLUSTER_ID, first);
    await expectOpenConnections(api, 0);
    const requestsBefore = api.requests.length;

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection.namespaceRead).toBe(true);
    expect(
      collection.resources.some(resource => resource.objectKind === 'Ingress'),
    ).toBe(true);
    expect(api.requests.length).toBeGreaterThan(requestsBefore);
  });

  it('closes connections after requests in flight', async () => {
    const api = await startApi(200);
    const reader = createReader(api);
    const earlier = new ReadSession();
    await reader.read(SCOPE, earlier);

    // Another session reads the cluster while the earlier one releases it.
    const inFlight = reader.read(SCOPE, new ReadSession());
    await new Promise(resolve => setTimeout(resolve, 50));
    reader.forgetCluster(DEMO_CLUSTER_ID, earlier);
    const openDuringRead = await api.openConnections();
    const collection = await inFlight;

    expect(openDuringRead).toBeGreaterThan(0);
    expect(collection.failures.map(failure => failure.target)).toEqual([
      'kubernetes:Secret',
    ]);
    await expectOpenConnections(api, 0);
  });
});

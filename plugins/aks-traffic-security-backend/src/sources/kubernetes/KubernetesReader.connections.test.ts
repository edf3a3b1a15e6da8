import {
  createKubernetesReader,
  DEMO_CLUSTER_ID,
} from '../../__testUtils__/azureSourceHarness';
import { FakeKubernetesApi } from '../../__testUtils__/kubernetesApiMock';
import {
  expectOpenConnections,
  useTlsKubernetesApis,
} from '../../__testUtils__/tlsKubernetesApi';
import { ReadSession } from '../reads/ReadSession';

const SCOPE = { clusterId: DEMO_CLUSTER_ID, namespace: 'checkout' };

describe('KubernetesReader connections', () => {
  const apis = useTlsKubernetesApis();

  function createReader(api: FakeKubernetesApi) {
    return createKubernetesReader([apis.cluster(api)]).reader;
  }

  it('closes idle connections when forgetting', async () => {
    const api = await apis.start();
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
    const api = await apis.start();
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
    const api = await apis.start(200);
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

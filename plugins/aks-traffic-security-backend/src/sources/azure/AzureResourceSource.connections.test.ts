import net from 'net';
import { AddressInfo } from 'net';
import {
  createAzureSource,
  DEMO_CLUSTER_ID,
  demoAzureConfig,
  readEntity,
} from '../../__testUtils__/azureSourceHarness';
import { demoComponent } from '../../__testUtils__/demoCatalog';
import {
  expectOpenConnections,
  useTlsKubernetesApis,
} from '../../__testUtils__/tlsKubernetesApi';

/** Returns a loopback URL on which nothing listens. */
async function closedLoopbackUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `https://127.0.0.1:${port}`;
}

// msw's interception does not keep connections alive, so these tests run
// without it. Entra ID and ARM point at a closed loopback port and their
// reads fail, which leaves the Kubernetes reads to observe.
describe('AzureResourceSource connections', () => {
  const apis = useTlsKubernetesApis();

  async function createSource() {
    const api = await apis.start();
    const origin = await closedLoopbackUrl();
    const { source } = createAzureSource(
      demoAzureConfig({
        cloud: {
          name: 'custom',
          authorityHost: origin,
          resourceManagerEndpoint: origin,
        },
        maxRetries: 0,
        // The failed ARM reads last until this timeout, as the Azure SDK
        // retries the refused connections.
        readTimeoutMs: 1000,
      }),
      { clusters: [apis.cluster(api)], maxConcurrency: 8 },
    );
    return { api, source };
  }

  it('closes connections after an on-demand read', async () => {
    const { api, source } = await createSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    expect(resourceSet.kubernetesNamespaceRead).toBe(true);
    expect(api.requests.length).toBeGreaterThan(0);
    await expectOpenConnections(api, 0);
  });

  it('keeps connections in a refresh until release', async () => {
    const { api, source } = await createSource();
    source.beginRefresh();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    // A close during the refresh would have reached the server by then.
    await new Promise(resolve => setTimeout(resolve, 200));
    const openBeforeRelease = await api.openConnections();
    source.release({ clusterId: DEMO_CLUSTER_ID });

    expect(resourceSet.kubernetesNamespaceRead).toBe(true);
    expect(openBeforeRelease).toBeGreaterThan(0);
    await expectOpenConnections(api, 0);
    source.endRefresh();
  });

  it('closes after reading a released cluster', async () => {
    const { api, source } = await createSource();
    source.beginRefresh();
    await readEntity(source, demoComponent('checkout-api'));
    source.release({ clusterId: DEMO_CLUSTER_ID });
    await expectOpenConnections(api, 0);
    const requestsBefore = api.requests.length;

    // An on-demand refresh of the entity, within the running refresh.
    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    expect(resourceSet.kubernetesNamespaceRead).toBe(true);
    expect(api.requests.length).toBeGreaterThan(requestsBefore);
    await expectOpenConnections(api, 0);
    source.endRefresh();
  });

  it('closes what a refresh did not release', async () => {
    const { api, source } = await createSource();
    source.beginRefresh();
    await readEntity(source, demoComponent('checkout-api'));
    await new Promise(resolve => setTimeout(resolve, 200));
    const openBeforeEnd = await api.openConnections();

    source.endRefresh();

    expect(openBeforeEnd).toBeGreaterThan(0);
    await expectOpenConnections(api, 0);
  });
});

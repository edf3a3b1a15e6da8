import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseAssessmentStore } from '../../database/DatabaseAssessmentStore';
import { AssessmentRefresher } from '../../service/AssessmentRefresher';
import {
  createAzureSource,
  demoAzureConfig,
  SPOKE_SUBSCRIPTION,
  useAzureMocks,
} from '../../__testUtils__/azureSourceHarness';
import { demoComponent, demoComponents } from '../../__testUtils__/demoCatalog';

jest.setTimeout(60_000);

const GATEWAY_ID = `/subscriptions/${SPOKE_SUBSCRIPTION}/resourceGroups/rg-contoso-edge-prod/providers/Microsoft.Network/applicationGateways/agw-contoso-prod-01`;

describe('fleet refresh with the Azure source', () => {
  const mocks = useAzureMocks();
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function createRefresher() {
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
      }),
    });
    // A read that times out is retried, which this test would count as a
    // duplicate read, so a busy test machine gets a generous timeout.
    const { source } = createAzureSource(
      demoAzureConfig({ readTimeoutMs: 60_000 }),
    );
    const refresher = new AssessmentRefresher({
      catalog: catalogServiceMock({ entities: demoComponents() }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      store,
      source,
      policy: {},
      historyRetentionDays: 90,
    });
    return { refresher, store };
  }

  it('reads a gateway that several entities share once', async () => {
    const { refresher, store } = await createRefresher();
    const sharing = demoComponents().filter(
      entity =>
        entity.metadata.annotations?.['aks-traffic-security.io/gateway-id'] ===
        GATEWAY_ID,
    );
    expect(sharing.length).toBeGreaterThanOrEqual(3);

    const summary = await refresher.refreshAll();

    expect(summary.assessed).toBe(demoComponents().length);
    expect(mocks.arm.requestsFor(GATEWAY_ID)).toHaveLength(1);
    const gets = mocks.arm.requests.filter(request => request.method === 'GET');
    expect(new Set(gets.map(request => request.path)).size).toBe(gets.length);
    for (const entity of sharing) {
      const stored = await store.getAssessment(
        `component:default/${entity.metadata.name}`,
      );
      expect(stored?.source).toBe('azure');
    }
  });

  it('reads again for an on-demand refresh', async () => {
    const { refresher } = await createRefresher();
    await refresher.refreshAll();

    await refresher.refreshEntity(demoComponent('checkout-api'));

    expect(mocks.arm.requestsFor(GATEWAY_ID)).toHaveLength(2);
  });
});

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readPluginConfig } from '../config/readPluginConfig';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { AssessmentRefresher } from '../service/AssessmentRefresher';
import { createResourceSource } from '../sources/createResourceSource';
import { demoComponent } from '../__testUtils__/demoCatalog';
import { liveConfig, useLiveMocks } from './__testUtils__/liveBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('the refresh of changed entities on the live source', () => {
  const mocks = useLiveMocks();
  let store: DatabaseAssessmentStore;

  beforeEach(async () => {
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex }),
    });
  });

  /** Creates a refresher that reads the mocked Azure and cluster, as a backend instance would. */
  function refresherFor(entities: Entity[]) {
    const config = readPluginConfig(
      new ConfigReader({
        aksTrafficSecurity: liveConfig(mocks.kubernetes.url),
      }),
    );
    const logger = mockServices.logger.mock();
    return new AssessmentRefresher({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger,
      store,
      source: createResourceSource(config, { logger }),
      policy: config.policy,
      historyRetentionDays: 90,
    });
  }

  it('reads Azure only for changed entities', async () => {
    const checkout = demoComponent('checkout-api');
    const catalog = demoComponent('product-catalog');
    await refresherFor([checkout, catalog]).refreshAll();

    mocks.requests.length = 0;
    const unchanged = await refresherFor([checkout, catalog]).refreshChanged();
    const requestsUnchanged = [...mocks.requests];

    mocks.requests.length = 0;
    const handedOver: Entity = {
      ...checkout,
      spec: { ...checkout.spec, owner: 'team-payments' },
    };
    const changed = await refresherFor([handedOver, catalog]).refreshChanged();
    const [entry] = await store.listFleet({
      owners: ['group:default/team-payments'],
    });

    expect(unchanged?.assessed).toBe(0);
    expect(requestsUnchanged).toEqual([]);
    expect(changed?.assessed).toBe(1);
    expect(entry.entityRef).toBe('component:default/checkout-api');
    expect(
      mocks.requests.some(line => line.includes('/agw-contoso-prod-01')),
    ).toBe(true);
    expect(
      mocks.requests.filter(line => line.includes('/agw-contoso-catalog-01')),
    ).toEqual([]);
  });
});

import {
  ANNOTATIONS,
  scopeFromAnnotations,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { Entity } from '@backstage/catalog-model';
import {
  createAzureSource,
  demoAzureConfig,
  useAzureMocks,
} from '../../__testUtils__/azureSourceHarness';
import { demoComponents } from '../../__testUtils__/demoCatalog';

/** Two demo components with different clusters and gateways, so they share no read. */
function twoUnrelatedComponents(): [Entity, Entity] {
  const components = demoComponents();
  const differ = (a: Entity, b: Entity, annotation: string) =>
    a.metadata.annotations?.[annotation] !==
    b.metadata.annotations?.[annotation];

  for (const first of components) {
    const second = components.find(
      entity =>
        differ(entity, first, ANNOTATIONS.clusterId) &&
        differ(entity, first, ANNOTATIONS.gatewayId),
    );
    if (second) {
      return [first, second];
    }
  }
  throw new Error('The demo catalog has no two unrelated components');
}

/** Reads both entities at once, one read in flight, and returns the order they finished in. */
async function finishingOrder(priorities: [number?, number?]) {
  const { source } = createAzureSource(demoAzureConfig({ maxConcurrency: 1 }));
  const entities = twoUnrelatedComponents();
  const finished: string[] = [];

  await Promise.all(
    entities.map(async (entity, index) => {
      await source.readResourceSet(entity, scopeFromAnnotations(entity).scope, {
        priority: priorities[index],
      });
      finished.push(entity.metadata.name);
    }),
  );
  return { finished, names: entities.map(entity => entity.metadata.name) };
}

describe('AzureResourceSource read priority', () => {
  useAzureMocks();

  it('serves the reads of the entity with the lower priority first', async () => {
    const { finished, names } = await finishingOrder([2, 1]);

    expect(finished).toEqual([names[1], names[0]]);
  });

  it('finishes the entity that started first when neither has a priority', async () => {
    const { finished, names } = await finishingOrder([undefined, undefined]);

    expect(finished).toEqual([names[0], names[1]]);
  });
});

import { Entity } from '@backstage/catalog-model';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isAksTrafficSecurityAvailable } from '../annotations';

/** The overview card of Component entities that have the required annotations. */
export const entityTrafficSecurityCard = EntityCardBlueprint.make({
  params: {
    filter: (entity: Entity) =>
      entity.kind.toLocaleLowerCase('en-US') === 'component' &&
      isAksTrafficSecurityAvailable(entity),
    loader: () =>
      import('../components/EntityTrafficSecurityCard').then(m => (
        <m.EntityTrafficSecurityCard />
      )),
  },
});

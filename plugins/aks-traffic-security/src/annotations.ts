import { Entity } from '@backstage/catalog-model';
import { REQUIRED_ANNOTATIONS } from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** Returns the required annotations the entity lacks or leaves empty. */
export function missingAnnotations(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  return REQUIRED_ANNOTATIONS.filter(key => !annotations[key]?.trim());
}

/**
 * Reports whether an entity names the resources an assessment needs, for use
 * as the filter of the entity tab and card.
 *
 * @public
 */
export function isAksTrafficSecurityAvailable(entity: Entity): boolean {
  return missingAnnotations(entity).length === 0;
}

import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import { assessmentRefreshPermission } from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * Reports whether the signed-in user may refresh the entity's assessment.
 * While the permission check runs, and when it fails, the result is `false`.
 */
export function useCanRefresh(entity: Entity): boolean {
  const { allowed } = usePermission({
    permission: assessmentRefreshPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  return allowed;
}

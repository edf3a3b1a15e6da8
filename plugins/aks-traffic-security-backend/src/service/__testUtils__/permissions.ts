import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * Returns a permissions service whose read decision for all entities at once
 * is `result`. A CONDITIONAL decision is the "is entity owner" rule, and the
 * service then allows each entity in a request.
 */
export function permissionsWithReadDecision(result: AuthorizeResult) {
  const decision =
    result === AuthorizeResult.CONDITIONAL
      ? {
          result,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['group:default/zeta'] },
          },
        }
      : { result };

  return mockServices.permissions.mock({
    authorizeConditional: (async () => [decision]) as any,
    authorize: (async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW }))) as any,
  });
}

import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { assessmentReadPermission } from '@aks-traffic-security/plugin-aks-traffic-security-common';

// Keeps each authorize request to the permission backend to a modest size.
const AUTHORIZE_BATCH_SIZE = 250;

/**
 * Checks the plugin's entity permissions. Both permissions are resource
 * permissions on catalog entities, so the catalog applies conditional
 * decisions such as "is entity owner".
 */
export class EntityAuthorizer {
  readonly #permissions: PermissionsService;

  constructor(permissions: PermissionsService) {
    this.#permissions = permissions;
  }

  /** Throws a `NotAllowedError` unless every permission is granted on the entity. */
  async assertAllowed(options: {
    entityRef: string;
    permissions: ResourcePermission<'catalog-entity'>[];
    credentials: BackstageCredentials;
  }): Promise<void> {
    const decisions = await this.#permissions.authorize(
      options.permissions.map(permission => ({
        permission,
        resourceRef: options.entityRef,
      })),
      { credentials: options.credentials },
    );

    const denied = options.permissions.filter(
      (_permission, index) => decisions[index].result !== AuthorizeResult.ALLOW,
    );
    if (denied.length > 0) {
      throw new NotAllowedError(
        `Not allowed to ${denied
          .map(permission => permission.name)
          .join(' and ')} on entity '${options.entityRef}'`,
      );
    }
  }

  /**
   * Returns the read decision for the credentials on every entity at once:
   * `ALLOW` or `DENY` when the policy decides regardless of the entity, and
   * `CONDITIONAL` when the decision depends on the entity, so that
   * {@link EntityAuthorizer.filterReadable} must decide per entity.
   */
  async readDecision(
    credentials: BackstageCredentials,
  ): Promise<AuthorizeResult> {
    const decisions = await this.#permissions.authorizeConditional(
      [{ permission: assessmentReadPermission }],
      { credentials },
    );

    // A permissions service without a decision here (test doubles that only
    // implement `authorize`) gets the per-entity check, which is always right.
    return decisions?.[0]?.result ?? AuthorizeResult.CONDITIONAL;
  }

  /** Returns the entity references whose assessments the credentials may read. */
  async filterReadable(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const readable = new Set<string>();

    for (
      let start = 0;
      start < entityRefs.length;
      start += AUTHORIZE_BATCH_SIZE
    ) {
      const batch = entityRefs.slice(start, start + AUTHORIZE_BATCH_SIZE);
      const decisions = await this.#permissions.authorize(
        batch.map(resourceRef => ({
          permission: assessmentReadPermission,
          resourceRef,
        })),
        { credentials },
      );
      batch.forEach((entityRef, index) => {
        if (decisions[index].result === AuthorizeResult.ALLOW) {
          readable.add(entityRef);
        }
      });
    }

    return readable;
  }
}

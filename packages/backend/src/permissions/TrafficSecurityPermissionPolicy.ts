import { UserInfoService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  assessmentReadPermission,
  assessmentRefreshPermission,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

const PLATFORM_GROUPS_KEY = 'aksTrafficSecurity.permissions.platformGroups';

/**
 * The app's permission policy. It allows every permission except reading
 * and refreshing traffic security assessments, which it grants to members
 * of the platform groups on every entity and to everyone else only on the
 * entities they own. Without platform groups in the config it allows
 * everything.
 */
export class TrafficSecurityPermissionPolicy implements PermissionPolicy {
  /**
   * Creates the policy from `aksTrafficSecurity.permissions.platformGroups`.
   * Group names without a kind or namespace are taken as
   * `group:default/<name>`.
   */
  static fromConfig(
    config: Config,
    options: { userInfo: UserInfoService },
  ): TrafficSecurityPermissionPolicy {
    const groups = config.getOptionalStringArray(PLATFORM_GROUPS_KEY);
    return new TrafficSecurityPermissionPolicy({
      userInfo: options.userInfo,
      platformGroups: groups?.map(group => normalizeGroupRef(group)),
    });
  }

  /**
   * Groups whose members may read every entity's status, or `undefined`
   * when everyone may.
   */
  readonly platformGroups: string[] | undefined;
  readonly #platformGroupSet: Set<string> | undefined;
  readonly #userInfo: UserInfoService;

  constructor(options: {
    userInfo: UserInfoService;
    platformGroups?: string[];
  }) {
    this.#userInfo = options.userInfo;
    this.platformGroups = options.platformGroups;
    // Entity references compare case-insensitively, as the catalog does.
    this.#platformGroupSet = options.platformGroups
      ? new Set(
          options.platformGroups.map(ref => ref.toLocaleLowerCase('en-US')),
        )
      : undefined;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const isAssessmentPermission =
      isPermission(permission, assessmentReadPermission) ||
      isPermission(permission, assessmentRefreshPermission);
    if (!isAssessmentPermission || !this.#platformGroupSet) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user || !isResourcePermission(permission, 'catalog-entity')) {
      return { result: AuthorizeResult.DENY };
    }

    const { ownershipEntityRefs } = await this.#userInfo.getUserInfo(
      user.credentials,
    );
    const platformGroups = this.#platformGroupSet;
    if (
      ownershipEntityRefs.some(ref =>
        platformGroups.has(ref.toLocaleLowerCase('en-US')),
      )
    ) {
      return { result: AuthorizeResult.ALLOW };
    }

    // The catalog applies the condition, so each entity is decided on its
    // own owner relations.
    return createCatalogConditionalDecision(
      permission,
      catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
    );
  }
}

function normalizeGroupRef(ref: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new Error(
      `Invalid group '${ref}' in ${PLATFORM_GROUPS_KEY}; expected an entity reference such as group:default/platform-team (${error})`,
    );
  }
}

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  assessmentReadPermission,
  assessmentRefreshPermission,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { TrafficSecurityPermissionPolicy } from './TrafficSecurityPermissionPolicy';

const commerceDeveloper = [
  'user:default/ada.okafor',
  'group:default/team-commerce',
];
const platformEngineer = [
  'user:development/guest',
  'group:default/platform-engineering',
];

const catalogDeletePermission = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});

/**
 * Creates the policy from the given `aksTrafficSecurity.permissions` config,
 * and the signed-in user with the given ownership references, the user's
 * own reference first.
 */
function setUp(permissions: object | undefined, ownershipEntityRefs: string[]) {
  const [userEntityRef] = ownershipEntityRefs;
  const policy = TrafficSecurityPermissionPolicy.fromConfig(
    new ConfigReader(
      permissions ? { aksTrafficSecurity: { permissions } } : {},
    ),
    { userInfo: mockServices.userInfo({ ownershipEntityRefs }) },
  );
  const user: PolicyQueryUser = {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs },
  };
  return { policy, user };
}

describe('TrafficSecurityPermissionPolicy', () => {
  it('allows everyone everything without platform groups', async () => {
    const { policy, user } = setUp(undefined, commerceDeveloper);

    await expect(
      policy.handle({ permission: assessmentReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: assessmentRefreshPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    expect(policy.platformGroups).toBeUndefined();
  });

  it('allows platform group members every entity', async () => {
    const { policy, user } = setUp(
      { platformGroups: ['platform-engineering'] },
      platformEngineer,
    );

    await expect(
      policy.handle({ permission: assessmentReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: assessmentRefreshPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    expect(policy.platformGroups).toEqual([
      'group:default/platform-engineering',
    ]);
  });

  it('matches platform groups regardless of case', async () => {
    const { policy, user } = setUp(
      { platformGroups: ['Group:Default/Platform-Engineering'] },
      platformEngineer,
    );

    await expect(
      policy.handle({ permission: assessmentReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('grants others only the entities they own', async () => {
    const { policy, user } = setUp(
      { platformGroups: ['group:default/platform-engineering'] },
      commerceDeveloper,
    );

    await expect(
      policy.handle({ permission: assessmentReadPermission }, user),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: commerceDeveloper },
      },
    });
  });

  it('grants refresh on owned entities only with an empty list', async () => {
    const { policy, user } = setUp({ platformGroups: [] }, platformEngineer);

    const decision = await policy.handle(
      { permission: assessmentRefreshPermission },
      user,
    );

    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_ENTITY_OWNER' },
    });
  });

  it('denies a request without a user', async () => {
    const { policy } = setUp(
      { platformGroups: ['platform-engineering'] },
      commerceDeveloper,
    );

    await expect(
      policy.handle({ permission: assessmentReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('allows other permissions to everyone', async () => {
    const { policy, user } = setUp(
      { platformGroups: ['platform-engineering'] },
      commerceDeveloper,
    );

    await expect(
      policy.handle({ permission: catalogDeletePermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('rejects an invalid group reference', () => {
    expect(() =>
      setUp({ platformGroups: ['group:default/'] }, platformEngineer),
    ).toThrow(
      /Invalid group 'group:default\/' in aksTrafficSecurity\.permissions\.platformGroups/,
    );
  });
});

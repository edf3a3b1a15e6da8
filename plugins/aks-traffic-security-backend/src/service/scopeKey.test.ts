import { scopeKeyOf } from './scopeKey';

const CLUSTER =
  '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-a';

describe('scopeKeyOf', () => {
  it('ignores the order of keys and undefined values', () => {
    expect(
      scopeKeyOf({ clusterId: CLUSTER, namespace: 'shop', hostNames: ['a'] }),
    ).toBe(
      scopeKeyOf({
        hostNames: ['a'],
        namespace: 'shop',
        gatewayId: undefined,
        clusterId: CLUSTER,
      }),
    );
  });

  it.each([
    ['namespace', { clusterId: CLUSTER, namespace: 'shop-2' }],
    ['cluster', { clusterId: `${CLUSTER}-2`, namespace: 'shop' }],
    ['host names', { clusterId: CLUSTER, namespace: 'shop', hostNames: ['b'] }],
  ])('changes with the %s', (_case, changed) => {
    expect(scopeKeyOf(changed)).not.toBe(
      scopeKeyOf({ clusterId: CLUSTER, namespace: 'shop' }),
    );
  });
});

import { Entity } from '@backstage/catalog-model';
import {
  orderBySharedResources,
  RefreshEntry,
  RemainingScopes,
} from './RefreshOrder';

const RESOURCE_GROUP =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-spoke';
const CLUSTER_A = `${RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/aks-a`;
const CLUSTER_B = `${RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/aks-b`;
const GATEWAY_1 = `${RESOURCE_GROUP}/providers/Microsoft.Network/applicationGateways/agw-1`;
const GATEWAY_2 = `${RESOURCE_GROUP}/providers/Microsoft.Network/applicationGateways/agw-2`;

function entry(
  name: string,
  scope: { clusterId?: string; gatewayId?: string },
): RefreshEntry {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name },
  };
  return { entity, scope };
}

describe('orderBySharedResources', () => {
  it('groups entries by gateway, then by cluster, and keeps ties in order', () => {
    const entries = [
      entry('a', { clusterId: CLUSTER_B, gatewayId: GATEWAY_2 }),
      entry('b', { clusterId: CLUSTER_B, gatewayId: GATEWAY_1 }),
      entry('c', { clusterId: CLUSTER_A, gatewayId: GATEWAY_2 }),
      entry('d', { clusterId: CLUSTER_A.toUpperCase(), gatewayId: GATEWAY_1 }),
      entry('e', { clusterId: CLUSTER_A }),
      entry('f', { clusterId: CLUSTER_B, gatewayId: `${GATEWAY_2}/` }),
    ];

    const names = orderBySharedResources(entries).map(
      ({ entity }) => entity.metadata.name,
    );

    expect(names).toEqual(['e', 'd', 'b', 'c', 'a', 'f']);
  });
});

describe('RemainingScopes', () => {
  it('returns a cluster or gateway once its last entity finishes', () => {
    const remaining = new RemainingScopes([
      { clusterId: CLUSTER_A, gatewayId: GATEWAY_1 },
      { clusterId: CLUSTER_B, gatewayId: GATEWAY_1 },
      { clusterId: CLUSTER_A },
    ]);

    expect(
      remaining.finish({ clusterId: CLUSTER_A, gatewayId: GATEWAY_1 }),
    ).toEqual({});
    expect(
      remaining.finish({
        clusterId: CLUSTER_B,
        gatewayId: GATEWAY_1.toUpperCase(),
      }),
    ).toEqual({ clusterId: CLUSTER_B, gatewayId: GATEWAY_1.toUpperCase() });
    expect(remaining.finish({ clusterId: `${CLUSTER_A}/` })).toEqual({
      clusterId: `${CLUSTER_A}/`,
    });
  });

  it('returns nothing for a cluster it was not given or already returned', () => {
    const remaining = new RemainingScopes([{ clusterId: CLUSTER_A }]);

    expect(remaining.finish({ clusterId: CLUSTER_A })).toEqual({
      clusterId: CLUSTER_A,
    });
    expect(remaining.finish({ clusterId: CLUSTER_A })).toEqual({});
    expect(remaining.finish({ gatewayId: GATEWAY_2 })).toEqual({});
  });
});

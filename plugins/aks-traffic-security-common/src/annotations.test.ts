import { ANNOTATIONS, scopeFromAnnotations } from './annotations';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const CLUSTER_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const GATEWAY_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-edge/providers/Microsoft.Network/applicationGateways/agw-prod`;

function readIds(clusterId: string, gatewayId: string = GATEWAY_ID) {
  return scopeFromAnnotations({
    metadata: {
      annotations: {
        [ANNOTATIONS.clusterId]: clusterId,
        [ANNOTATIONS.gatewayId]: gatewayId,
      },
    },
  });
}

describe('scopeFromAnnotations', () => {
  it('reads ARM ids with resourcegroups in lower case', () => {
    const clusterId = CLUSTER_ID.replace('resourceGroups', 'resourcegroups');
    const gatewayId = GATEWAY_ID.replace('resourceGroups', 'resourcegroups');

    const result = readIds(clusterId, gatewayId);

    expect(result.errors).toEqual([]);
    expect(result.missing).toEqual([]);
    expect(result.scope.clusterId).toBe(clusterId);
    expect(result.scope.gatewayId).toBe(gatewayId);
  });

  it('reads ARM ids in lower case throughout', () => {
    const result = readIds(CLUSTER_ID.toLowerCase(), GATEWAY_ID.toLowerCase());

    expect(result.errors).toEqual([]);
    expect(result.scope.clusterId).toBe(CLUSTER_ID.toLowerCase());
    expect(result.scope.gatewayId).toBe(GATEWAY_ID.toLowerCase());
  });

  it('trims spaces around an id', () => {
    const result = readIds(` ${CLUSTER_ID} `);

    expect(result.errors).toEqual([]);
    expect(result.scope.clusterId).toBe(CLUSTER_ID);
  });

  it.each([
    ['a child resource of the cluster', `${CLUSTER_ID}/agentPools/nodepool1`],
    ['a gateway id', GATEWAY_ID],
    [
      'a subscription that is not a GUID',
      CLUSTER_ID.replace(SUBSCRIPTION, 'subid'),
    ],
    ['a name of ..', CLUSTER_ID.replace('aks-prod', '..')],
    ['a query string', `${CLUSTER_ID}?api-version=2025-10-01`],
  ])('rejects %s as the cluster id', (_case, clusterId) => {
    const result = readIds(clusterId);

    expect(result.scope.clusterId).toBeUndefined();
    expect(result.errors).toEqual([
      `Invalid annotation 'aks-traffic-security.io/cluster-id' value '${clusterId}'; expected the ARM id of a Microsoft.ContainerService/managedClusters, such as /subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.ContainerService/managedClusters/<name>`,
    ]);
    expect(result.scope.gatewayId).toBe(GATEWAY_ID);
  });
});

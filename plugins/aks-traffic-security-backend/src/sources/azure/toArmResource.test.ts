import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ArmResource } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { armExampleBody } from '../../__testUtils__/fixtures';
import { MOCK_ARM_ENDPOINT } from '../../__testUtils__/armMock';
import { toArmResource } from './toArmResource';

const CLUSTER_PATH =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1';

describe('toArmResource', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Reads a cluster body through the real SDK and returns its model. */
  async function sdkModelOf(body: Record<string, any>) {
    server.use(
      http.get(`${MOCK_ARM_ENDPOINT}${CLUSTER_PATH}`, () =>
        HttpResponse.json(body),
      ),
    );
    const client = new ContainerServiceClient(
      {
        getToken: async () => ({
          token: 'test',
          expiresOnTimestamp: Date.now() + 3_600_000,
        }),
      },
      '00000000-0000-0000-0000-000000000000',
      { endpoint: MOCK_ARM_ENDPOINT, retryOptions: { maxRetries: 0 } },
    );
    return client.managedClusters.get('rg1', 'clustername1');
  }

  it('maps an SDK model back to wire names', async () => {
    const body = armExampleBody(
      'arm-specs-aks-2025-10-01/ManagedClustersCreate_PrivateClusterPublicFQDN.json',
    );
    const model = await sdkModelOf(body);
    expect(model).toHaveProperty('enableRbac', true);

    const resource = toArmResource({
      expectedId: body.id,
      expectedType: 'Microsoft.ContainerService/managedClusters',
      model,
      url: `${MOCK_ARM_ENDPOINT}${CLUSTER_PATH}?api-version=2026-06-01`,
      readAt: '2026-05-04T10:00:00.000Z',
    }) as ArmResource;

    expect(resource.origin.format).toBe('sdk-model');
    expect(resource.origin.apiVersion).toBe('2026-06-01');
    expect(resource.body.properties).toMatchObject({
      enableRBAC: true,
      privateFQDN: body.properties.privateFQDN,
      apiServerAccessProfile: body.properties.apiServerAccessProfile,
      networkProfile: {
        networkPlugin: body.properties.networkProfile.networkPlugin,
        outboundType: body.properties.networkProfile.outboundType,
      },
    });
    expect(
      (resource.body.properties as any).agentPoolProfiles[0].enableNodePublicIP,
    ).toBe(true);
  });

  it('keeps a captured wire body as it is', () => {
    const body = armExampleBody(
      'arm-specs-aks-2025-10-01/ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
    );

    const resource = toArmResource({
      expectedType: 'Microsoft.ContainerService/managedClusters',
      body,
      model: { ignored: true },
      url: `${MOCK_ARM_ENDPOINT}${CLUSTER_PATH}?api-version=2026-06-01`,
      readAt: '2026-05-04T10:00:00.000Z',
    }) as ArmResource;

    expect(resource.origin.format).toBe('arm-resource');
    expect(resource.body.properties).toEqual(body.properties);
  });

  it.each([
    [{ body: 'not json' }, 'the response has no JSON object body'],
    [{ body: { name: 'x' } }, 'the response body has no resource id'],
    [
      {
        body: {
          id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/routeTables/rt',
          properties: {},
        },
      },
      'the response body is a Microsoft.Network/routeTables, not a Microsoft.ContainerService/managedClusters',
    ],
    [
      {
        expectedId: CLUSTER_PATH,
        body: {
          id: `${CLUSTER_PATH}2`,
          properties: {},
        },
      },
      `the response body is resource ${CLUSTER_PATH}2`,
    ],
  ])('rejects %j', (options, message) => {
    expect(
      toArmResource({
        expectedType: 'Microsoft.ContainerService/managedClusters',
        url: MOCK_ARM_ENDPOINT,
        readAt: '2026-05-04T10:00:00.000Z',
        ...options,
      }),
    ).toBe(message);
  });
});

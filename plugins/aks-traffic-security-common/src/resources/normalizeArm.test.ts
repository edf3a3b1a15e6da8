import { JsonObject } from '../types';
import { getPath, objectsAt } from './json';
import { normalizeArmResource } from './normalizeArm';

const GATEWAY_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-edge/providers/Microsoft.Network/applicationGateways/agw-edge';

const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';

/** Builds a gateway in wire shape around one path rule, in the rule's own shape. */
function gateway(pathRule: JsonObject): JsonObject {
  return {
    id: GATEWAY_ID,
    name: 'agw-edge',
    type: 'Microsoft.Network/applicationGateways',
    location: 'westeurope',
    properties: {
      httpListeners: [
        {
          id: `${GATEWAY_ID}/httpListeners/listener-shop`,
          name: 'listener-shop',
          etag: 'W/"1"',
          properties: { protocol: 'Https', hostName: 'shop.contoso.com' },
          type: 'Microsoft.Network/applicationGateways/httpListeners',
        },
      ],
      urlPathMaps: [
        {
          id: `${GATEWAY_ID}/urlPathMaps/paths-shop`,
          name: 'paths-shop',
          properties: { pathRules: [pathRule] },
        },
      ],
    },
  };
}

const WIRE_PATH_RULE = {
  id: `${GATEWAY_ID}/urlPathMaps/paths-shop/pathRules/api`,
  name: 'api',
  properties: { paths: ['/api/*'] },
};

describe('normalizeArmResource', () => {
  it('returns a wire body as it is', () => {
    const input = gateway(WIRE_PATH_RULE);
    const before = structuredClone(input);

    const normalized = normalizeArmResource(input);

    expect(normalized?.format).toBe('arm-resource');
    expect(normalized?.body).toEqual(before);
    expect(input).toEqual(before);
    // Not a copy: copying doubled what normalizing a large gateway allocated.
    const [listener] = objectsAt(normalized!.body, 'properties.httpListeners');
    expect(listener).toBeDefined();
    expect(listener).toBe(objectsAt(input, 'properties.httpListeners')[0]);
  });

  it('wraps nested sub-resources in a copy', () => {
    const input = gateway({
      id: WIRE_PATH_RULE.id,
      name: 'api',
      paths: ['/api/*'],
    });
    const before = structuredClone(input);

    const normalized = normalizeArmResource(input);
    const [pathMap] = getPath(
      normalized!.body,
      'properties.urlPathMaps',
    ) as JsonObject[];

    expect(getPath(pathMap, 'properties.pathRules')).toEqual([WIRE_PATH_RULE]);
    expect(input).toEqual(before);
  });

  it('renames SDK model keys in a copy', () => {
    const input: JsonObject = {
      id: CLUSTER_ID,
      name: 'aks-prod',
      type: 'Microsoft.ContainerService/managedClusters',
      location: 'westeurope',
      kubernetesVersion: '1.30.4',
      enableRbac: true,
      apiServerAccessProfile: { enablePrivateCluster: true },
    };
    const before = structuredClone(input);

    const normalized = normalizeArmResource(input);

    expect(normalized?.format).toBe('sdk-model');
    expect(getPath(normalized!.body, 'properties.enableRBAC')).toBe(true);
    expect(getPath(normalized!.body, 'properties.enableRbac')).toBeUndefined();
    expect(
      getPath(
        normalized!.body,
        'properties.apiServerAccessProfile.enablePrivateCluster',
      ),
    ).toBe(true);
    expect(input).toEqual(before);
  });
});

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

  it('spells capitalized names in camel case', () => {
    const input: JsonObject = {
      Id: GATEWAY_ID,
      Name: 'agw-edge',
      Type: 'Microsoft.Network/applicationGateways',
      Tags: { CostCenter: 'edge' },
      Identity: { Type: 'UserAssigned' },
      Properties: {
        SslPolicy: {
          PolicyType: 'Predefined',
          PolicyName: 'AppGwSslPolicy20150501',
        },
        BackendAddressPools: [
          {
            Name: 'pool',
            Properties: { BackendAddresses: [{ IPAddress: '10.0.0.4' }] },
          },
        ],
        FrontendIPConfigurations: [],
      },
    };
    const before = structuredClone(input);

    const body = normalizeArmResource(input)!.body;

    expect(body.id).toBe(GATEWAY_ID);
    expect(body.tags).toEqual({ CostCenter: 'edge' });
    expect(body.identity).toEqual({ type: 'UserAssigned' });
    expect(getPath(body, 'properties.sslPolicy')).toEqual({
      policyType: 'Predefined',
      policyName: 'AppGwSslPolicy20150501',
    });
    const [pool] = objectsAt(body, 'properties.backendAddressPools');
    expect(getPath(pool, 'properties.backendAddresses')).toEqual([
      { ipAddress: '10.0.0.4' },
    ]);
    expect(getPath(body, 'properties.frontendIPConfigurations')).toEqual([]);
    expect(input).toEqual(before);
  });

  it('takes the provider spelling of a listed name', () => {
    const normalized = normalizeArmResource({
      id: CLUSTER_ID,
      type: 'Microsoft.ContainerService/managedClusters',
      properties: { EnableRbac: true, AadProfile: { TenantID: 't' } },
    });

    expect(getPath(normalized!.body, 'properties.enableRBAC')).toBe(true);
    expect(getPath(normalized!.body, 'properties.aadProfile.tenantID')).toBe(
      't',
    );
  });

  it('keeps capitalized keys of data maps', () => {
    const normalized = normalizeArmResource({
      id: CLUSTER_ID,
      type: 'Microsoft.ContainerService/managedClusters',
      properties: {
        PodIdentityProfile: {
          UserAssignedIdentityExceptions: [{ PodLabels: { App: 'mic' } }],
        },
      },
    });

    expect(
      getPath(
        normalized!.body,
        'properties.podIdentityProfile.userAssignedIdentityExceptions',
      ),
    ).toEqual([{ podLabels: { App: 'mic' } }]);
  });

  it('keeps the wire spelling when both are present', () => {
    const normalized = normalizeArmResource({
      id: GATEWAY_ID,
      type: 'Microsoft.Network/applicationGateways',
      properties: {
        SslPolicy: { policyName: 'old' },
        sslPolicy: { policyName: 'new' },
      },
    });

    expect(getPath(normalized!.body, 'properties.sslPolicy.policyName')).toBe(
      'new',
    );
  });
});

import { http, HttpResponse } from 'msw';
import {
  ArmResource,
  evaluate,
  scopeFromAnnotations,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  armError,
  DEMO_SNAPSHOT_DIR,
  MOCK_ARM_ENDPOINT,
} from '../../__testUtils__/armMock';
import { armExampleBody } from '../../__testUtils__/fixtures';
import {
  checkOf,
  createAzureSource,
  readEntity,
  SPOKE_SUBSCRIPTION,
  HUB_SUBSCRIPTION,
  useAzureMocks,
} from '../../__testUtils__/azureSourceHarness';
import { demoComponent, demoComponents } from '../../__testUtils__/demoCatalog';
import { SnapshotResourceSource } from '../SnapshotResourceSource';

const SPOKE = `/subscriptions/${SPOKE_SUBSCRIPTION}/resourceGroups`;
const HUB = `/subscriptions/${HUB_SUBSCRIPTION}/resourceGroups`;
const CLUSTER_ID = `${SPOKE}/rg-contoso-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-contoso-prod-01`;
const GATEWAY_ID = `${SPOKE}/rg-contoso-edge-prod/providers/Microsoft.Network/applicationGateways/agw-contoso-prod-01`;
const VAULT_ID = `${SPOKE}/rg-contoso-aks-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-ingress-prod`;
const POLICY_ID = `${HUB}/rg-contoso-connectivity-westeurope/providers/Microsoft.Network/firewallPolicies/afwp-contoso-hub-westeurope`;
const GROUPS_PATH = `${POLICY_ID}/ruleCollectionGroups`;
const NETWORK_ID = `${SPOKE}/rg-contoso-spoke-prod-westeurope/providers/Microsoft.Network/virtualNetworks/vnet-contoso-spoke-prod-westeurope`;
const NODE_SUBNET_ID = `${NETWORK_ID}/subnets/snet-aks-prod-01-nodes`;
const NAT_GATEWAY_ID = `${SPOKE}/rg-contoso-spoke-prod-westeurope/providers/Microsoft.Network/natGateways/ng-contoso-spoke-prod`;
const BASE_POLICY_ID = `${HUB}/rg-contoso-connectivity-westeurope/providers/Microsoft.Network/firewallPolicies/afwp-contoso-base`;

function typesAndNames(resources: ArmResource[] | unknown[]) {
  return (resources as ArmResource[])
    .map(resource => `${resource.type} ${resource.name}`)
    .sort();
}

describe('AzureResourceSource reads', () => {
  const mocks = useAzureMocks();

  it('reads the cluster, gateway and what they reference', async () => {
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    expect(resourceSet.failures).toEqual([]);
    expect(typesAndNames(resourceSet.resources)).toEqual([
      'Microsoft.ContainerService/managedClusters aks-contoso-prod-01',
      'Microsoft.KeyVault/vaults kv-contoso-ingress-prod',
      'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies waf-contoso-prod-01',
      'Microsoft.Network/applicationGateways agw-contoso-prod-01',
      'Microsoft.Network/azureFirewalls afw-contoso-hub-westeurope',
      'Microsoft.Network/firewallPolicies afwp-contoso-hub-westeurope',
      'Microsoft.Network/firewallPolicies/ruleCollectionGroups DefaultApplicationRuleCollectionGroup',
      'Microsoft.Network/firewallPolicies/ruleCollectionGroups DefaultNetworkRuleCollectionGroup',
      'Microsoft.Network/routeTables rt-contoso-spoke-prod-to-hub-fw',
      'Microsoft.Network/virtualNetworks vnet-contoso-spoke-prod-westeurope',
    ]);
  });

  it('records the api-version and URL of every body', async () => {
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    const origins = new Map(
      (resourceSet.resources as ArmResource[]).map(resource => [
        resource.name,
        resource.origin,
      ]),
    );
    expect(origins.get('aks-contoso-prod-01')).toEqual({
      source: 'azure',
      location: `${MOCK_ARM_ENDPOINT}${CLUSTER_ID}`,
      readAt: expect.any(String),
      apiVersion: '2026-06-01',
      format: 'arm-resource',
    });
    expect(origins.get('agw-contoso-prod-01')?.apiVersion).toBe('2026-01-01');
    expect(origins.get('kv-contoso-ingress-prod')?.apiVersion).toBe(
      '2026-02-01',
    );
    // List pages carry no captured body, so their items are SDK models.
    expect(origins.get('DefaultNetworkRuleCollectionGroup')).toMatchObject({
      apiVersion: '2026-01-01',
      format: 'sdk-model',
    });
    for (const request of mocks.arm.requests.filter(r => r.method === 'GET')) {
      expect(request.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('gives the verdicts of the same resources read from the snapshot', async () => {
    const { source } = createAzureSource();
    const snapshot = new SnapshotResourceSource({
      directory: DEMO_SNAPSHOT_DIR,
    });

    // The demo's customer-profile names a gateway outside the snapshot.
    const entities = demoComponents().filter(
      entity => entity.metadata.name !== 'customer-profile',
    );
    expect(entities.length).toBeGreaterThanOrEqual(5);

    for (const entity of entities) {
      const scope = scopeFromAnnotations(entity).scope;
      const live = evaluate(await source.readResourceSet(entity, scope));
      const exported = await snapshot.readResourceSet(entity, scope);
      const expected = evaluate({
        ...exported,
        resources: exported.resources.filter(
          resource => resource.kind === 'arm',
        ),
        failures: exported.failures.filter(
          failure => !failure.target.startsWith('kubernetes:'),
        ),
        kubernetesNamespaceRead: false,
      });

      const verdicts = (assessment: typeof live) =>
        assessment.checks.map(check => `${check.checkId} ${check.verdict}`);
      expect(verdicts(live)).toEqual(verdicts(expected));
    }
  });

  it('follows the nextLink pages of rule collection groups', async () => {
    mocks.arm.listPageSize = 1;
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    expect(
      typesAndNames(resourceSet.resources).filter(name =>
        name.includes('ruleCollectionGroups'),
      ),
    ).toHaveLength(2);
    expect(
      mocks.arm.requestsFor(GROUPS_PATH).map(request => request.skipToken),
    ).toEqual([undefined, '1']);
  });

  it('follows the $skipToken pages of Resource Graph', async () => {
    mocks.arm.resourceGraphPageSize = 1;
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    const queries = mocks.arm.requestsFor(
      '/providers/Microsoft.ResourceGraph/resources',
    );
    expect(queries.map(query => query.skipToken)).toEqual([undefined, '1']);
    expect(typesAndNames(resourceSet.resources)).toEqual(
      expect.arrayContaining([
        'Microsoft.KeyVault/vaults kv-contoso-ingress-prod',
        'Microsoft.Network/azureFirewalls afw-contoso-hub-westeurope',
      ]),
    );
  });

  it('rejects a nextLink to another host', async () => {
    const foreign: string[] = [];
    mocks.server.use(
      http.all('https://127.0.0.2:9443/*', ({ request }) => {
        foreign.push(request.url);
        return HttpResponse.json({ value: [] });
      }),
    );
    mocks.arm.listPageSize = 1;
    mocks.arm.nextLinkOrigin = 'https://127.0.0.2:9443';
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    expect(foreign).toEqual([]);
    const failure = resourceSet.failures.find(item =>
      item.target.endsWith(
        '/ruleCollectionGroups/DefaultNetworkRuleCollectionGroup',
      ),
    );
    expect(failure?.reason).toBe('invalid-response');
    expect(failure?.message).toContain(
      `not the configured Azure Resource Manager endpoint ${MOCK_ARM_ENDPOINT}`,
    );
  });

  it('reports a vault that Resource Graph does not find', async () => {
    mocks.arm.remove(VAULT_ID);
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    expect(resourceSet.failures).toEqual([
      {
        target: '/providers/Microsoft.KeyVault/vaults/kv-contoso-ingress-prod',
        reason: 'not-found',
        message: `No Key Vault named kv-contoso-ingress-prod was found with Azure Resource Graph in subscriptions ${SPOKE_SUBSCRIPTION}, ${HUB_SUBSCRIPTION}`,
      },
    ]);
    const rbac = checkOf(assessment, 'ingress.keyvault.rbac-authorization');
    expect(rbac.verdict).toBe('unknown');
    expect(rbac.reason).toBe('not-found');
    expect(checkOf(assessment, 'ingress.appgw.min-tls-version').verdict).toBe(
      'pass',
    );
  });

  it('requests no id that is not a well-formed ARM id', async () => {
    const gateway = mocks.arm.get(GATEWAY_ID)!;
    mocks.arm.add({
      ...gateway,
      properties: {
        ...gateway.properties,
        firewallPolicy: {
          id: `${SPOKE}/rg-contoso-edge-prod/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf?api-version=1&x=/../../other`,
        },
      },
    });
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    expect(
      mocks.arm.requests.filter(request => request.path.includes('other')),
    ).toEqual([]);
    expect(checkOf(assessment, 'ingress.waf.prevention-mode').verdict).toBe(
      'unknown',
    );
  });

  it('reads the NAT gateway of a node subnet', async () => {
    const network = mocks.arm.get(NETWORK_ID)!;
    mocks.arm.add({
      ...network,
      properties: {
        ...network.properties,
        subnets: network.properties.subnets.map((subnet: any) =>
          subnet.id.toLowerCase() === NODE_SUBNET_ID.toLowerCase()
            ? {
                ...subnet,
                properties: {
                  ...subnet.properties,
                  natGateway: { id: NAT_GATEWAY_ID },
                },
              }
            : subnet,
        ),
      },
    });
    const example = armExampleBody(
      'arm-specs-network-2023-11-01/NatGatewayGet.json',
    );
    mocks.arm.add({
      ...example,
      id: NAT_GATEWAY_ID,
      name: 'ng-contoso-spoke-prod',
      properties: { ...example.properties, subnets: [{ id: NODE_SUBNET_ID }] },
    });
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const route = checkOf(
      evaluate(resourceSet),
      'egress.routetable.default-route-to-firewall',
    );

    expect(typesAndNames(resourceSet.resources)).toContain(
      'Microsoft.Network/natGateways ng-contoso-spoke-prod',
    );
    expect(JSON.stringify(route.evidence)).toContain(
      'NAT gateway ng-contoso-spoke-prod gives this subnet direct internet egress.',
    );
  });

  it('reads the network and route table of a pod subnet', async () => {
    // The pod subnet is in a virtual network of its own, which the cluster
    // names only through podSubnetID.
    const podNetworkId = NETWORK_ID.replace(
      'vnet-contoso-spoke',
      'vnet-contoso-pods',
    );
    const podSubnetId = `${podNetworkId}/subnets/snet-aks-prod-01-pods`;
    const podTableId = `${SPOKE}/rg-contoso-spoke-prod-westeurope/providers/Microsoft.Network/routeTables/rt-contoso-pods-direct`;
    const cluster = mocks.arm.get(CLUSTER_ID)!;
    mocks.arm.add({
      ...cluster,
      properties: {
        ...cluster.properties,
        agentPoolProfiles: cluster.properties.agentPoolProfiles.map(
          (pool: any) => ({ ...pool, podSubnetID: podSubnetId }),
        ),
      },
    });
    const network = mocks.arm.get(NETWORK_ID)!;
    mocks.arm.add({
      ...network,
      id: podNetworkId,
      name: podNetworkId.split('/').pop(),
      properties: {
        ...network.properties,
        addressSpace: { addressPrefixes: ['10.241.0.0/16'] },
        subnets: [
          {
            id: podSubnetId,
            name: 'snet-aks-prod-01-pods',
            properties: {
              addressPrefix: '10.241.0.0/16',
              routeTable: { id: podTableId },
            },
          },
        ],
      },
    });
    mocks.arm.add({
      id: podTableId,
      name: 'rt-contoso-pods-direct',
      type: 'Microsoft.Network/routeTables',
      location: 'westeurope',
      properties: {
        routes: [
          {
            name: 'internet',
            properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' },
          },
        ],
        subnets: [{ id: podSubnetId }],
      },
    });
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const route = checkOf(
      evaluate(resourceSet),
      'egress.routetable.default-route-to-firewall',
    );

    expect(typesAndNames(resourceSet.resources)).toEqual(
      expect.arrayContaining([
        'Microsoft.Network/routeTables rt-contoso-pods-direct',
        'Microsoft.Network/virtualNetworks vnet-contoso-pods-prod-westeurope',
      ]),
    );
    expect(route.verdict).toBe('fail');
    expect(route.message).toContain('sends 0.0.0.0/0 straight to the internet');
  });

  it('reads the firewall of split internet routes', async () => {
    // Two /1 routes cover every IPv4 address without a 0.0.0.0/0 route.
    const tableId = `${SPOKE}/rg-contoso-spoke-prod-westeurope/providers/Microsoft.Network/routeTables/rt-contoso-spoke-prod-to-hub-fw`;
    const table = mocks.arm.get(tableId)!;
    const [route] = table.properties.routes;
    mocks.arm.add({
      ...table,
      properties: {
        ...table.properties,
        routes: ['0.0.0.0/1', '128.0.0.0/1'].map((addressPrefix, index) => ({
          ...route,
          name: `r-half-${index}`,
          id: `${tableId}/routes/r-half-${index}`,
          properties: { ...route.properties, addressPrefix },
        })),
      },
    });
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const threatIntel = checkOf(
      evaluate(resourceSet),
      'egress.firewall.threat-intel',
    );

    expect(typesAndNames(resourceSet.resources)).toContain(
      'Microsoft.Network/azureFirewalls afw-contoso-hub-westeurope',
    );
    expect(threatIntel.verdict).toBe('pass');
  });

  it('follows the base policy of a firewall policy', async () => {
    const policy = mocks.arm.get(POLICY_ID)!;
    mocks.arm.add({
      ...policy,
      properties: { ...policy.properties, basePolicy: { id: BASE_POLICY_ID } },
    });
    mocks.arm.add({
      ...policy,
      id: BASE_POLICY_ID,
      name: 'afwp-contoso-base',
      properties: {
        ...policy.properties,
        ruleCollectionGroups: [],
        basePolicy: { id: POLICY_ID },
      },
    });
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    expect(typesAndNames(resourceSet.resources)).toContain(
      'Microsoft.Network/firewallPolicies afwp-contoso-base',
    );
    expect(mocks.arm.requestsFor(POLICY_ID)).toHaveLength(1);
    expect(mocks.arm.requestsFor(BASE_POLICY_ID)).toHaveLength(1);
  });

  it('reports a failed Resource Graph query for vaults and firewalls', async () => {
    mocks.arm.override('/providers/Microsoft.ResourceGraph/resources', () =>
      armError(
        403,
        'AuthorizationFailed',
        "The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read'.",
      ),
    );
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    expect(
      resourceSet.failures.map(failure => [failure.target, failure.reason]),
    ).toEqual(
      expect.arrayContaining([
        [
          '/providers/Microsoft.KeyVault/vaults/kv-contoso-ingress-prod',
          'forbidden',
        ],
        [
          '/providers/Microsoft.Network/azureFirewalls/with-private-ip-10.200.0.4',
          'forbidden',
        ],
      ]),
    );
    expect(
      checkOf(assessment, 'ingress.keyvault.rbac-authorization'),
    ).toMatchObject({ verdict: 'unknown', reason: 'forbidden' });
    expect(checkOf(assessment, 'egress.firewall.threat-intel')).toMatchObject({
      verdict: 'unknown',
      reason: 'forbidden',
    });
    expect(checkOf(assessment, 'ingress.appgw.min-tls-version').verdict).toBe(
      'pass',
    );
  });

  it('reads WAF policies at listener and path-rule level', async () => {
    const gateway = mocks.arm.get(GATEWAY_ID)!;
    const catalogPolicy = `${SPOKE}/rg-contoso-edge-prod/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-contoso-catalog-01`;
    const pathPolicy = `${SPOKE}/rg-contoso-edge-prod/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-contoso-paths-01`;
    mocks.arm.add({
      ...gateway,
      properties: {
        ...gateway.properties,
        httpListeners: gateway.properties.httpListeners.map(
          (listener: any, index: number) =>
            index === 0
              ? {
                  ...listener,
                  properties: {
                    ...listener.properties,
                    firewallPolicy: { id: catalogPolicy },
                  },
                }
              : listener,
        ),
        urlPathMaps: [
          {
            name: 'paths-checkout',
            id: `${GATEWAY_ID}/urlPathMaps/paths-checkout`,
            properties: {
              pathRules: [
                {
                  name: 'api',
                  id: `${GATEWAY_ID}/urlPathMaps/paths-checkout/pathRules/api`,
                  properties: {
                    paths: ['/api/*'],
                    firewallPolicy: { id: pathPolicy },
                  },
                },
              ],
            },
          },
        ],
      },
    });
    const { source } = createAzureSource();

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));

    expect(typesAndNames(resourceSet.resources)).toEqual(
      expect.arrayContaining([
        'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies waf-contoso-prod-01',
        'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies waf-contoso-catalog-01',
      ]),
    );
    expect(resourceSet.failures).toEqual([
      expect.objectContaining({ target: pathPolicy, reason: 'not-found' }),
    ]);
  });
});

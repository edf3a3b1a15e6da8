import fs from 'fs';
import path from 'path';
import { ArmResource, JsonObject, KubernetesResource } from '../types';
import { FIXTURES_DIR } from '../__testUtils__/resourceSets';
import { getPath } from './json';
import { sameArmId } from './armIds';
import { parseResourceDocument } from './parseDocument';
import { templateResourceId } from './armTemplateExpressions';

const TEST_DATA_DIR = path.join(__dirname, '__testData__');

function fixtureText(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8');
}

function testDataText(name: string): string {
  return fs.readFileSync(path.join(TEST_DATA_DIR, name), 'utf8');
}

function exampleBody(relativePath: string): JsonObject {
  return JSON.parse(fixtureText(relativePath)).responses['200'].body;
}

function parse(text: string, location = 'input.json') {
  return parseResourceDocument(text, { source: 'file', location });
}

function armResources(text: string, location?: string): ArmResource[] {
  const parsed = parse(text, location);
  expect(parsed.failures).toEqual([]);
  return parsed.resources as ArmResource[];
}

/** Lists every path in a JSON value whose value is null. */
function nullPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      nullPaths(item, `${prefix}[${index}]`),
    );
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, field]) =>
      field === null
        ? [`${prefix}.${key}`]
        : nullPaths(field, `${prefix}.${key}`),
    );
  }
  return [];
}

/** Lists every path in a JSON value whose key is `resourceGroup`. */
function resourceGroupPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      resourceGroupPaths(item, `${prefix}[${index}]`),
    );
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, field]) =>
      key === 'resourceGroup'
        ? [`${prefix}.${key}`]
        : resourceGroupPaths(field, `${prefix}.${key}`),
    );
  }
  return [];
}

describe('parseResourceDocument', () => {
  describe('API example files', () => {
    it('reads the 200 body and records the api-version', () => {
      const [cluster] = armResources(
        fixtureText('arm-specs-aks-2025-10-01/ManagedClustersGet.json'),
      );

      expect(cluster.type).toBe('Microsoft.ContainerService/managedClusters');
      expect(cluster.name).toBe('clustername1');
      expect(cluster.origin.apiVersion).toBe('2025-10-01');
      expect(cluster.origin.format).toBe('api-example');
      expect(getPath(cluster.body, 'properties.enableRBAC')).toBe(false);
      expect(getPath(cluster.body, 'eTag')).toBeDefined();
    });

    it('keeps a wire body unchanged apart from the canonical type', () => {
      const body = exampleBody(
        'arm-specs-network-2023-11-01/ApplicationGatewayCreate.json',
      );

      const [gateway] = armResources(
        fixtureText(
          'arm-specs-network-2023-11-01/ApplicationGatewayCreate.json',
        ),
      );

      expect(gateway.body).toEqual(body);
      expect(gateway.origin.apiVersion).toBe('2023-11-01');
    });

    it('spells a lower-case WAF policy type canonically', () => {
      const [policy] = armResources(
        fixtureText('arm-specs-network-2023-11-01/WafPolicyGet.json'),
      );

      expect(policy.type).toBe(
        'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
      );
      expect(
        getPath(
          policy.body,
          'properties.policySettings.requestBodyInspectLimitInKB',
        ),
      ).toBe(2000);
    });
  });

  describe('ARM wire bodies', () => {
    it('reads a saved GET body without an api-version', () => {
      const body = exampleBody('arm-specs-keyvault-2023-07-01/getVault.json');

      const [vault] = armResources(JSON.stringify(body, null, 2));

      expect(vault.id).toBe(body.id);
      expect(vault.body).toEqual(body);
      expect(vault.origin).toEqual({
        source: 'file',
        location: 'input.json',
        format: 'arm-resource',
      });
    });

    it('reads every resource of a list page', () => {
      const page = {
        value: [
          exampleBody(
            'arm-specs-network-2023-11-01/RouteTableCreateWithRoute.json',
          ),
          exampleBody('arm-specs-network-2024-10-01/RouteTableGet.json'),
        ],
        nextLink:
          'https://management.azure.com/subscriptions/subid/providers/Microsoft.Network/routeTables?api-version=2024-10-01&$skiptoken=abc',
      };

      const tables = armResources(JSON.stringify(page));

      expect(tables.map(table => table.type)).toEqual([
        'Microsoft.Network/routeTables',
        'Microsoft.Network/routeTables',
      ]);
      expect(tables.map(table => table.body)).toEqual(page.value);
    });

    it('places sku per resource type', () => {
      const [firewall] = armResources(
        fixtureText('arm-specs-network-2023-11-01/AzureFirewallGet.json'),
      );
      const [natGateway] = armResources(
        fixtureText('arm-specs-network-2023-11-01/NatGatewayGet.json'),
      );

      expect(getPath(firewall.body, 'properties.sku.tier')).toBe('Standard');
      expect(getPath(firewall.body, 'sku')).toBeUndefined();
      expect(getPath(natGateway.body, 'sku.name')).toBe('Standard');
      expect(getPath(natGateway.body, 'properties.sku')).toBeUndefined();
    });
  });

  describe('az show output', () => {
    it('maps a flattened managed cluster back to wire names', () => {
      const [cluster] = armResources(testDataText('az-aks-show.json'));
      const body = cluster.body;

      expect(cluster.type).toBe('Microsoft.ContainerService/managedClusters');
      expect(cluster.name).toBe('aks-contoso');
      expect(cluster.origin.format).toBe('az-cli');
      expect(getPath(body, 'properties.enableRBAC')).toBe(true);
      expect(getPath(body, 'properties.enableRbac')).toBeUndefined();
      expect(getPath(body, 'properties.aadProfile.enableAzureRBAC')).toBe(true);
      expect(
        getPath(body, 'properties.aadProfile.adminGroupObjectIDs'),
      ).toEqual(['6f2d9c4e-1b7a-4a3e-9d55-2c8f0e7b1a11']);
      expect(getPath(body, 'properties.aadProfile.tenantID')).toBe(
        '72f988bf-86f1-41af-91ab-2d7cd011db47',
      );
      expect(
        getPath(body, 'properties.apiServerAccessProfile.authorizedIPRanges'),
      ).toEqual(['203.0.113.0/28']);
      expect(
        getPath(body, 'properties.apiServerAccessProfile.disableRunCommand'),
      ).toBe(true);
      expect(getPath(body, 'properties.azurePortalFQDN')).toBe(
        'aks-contoso-7a3b9c1d.portal.hcp.eastus2.azmk8s.io',
      );
      expect(getPath(body, 'properties.networkProfile.dnsServiceIP')).toBe(
        '172.16.0.10',
      );
      expect(getPath(body, 'properties.networkProfile.outboundType')).toBe(
        'userDefinedRouting',
      );
      expect(getPath(body, 'properties.oidcIssuerProfile.issuerURL')).toMatch(
        /^https:/,
      );
      expect(getPath(body, 'properties.resourceUID')).toBe(
        '6745b1c2d3e4f5a6b7c8d9e0',
      );
      expect(
        getPath(body, 'properties.storageProfile.diskCSIDriver.enabled'),
      ).toBe(true);
    });

    it('maps agent pool profile names and keeps their type', () => {
      const [cluster] = armResources(testDataText('az-aks-show.json'));

      const pool = (
        getPath(cluster.body, 'properties.agentPoolProfiles') as JsonObject[]
      )[0];

      expect(pool.enableNodePublicIP).toBe(false);
      expect(pool.enableFIPS).toBe(false);
      expect(pool.osDiskSizeGB).toBe(80);
      expect(pool.osSKU).toBe('Ubuntu');
      expect(pool.type).toBe('VirtualMachineScaleSets');
      expect(pool.vnetSubnetID).toMatch(/\/subnets\/snet-clusternodes$/);
      expect(pool.enableNodePublicIp).toBeUndefined();
    });

    it('keeps the envelope at the top and the keys of data maps', () => {
      const [cluster] = armResources(testDataText('az-aks-show.json'));
      const body = cluster.body;

      expect(Object.keys(body).sort()).toEqual(
        [
          'eTag',
          'id',
          'identity',
          'kind',
          'location',
          'name',
          'properties',
          'sku',
          'tags',
          'type',
        ].sort(),
      );
      expect(body.sku).toEqual({ name: 'Base', tier: 'Standard' });
      expect(body.tags).toEqual({
        'application ID': 'A0008',
        'business unit': 'BU0001',
      });
      expect(
        Object.keys(getPath(body, 'properties.addonProfiles') as JsonObject),
      ).toEqual(['azureKeyvaultSecretsProvider', 'azurepolicy']);
      expect(
        getPath(
          body,
          'properties.addonProfiles.azureKeyvaultSecretsProvider.config',
        ),
      ).toEqual({ enableSecretRotation: 'true', rotationPollInterval: '2m' });
      expect(
        getPath(body, 'properties.identityProfile.kubeletidentity.clientId'),
      ).toBe('2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d');
    });

    it('drops printed nulls and resourceGroup fields', () => {
      const [cluster] = armResources(testDataText('az-aks-show.json'));

      expect(nullPaths(cluster.body)).toEqual([]);
      expect(resourceGroupPaths(cluster.body)).toEqual([]);
      expect(getPath(cluster.body, 'properties.privateFQDN')).toBeUndefined();
      expect(
        getPath(
          cluster.body,
          'properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN',
        ),
      ).toBeUndefined();
    });

    it('moves a gateway sku into properties and wraps sub-resources', () => {
      const [gateway] = armResources(
        testDataText('az-network-application-gateway-show.json'),
      );
      const body = gateway.body;

      expect(body.sku).toBeUndefined();
      expect(getPath(body, 'properties.sku')).toEqual({
        name: 'WAF_v2',
        tier: 'WAF_v2',
      });
      expect(body.zones).toEqual(['1', '2', '3']);
      expect(getPath(body, 'properties.firewallPolicy')).toEqual({
        id: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-bu0001a0008/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-apw-contoso',
      });
      expect(getPath(body, 'properties.defaultPredefinedSslPolicy')).toBe(
        'AppGwSslPolicy20220101',
      );
      expect(
        getPath(body, 'properties.webApplicationFirewallConfiguration'),
      ).toBeUndefined();

      const [listener] = getPath(
        body,
        'properties.httpListeners',
      ) as JsonObject[];
      expect(Object.keys(listener).sort()).toEqual([
        'etag',
        'id',
        'name',
        'properties',
        'type',
      ]);
      expect(getPath(listener, 'properties.protocol')).toBe('Https');
      expect(getPath(listener, 'properties.requireServerNameIndication')).toBe(
        true,
      );
      expect(
        getPath(listener, 'properties.frontendIPConfiguration.id'),
      ).toMatch(/\/frontendIPConfigurations\/apw-frontend-ip-configuration$/);
      expect(getPath(listener, 'properties.firewallPolicy')).toBeUndefined();

      const [frontend] = getPath(
        body,
        'properties.frontendIPConfigurations',
      ) as JsonObject[];
      expect(getPath(frontend, 'properties.publicIPAddress.id')).toMatch(
        /pip-BU0001A0008-00$/,
      );
      expect(getPath(frontend, 'properties.privateIPAllocationMethod')).toBe(
        'Dynamic',
      );

      const [gatewayIpConfiguration] = getPath(
        body,
        'properties.gatewayIPConfigurations',
      ) as JsonObject[];
      expect(getPath(gatewayIpConfiguration, 'properties.subnet.id')).toMatch(
        /snet-applicationgateway$/,
      );
    });

    it('wraps backend settings, path rules and certificates', () => {
      const [gateway] = armResources(
        testDataText('az-network-application-gateway-show.json'),
      );
      const body = gateway.body;

      const [settings] = getPath(
        body,
        'properties.backendHttpSettingsCollection',
      ) as JsonObject[];
      expect(getPath(settings, 'properties.protocol')).toBe('Https');
      expect(getPath(settings, 'properties.port')).toBe(443);
      expect(
        getPath(settings, 'properties.pickHostNameFromBackendAddress'),
      ).toBe(true);
      expect(getPath(settings, 'properties.trustedRootCertificates')).toEqual([
        {
          id: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-bu0001a0008/providers/Microsoft.Network/applicationGateways/apw-contoso/trustedRootCertificates/root-cert-wildcard-aks-ingress',
        },
      ]);

      const [pathMap] = getPath(body, 'properties.urlPathMaps') as JsonObject[];
      const [pathRule] = getPath(
        pathMap,
        'properties.pathRules',
      ) as JsonObject[];
      expect(pathRule.name).toBe('api');
      expect(getPath(pathRule, 'properties.firewallPolicy.id')).toMatch(
        /waf-api-paths$/,
      );
      expect(getPath(pathRule, 'properties.paths')).toEqual(['/api/*']);

      const [root] = getPath(
        body,
        'properties.trustedRootCertificates',
      ) as JsonObject[];
      expect(getPath(root, 'properties.keyVaultSecretId')).toMatch(
        /^https:\/\/kv-aks-contoso/,
      );

      const [pool] = getPath(
        body,
        'properties.backendAddressPools',
      ) as JsonObject[];
      expect(getPath(pool, 'properties.backendAddresses')).toEqual([
        { fqdn: 'bu0001a0008-00.aks-ingress.contoso.com' },
      ]);
      expect(nullPaths(body)).toEqual([]);
      expect(resourceGroupPaths(body)).toEqual([]);
    });

    it('keeps a key vault properties object and wraps its connections', () => {
      const [vault] = armResources(testDataText('az-keyvault-show.json'));
      const body = vault.body;

      expect(vault.origin.format).toBe('az-cli');
      expect(getPath(body, 'properties.enableRbacAuthorization')).toBe(true);
      expect(getPath(body, 'properties.sku')).toEqual({
        family: 'A',
        name: 'standard',
      });
      expect(getPath(body, 'properties.enablePurgeProtection')).toBeUndefined();
      expect(body.resourceGroup).toBeUndefined();

      const [connection] = getPath(
        body,
        'properties.privateEndpointConnections',
      ) as JsonObject[];
      expect(
        getPath(
          connection,
          'properties.privateLinkServiceConnectionState.status',
        ),
      ).toBe('Approved');
      expect(getPath(connection, 'properties.privateEndpoint')).toEqual({
        id: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-bu0001a0008/providers/Microsoft.Network/privateEndpoints/nodepools-to-akv',
      });
      expect(resourceGroupPaths(body)).toEqual([]);
    });
    it('wraps firewall rule collections and IP configurations', () => {
      const [firewall] = armResources(
        testDataText('az-network-firewall-show.json'),
      );
      const body = firewall.body;

      expect(getPath(body, 'properties.sku')).toEqual({
        name: 'AZFW_VNet',
        tier: 'Standard',
      });
      expect(body.sku).toBeUndefined();
      expect(getPath(body, 'properties.threatIntelMode')).toBe('Deny');
      expect(getPath(body, 'properties.hubIPAddresses.privateIPAddress')).toBe(
        '10.200.0.4',
      );
      expect(getPath(body, 'properties.additionalProperties')).toEqual({
        'Network.DNS.EnableProxy': 'true',
      });

      const [collection] = getPath(
        body,
        'properties.applicationRuleCollections',
      ) as JsonObject[];
      expect(getPath(collection, 'properties.action.type')).toBe('Allow');
      expect(getPath(collection, 'properties.priority')).toBe(200);
      const [rule] = getPath(collection, 'properties.rules') as JsonObject[];
      expect(rule.fqdnTags).toEqual(['AzureKubernetesService']);
      expect(rule.description).toBeUndefined();

      const [ipConfiguration] = getPath(
        body,
        'properties.ipConfigurations',
      ) as JsonObject[];
      expect(getPath(ipConfiguration, 'properties.privateIPAddress')).toBe(
        '10.200.0.4',
      );
      expect(getPath(ipConfiguration, 'properties.publicIPAddress.id')).toMatch(
        /pip-fw-eastus2-default$/,
      );
      expect(
        getPath(
          body,
          'properties.managementIpConfiguration.properties.subnet.id',
        ),
      ).toMatch(/AzureFirewallManagementSubnet$/);
      expect(resourceGroupPaths(body)).toEqual([]);
    });
  });

  describe('az list output', () => {
    it('reads every element and wraps routes', () => {
      const tables = armResources(
        testDataText('az-network-route-table-list.json'),
      );

      expect(tables.map(table => table.name)).toEqual([
        'route-to-eastus2-hub-fw',
        'rt-empty',
      ]);
      const [route] = getPath(
        tables[0].body,
        'properties.routes',
      ) as JsonObject[];
      expect(route).toEqual({
        etag: 'W/"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"',
        id: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-enterprise-networking-spokes/providers/Microsoft.Network/routeTables/route-to-eastus2-hub-fw/routes/r-nexthop-to-fw',
        name: 'r-nexthop-to-fw',
        type: 'Microsoft.Network/routeTables/routes',
        properties: {
          addressPrefix: '0.0.0.0/0',
          hasBgpOverride: false,
          nextHopIpAddress: '10.200.0.4',
          nextHopType: 'VirtualAppliance',
          provisioningState: 'Succeeded',
        },
      });
      expect(getPath(tables[0].body, 'properties.subnets')).toEqual([
        {
          id: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-enterprise-networking-spokes/providers/Microsoft.Network/virtualNetworks/vnet-spoke-BU0001A0008-00/subnets/snet-clusternodes',
        },
      ]);
      expect(getPath(tables[1].body, 'properties.subnets')).toBeUndefined();
      expect(
        getPath(tables[1].body, 'properties.disableBgpRoutePropagation'),
      ).toBe(false);
    });

    it('reads an Azure Resource Graph result', () => {
      const body = exampleBody(
        'arm-specs-network-2023-11-01/NatGatewayGet.json',
      );
      const row = {
        ...body,
        kind: '',
        managedBy: '',
        resourceGroup: 'rg1',
        subscriptionId: 'subid',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        tags: null,
        identity: null,
        zones: null,
        plan: null,
        extendedLocation: null,
      };

      const [natGateway] = armResources(
        JSON.stringify({
          count: 1,
          data: [row],
          skip_token: null,
          total_records: 1,
        }),
      );

      expect(natGateway.type).toBe('Microsoft.Network/natGateways');
      expect(natGateway.body.subscriptionId).toBeUndefined();
      expect(natGateway.body.tenantId).toBeUndefined();
      expect(natGateway.body.tags).toBeUndefined();
      expect(natGateway.body.properties).toEqual(body.properties);
      expect(natGateway.body.sku).toEqual({ name: 'Standard' });
    });
  });

  describe('JavaScript SDK models', () => {
    it('maps a flattened ManagedCluster model back to wire names', () => {
      const model = {
        id: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-bu0001a0008/providers/Microsoft.ContainerService/managedClusters/aks-contoso',
        name: 'aks-contoso',
        type: 'Microsoft.ContainerService/ManagedClusters',
        location: 'eastus2',
        sku: { name: 'Base', tier: 'Standard' },
        identity: { type: 'SystemAssigned', principalId: 'p', tenantId: 't' },
        provisioningState: 'Succeeded',
        enableRbac: true,
        privateFqdn: 'aks-contoso-1a2b3c4d.privatelink.eastus2.azmk8s.io',
        aadProfile: {
          managed: true,
          enableAzureRbac: true,
          adminGroupObjectIDs: ['g1'],
        },
        apiServerAccessProfile: {
          enablePrivateCluster: true,
          enablePrivateClusterPublicFqdn: false,
          privateDNSZone: 'system',
        },
        agentPoolProfiles: [
          {
            name: 'npsystem',
            count: 3,
            vnetSubnetID:
              '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
            enableNodePublicIP: false,
            type: 'VirtualMachineScaleSets',
          },
        ],
      };

      const [cluster] = armResources(JSON.stringify(model));

      expect(cluster.origin.format).toBe('sdk-model');
      expect(cluster.body.sku).toEqual({ name: 'Base', tier: 'Standard' });
      expect(cluster.body.identity).toEqual(model.identity);
      expect(getPath(cluster.body, 'properties.enableRBAC')).toBe(true);
      expect(getPath(cluster.body, 'properties.privateFQDN')).toBe(
        model.privateFqdn,
      );
      expect(
        getPath(cluster.body, 'properties.aadProfile.enableAzureRBAC'),
      ).toBe(true);
      expect(
        getPath(
          cluster.body,
          'properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN',
        ),
      ).toBe(false);
      expect(getPath(cluster.body, 'properties.provisioningState')).toBe(
        'Succeeded',
      );
    });

    it('maps typePropertiesType of an agent pool to properties.type', () => {
      const model = {
        id: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-contoso/agentPools/npuser01',
        name: 'npuser01',
        type: 'Microsoft.ContainerService/managedClusters/agentPools',
        typePropertiesType: 'VirtualMachineScaleSets',
        enableNodePublicIp: true,
        resourceGroup: 'rg',
      };

      const [pool] = armResources(JSON.stringify(model));

      expect(pool.body.type).toBe(
        'Microsoft.ContainerService/managedClusters/agentPools',
      );
      expect(getPath(pool.body, 'properties.type')).toBe(
        'VirtualMachineScaleSets',
      );
      expect(getPath(pool.body, 'properties.enableNodePublicIP')).toBe(true);
    });
  });

  describe('ARM templates', () => {
    const resources = () =>
      armResources(testDataText('template-ingress.json'), 'infra/main.json');
    const byType = (type: string) =>
      resources().filter(resource => resource.type === type);

    it('reads supported resources with synthesised ids', () => {
      const read = resources();

      expect(read.map(resource => `${resource.type} ${resource.name}`)).toEqual(
        [
          'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies waf-apw-contoso',
          'Microsoft.Network/applicationGateways apw-contoso',
          "Microsoft.ContainerService/managedClusters [parameters('clusterName')]",
          'Microsoft.Network/virtualNetworks vnet-spoke-BU0001A0008-00',
          'Microsoft.Network/virtualNetworks/subnets snet-clusternodes',
          'Microsoft.KeyVault/vaults kv-contoso',
        ],
      );
      for (const resource of read) {
        expect(resource.origin.format).toBe('arm-template');
        expect(resource.origin.location).toBe('infra/main.json');
      }
      expect(read.map(resource => resource.origin.apiVersion)).toEqual([
        '2023-11-01',
        '2023-11-01',
        '2025-10-01',
        '2023-11-01',
        '2023-11-01',
        '2023-07-01',
      ]);
    });

    it('builds the same id for a resource and a reference to it', () => {
      const [policy] = byType(
        'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
      );
      const [gateway] = byType('Microsoft.Network/applicationGateways');

      expect(policy.id).toBe(
        templateResourceId(
          'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
          'waf-apw-contoso',
        ),
      );
      expect(
        sameArmId(
          getPath(gateway.body, 'properties.firewallPolicy.id') as string,
          policy.id,
        ),
      ).toBe(true);
      const [listener] = getPath(
        gateway.body,
        'properties.httpListeners',
      ) as JsonObject[];
      expect(getPath(listener, 'properties.frontendIPConfiguration.id')).toBe(
        `${gateway.id}/frontendIPConfigurations/apw-frontend-ip-configuration`,
      );
    });

    it('evaluates defaults and keeps unresolved expressions', () => {
      const [policy] = byType(
        'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
      );
      const [gateway] = byType('Microsoft.Network/applicationGateways');
      const [vault] = byType('Microsoft.KeyVault/vaults');

      expect(getPath(policy.body, 'properties.policySettings.mode')).toBe(
        'Prevention',
      );
      expect(policy.body.location).toBe("[parameters('location')]");
      const [listener] = getPath(
        gateway.body,
        'properties.httpListeners',
      ) as JsonObject[];
      expect(getPath(listener, 'properties.hostName')).toBe(
        "[format('{0}.contoso.com', parameters('clusterName'))]",
      );
      expect(getPath(vault.body, 'properties.tenantId')).toBe(
        '[subscription().tenantId]',
      );
      expect(getPath(vault.body, 'properties.sku')).toEqual({
        family: 'A',
        name: 'standard',
      });
    });

    it('drops deployment fields and maps SDK-cased names', () => {
      const [gateway] = byType('Microsoft.Network/applicationGateways');
      const [cluster] = byType('Microsoft.ContainerService/managedClusters');

      expect(gateway.body.dependsOn).toBeUndefined();
      expect(gateway.body.apiVersion).toBeUndefined();
      expect(getPath(gateway.body, 'properties.sku.tier')).toBe('WAF_v2');
      expect(cluster.id).toBe(
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/template/providers/Microsoft.ContainerService/managedClusters/[parameters('clusterName')]",
      );
      expect(getPath(cluster.body, 'properties.enableRBAC')).toBe(true);
      expect(
        getPath(cluster.body, 'properties.aadProfile.enableAzureRBAC'),
      ).toBe(true);
      expect(
        getPath(
          cluster.body,
          'properties.apiServerAccessProfile.authorizedIPRanges',
        ),
      ).toEqual(['203.0.113.0/28']);
      expect(cluster.body.sku).toEqual({ name: 'Base', tier: 'Standard' });
    });

    it('reads child resources with their full type and name', () => {
      const [subnet] = byType('Microsoft.Network/virtualNetworks/subnets');

      expect(subnet.id).toBe(
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/template/providers/Microsoft.Network/virtualNetworks/vnet-spoke-BU0001A0008-00/subnets/snet-clusternodes',
      );
      expect(getPath(subnet.body, 'properties.routeTable.id')).toBe(
        templateResourceId(
          'Microsoft.Network/routeTables',
          'route-to-eastus2-hub-fw',
        ),
      );
    });

    it('skips existing and disabled resources', () => {
      const symbolic = armResources(
        testDataText('template-symbolic-names.json'),
      );

      expect(symbolic.map(resource => resource.name)).toEqual(['ng-egress']);
      expect(symbolic[0].body.sku).toEqual({ name: 'Standard' });
      expect(byType('Microsoft.Network/routeTables')).toEqual([]);
    });
  });

  describe('Kubernetes YAML', () => {
    it('reads every document of a multi-document file', () => {
      const parsed = parse(
        fixtureText('aks-baseline/traefik.yaml'),
        'traefik.yaml',
      );

      expect(parsed.failures).toEqual([]);
      expect(
        (parsed.resources as KubernetesResource[]).map(
          resource => resource.objectKind,
        ),
      ).toEqual([
        'ServiceAccount',
        'ClusterRole',
        'ClusterRoleBinding',
        'ConfigMap',
        'Service',
        'Deployment',
      ]);
      expect(parsed.resources[0].origin.format).toBe('kubernetes');
    });

    it('reads the items of a kind List', () => {
      const list = [
        'apiVersion: v1',
        'items:',
        '- apiVersion: v1',
        '  kind: Service',
        '  metadata:',
        '    name: aspnetapp-service',
        '    namespace: a0008',
        '  spec:',
        '    type: ClusterIP',
        '- apiVersion: networking.k8s.io/v1',
        '  kind: NetworkPolicy',
        '  metadata:',
        '    name: deny-all',
        '    namespace: a0008',
        '  spec:',
        '    podSelector: {}',
        'kind: List',
        'metadata:',
        '  resourceVersion: ""',
      ].join('\n');

      const parsed = parse(list, 'a0008.yaml');

      expect(parsed.failures).toEqual([]);
      expect(
        (parsed.resources as KubernetesResource[]).map(resource => [
          resource.apiVersion,
          resource.objectKind,
          resource.namespace,
          resource.name,
        ]),
      ).toEqual([
        ['v1', 'Service', 'a0008', 'aspnetapp-service'],
        ['networking.k8s.io/v1', 'NetworkPolicy', 'a0008', 'deny-all'],
      ]);
    });

    it('fills item kinds of a typed list from the API', () => {
      const list = {
        kind: 'IngressList',
        apiVersion: 'networking.k8s.io/v1',
        metadata: { resourceVersion: '12345' },
        items: [
          {
            metadata: { name: 'aspnetapp-ingress', namespace: 'a0008' },
            spec: {},
          },
        ],
      };

      const parsed = parse(JSON.stringify(list), 'ingresses.json');

      expect(parsed.failures).toEqual([]);
      const [ingress] = parsed.resources as KubernetesResource[];
      expect(ingress.objectKind).toBe('Ingress');
      expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
      expect(ingress.body.kind).toBe('Ingress');
    });

    it('expands merge keys as Kubernetes does', () => {
      const policy = [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: allow-all',
        '  namespace: shop',
        'spec:',
        '  podSelector: {}',
        '  <<: { ingress: [{}], egress: [{}] }',
      ].join('\n');

      const parsed = parse(policy, 'networkpolicies.yaml');

      expect(parsed.failures).toEqual([]);
      const [resource] = parsed.resources as KubernetesResource[];
      expect(resource.body.spec).toEqual({
        podSelector: {},
        ingress: [{}],
        egress: [{}],
      });
    });

    it('skips empty documents after a trailing separator', () => {
      const parsed = parse(
        `${fixtureText('agic/service.yaml')}\n---\n`,
        'service.yaml',
      );

      expect(parsed.failures).toEqual([]);
      expect(parsed.resources).toHaveLength(1);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an empty file', ''],
      ['a file of whitespace', ' \n\t\n'],
    ])('reports %s', (_case, text) => {
      const parsed = parse(text, 'snapshots/empty.json');

      expect(parsed.resources).toEqual([]);
      expect(parsed.failures).toHaveLength(1);
      expect(parsed.failures[0].reason).toBe('invalid-document');
      expect(parsed.failures[0].target).toBe('snapshots/empty.json');
      expect(parsed.failures[0].message).toMatch(
        /^snapshots\/empty\.json is empty; expected an ARM resource/,
      );
    });

    it('reports truncated JSON', () => {
      const text = fixtureText(
        'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
      );

      const parsed = parse(text.slice(0, text.length / 2), 'cluster.json');

      expect(parsed.resources).toEqual([]);
      expect(parsed.failures).toHaveLength(1);
      expect(parsed.failures[0].reason).toBe('invalid-document');
      expect(parsed.failures[0].message).toMatch(
        /^cluster\.json is not valid JSON \(.+\); expected an ARM resource/,
      );
    });

    it('reports text that is neither JSON nor YAML objects', () => {
      const parsed = parse('just some notes about the cluster', 'notes.yaml');

      expect(parsed.resources).toEqual([]);
      expect(parsed.failures.map(failure => failure.message)).toEqual([
        expect.stringMatching(
          /^notes\.yaml is a string, not an object; expected/,
        ),
      ]);
    });

    it('reports a .json file that is not JSON as such', () => {
      const parsed = parse('\u0007binary: [', 'bytes.json');

      expect(parsed.resources).toEqual([]);
      expect(parsed.failures[0].message).toContain('is not valid JSON');
    });

    it('reports invalid YAML', () => {
      const parsed = parse(
        'kind: Service\nmetadata: [unclosed\n',
        'broken.yaml',
      );

      expect(parsed.resources).toEqual([]);
      expect(parsed.failures).toHaveLength(1);
      expect(parsed.failures[0].message).toMatch(
        /^broken\.yaml is not valid YAML \(/,
      );
    });

    it.each([
      [
        'YAML',
        'secret.yaml',
        'kind: Secret\nstringData:\n  password: S3cr3t-Value: admin\n',
      ],
      [
        'JSON',
        'secret.json',
        '{"kind": "Secret", "stringData": {"password": S3cr3t-Value}}',
      ],
    ])('shows no input in a %s error', (_, file, text) => {
      const parsed = parse(text, file);

      expect(parsed.failures).toHaveLength(1);
      expect(parsed.failures[0].message).toContain(`${file} is not valid`);
      expect(parsed.failures[0].message).not.toContain('S3cr3t');
    });

    it('keeps the line of a YAML error', () => {
      const parsed = parse(
        'kind: Secret\nstringData:\n  password: S3cr3t-Value: admin\n',
        'secret.yaml',
      );

      expect(parsed.failures[0].message).toMatch(/at line 3, column \d+\)/);
    });

    it('reports a resource type the checks do not read', () => {
      const parsed = parse(
        fixtureText(
          'arm-specs-network-2024-10-01/ApplicationGatewayAvailableSslOptionsGet.json',
        ),
        'ssl-options.json',
      );

      expect(parsed.resources).toEqual([]);
      expect(parsed.failures).toHaveLength(1);
      expect(parsed.failures[0].reason).toBe('invalid-document');
      expect(parsed.failures[0].message).toContain(
        'ssl-options.json contains only resources of types the checks do not read (Microsoft.Network/ApplicationGatewayAvailableSslOptions)',
      );
      expect(parsed.failures[0].message).toContain(
        'Microsoft.Network/applicationGateways',
      );
    });

    it('reports a YAML document without kind and keeps the others', () => {
      const text = [
        fixtureText('agic/service.yaml').trim(),
        '---',
        'apiVersion: v1',
        'metadata:',
        '  name: missing-kind',
      ].join('\n');

      const parsed = parse(text, 'k8s/app.yaml');

      expect(parsed.resources).toHaveLength(1);
      expect(parsed.failures).toHaveLength(1);
      expect(parsed.failures[0].reason).toBe('invalid-document');
      expect(parsed.failures[0].message).toMatch(
        /^k8s\/app\.yaml document 2 has no kind; expected/,
      );
    });

    it('reports JSON with no ARM identity', () => {
      const parsed = parse(
        '{"name": "aks-traffic-security", "version": "0.1.0"}',
        'package.json',
      );

      expect(parsed.resources).toEqual([]);
      expect(parsed.failures[0].message).toMatch(
        /^package\.json has no kind and no ARM id, name and type; expected/,
      );
    });
  });
});

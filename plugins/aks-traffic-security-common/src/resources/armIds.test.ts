import { armIdType, isArmResourceId, lastIdSegment, sameArmId } from './armIds';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const PREFIX = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-aks`;
const CLUSTER = `${PREFIX}/providers/Microsoft.ContainerService/managedClusters/aks-prod`;

describe('isArmResourceId', () => {
  it.each([
    ['a cluster id as az prints it', CLUSTER],
    [
      'an Application Gateway id',
      `${PREFIX}/providers/Microsoft.Network/applicationGateways/agw-prod`,
    ],
    [
      'the WAF policy type in the case of the API',
      `${PREFIX}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-orders`,
    ],
    [
      'the WAF policy type in lower case',
      `${PREFIX}/providers/Microsoft.Network/applicationgatewaywebapplicationfirewallpolicies/waf-orders`,
    ],
    [
      'resourcegroups in lower case, as AKS prints it',
      `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`,
    ],
    [
      'fixed segments in upper case',
      `/SUBSCRIPTIONS/${SUBSCRIPTION}/RESOURCEGROUPS/rg-aks/PROVIDERS/Microsoft.ContainerService/managedClusters/aks-prod`,
    ],
    [
      'fixed segments in mixed case',
      `/Subscriptions/${SUBSCRIPTION}/ResourceGroups/rg-aks/Providers/Microsoft.ContainerService/managedClusters/aks-prod`,
    ],
    [
      'the namespace and type in lower case',
      `${PREFIX}/providers/microsoft.containerservice/managedclusters/aks-prod`,
    ],
    [
      'the namespace and type in upper case',
      `${PREFIX}/providers/MICROSOFT.NETWORK/APPLICATIONGATEWAYS/agw-prod`,
    ],
    [
      'an id in lower case throughout, as Resource Graph prints it',
      CLUSTER.toLowerCase(),
    ],
    [
      'a subscription GUID in upper case',
      `/subscriptions/72F988BF-86F1-41AF-91AB-2D7CD011DB47/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw`,
    ],
    [
      'a child resource',
      `${PREFIX}/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-nodes`,
    ],
    [
      'a grandchild resource',
      `${PREFIX}/providers/Microsoft.Network/firewallPolicies/fw-policy/ruleCollectionGroups/rcg-aks/ruleCollections/allow`,
    ],
    [
      'a resource group with periods, parentheses and underscores',
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg.prod_(east)-1/providers/Microsoft.Network/applicationGateways/agw`,
    ],
    [
      'a resource group of one character',
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/r/providers/Microsoft.Network/applicationGateways/agw`,
    ],
    [
      'a resource group of 90 characters',
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/${'r'.repeat(
        90,
      )}/providers/Microsoft.Network/applicationGateways/agw`,
    ],
    [
      'a resource group ending with a parenthesis',
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg(prod)/providers/Microsoft.Network/applicationGateways/agw`,
    ],
    [
      'a name with periods and underscores',
      `${PREFIX}/providers/Microsoft.Network/applicationGateways/agw.prod_1`,
    ],
    [
      'a name of one character',
      `${PREFIX}/providers/Microsoft.ContainerService/managedClusters/a`,
    ],
    [
      'a namespace with more than one period',
      `${PREFIX}/providers/Microsoft.Network.Preview/things/thing-1`,
    ],
    [
      'a namespace with digits',
      `${PREFIX}/providers/Microsoft.D365CustomerInsights/instances/ci-1`,
    ],
    [
      'a Key Vault id',
      `${PREFIX}/providers/Microsoft.KeyVault/vaults/kv-orders`,
    ],
  ])('accepts %s', (_case, id) => {
    expect(isArmResourceId(id)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['a bare name', 'aks-prod'],
    ['a relative id', CLUSTER.slice(1)],
    ['a leading space', ` ${CLUSTER}`],
    ['a trailing space', `${CLUSTER} `],
    ['a trailing slash', `${CLUSTER}/`],
    ['a double slash', CLUSTER.replace('/providers', '//providers')],
    [
      'a subscription that is not a GUID',
      CLUSTER.replace(SUBSCRIPTION, 'subid'),
    ],
    ['a GUID without hyphens', CLUSTER.replace(SUBSCRIPTION, '0'.repeat(32))],
    [
      'a GUID with hyphens in the wrong places',
      CLUSTER.replace(SUBSCRIPTION, '0000000-00000-0000-0000-000000000000'),
    ],
    [
      'a GUID with a non-hex digit',
      CLUSTER.replace(SUBSCRIPTION, '0000000g-0000-0000-0000-000000000000'),
    ],
    ['a GUID in braces', CLUSTER.replace(SUBSCRIPTION, `{${SUBSCRIPTION}}`)],
    [
      'a misspelled subscriptions segment',
      CLUSTER.replace('subscriptions', 'subscription'),
    ],
    [
      'a misspelled resourceGroups segment',
      CLUSTER.replace('resourceGroups', 'resourceGroup'),
    ],
    [
      'a misspelled providers segment',
      CLUSTER.replace('providers', 'provider'),
    ],
    [
      'a missing resource group',
      `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.ContainerService/managedClusters/aks-prod`,
    ],
    ['a missing name', CLUSTER.replace('/aks-prod', '')],
    ['a type without a name', `${CLUSTER}/agentPools`],
    [
      'a missing type',
      `${PREFIX}/providers/Microsoft.ContainerService/aks-prod`,
    ],
    [
      'a namespace without a period',
      CLUSTER.replace('Microsoft.', 'Microsoft'),
    ],
    ['a subscription id only', `/subscriptions/${SUBSCRIPTION}`],
    ['a resource group id', PREFIX],
    ['a resource group name of ..', CLUSTER.replace('rg-aks', '..')],
    ['a resource group ending with a period', CLUSTER.replace('rg-aks', 'rg.')],
    [
      'a resource group of 91 characters',
      CLUSTER.replace('rg-aks', 'r'.repeat(91)),
    ],
    ['a resource group with a space', CLUSTER.replace('rg-aks', 'rg aks')],
    ['a name of ..', CLUSTER.replace('aks-prod', '..')],
    ['a name of .', CLUSTER.replace('aks-prod', '.')],
    ['a child name of ..', `${CLUSTER}/agentPools/..`],
    ['a name of 261 characters', CLUSTER.replace('aks-prod', 'a'.repeat(261))],
    ['a name with a space', CLUSTER.replace('aks-prod', 'aks prod')],
    ['a name with a percent escape', CLUSTER.replace('aks-prod', 'aks%2Fprod')],
    ['a name with a hash', CLUSTER.replace('aks-prod', 'aks#prod')],
    ['a name with a colon', CLUSTER.replace('aks-prod', 'aks:prod')],
    ['a name with a backslash', CLUSTER.replace('aks-prod', 'aks\\prod')],
    ['a name with a non-ASCII letter', CLUSTER.replace('aks-prod', 'aks-prød')],
    [
      'a type with a hyphen',
      CLUSTER.replace('managedClusters', 'managed-clusters'),
    ],
    ['a query string', `${CLUSTER}?api-version=2025-10-01`],
    ['a fragment', `${CLUSTER}#properties`],
    ['a URL', `https://management.azure.com${CLUSTER}`],
    [
      'an extension resource',
      `${CLUSTER}/providers/Microsoft.Authorization/roleAssignments/ra-1`,
    ],
    ['a line break', `${CLUSTER}\n`],
    [
      'an ARM template expression',
      "[resourceId('Microsoft.ContainerService/managedClusters', 'aks-prod')]",
    ],
  ])('rejects %s', (_case, id) => {
    expect(isArmResourceId(id)).toBe(false);
  });
});

describe('armIdType', () => {
  it.each([
    [CLUSTER, 'Microsoft.ContainerService/managedClusters'],
    [CLUSTER.toLowerCase(), 'microsoft.containerservice/managedclusters'],
    [`${CLUSTER}/`, 'Microsoft.ContainerService/managedClusters'],
    [
      `${CLUSTER}/agentPools/nodepool1`,
      'Microsoft.ContainerService/managedClusters/agentPools',
    ],
    [
      `${PREFIX}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet`,
      'Microsoft.Network/virtualNetworks/subnets',
    ],
    [
      `${CLUSTER}/PROVIDERS/Microsoft.Authorization/roleAssignments/ra-1`,
      'Microsoft.Authorization/roleAssignments',
    ],
    [
      '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/applicationGateways/appgw',
      'Microsoft.Network/applicationGateways',
    ],
  ])('returns the type of %s', (id, type) => {
    expect(armIdType(id)).toBe(type);
  });

  it.each([
    ['no providers segment', PREFIX],
    ['a type without a name', `${CLUSTER}/agentPools`],
    ['no type', `${PREFIX}/providers/Microsoft.ContainerService`],
    ['an empty segment', CLUSTER.replace('/aks-prod', '//aks-prod')],
    ['a template expression', "[variables('clusterId')]"],
  ])('returns undefined for %s', (_case, id) => {
    expect(armIdType(id)).toBeUndefined();
  });
});

describe('sameArmId', () => {
  it('ignores case and trailing slashes', () => {
    expect(sameArmId(CLUSTER, `${CLUSTER.toLowerCase()}/`)).toBe(true);
    expect(sameArmId(CLUSTER, CLUSTER.replace('aks-prod', 'aks-test'))).toBe(
      false,
    );
    expect(sameArmId(CLUSTER, undefined)).toBe(false);
  });
});

describe('lastIdSegment', () => {
  it.each([
    [`${CLUSTER}`, 'aks-prod'],
    ['listener-https', 'listener-https'],
    [
      "[resourceId('Microsoft.Network/applicationGateways/httpListeners', parameters('gw'), 'listener-a')]",
      'listener-a',
    ],
    ["concat(variables('gwId'), '/sslCertificates/', 'cert-b')", 'cert-b'],
    ['  /a/b  ', 'b'],
    ['/a/b/', 'b'],
    ['/a/b//', 'b'],
    [`${CLUSTER}/`, 'aks-prod'],
    ["[concat(variables('gwId'), '/sslProfiles/profile-a/')]", 'profile-a'],
    ['/', ''],
    ['', ''],
  ])('returns the last segment of %s', (id, expected) => {
    expect(lastIdSegment(id)).toBe(expected);
  });
});

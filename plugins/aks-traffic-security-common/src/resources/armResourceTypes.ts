/**
 * The wire-shape rules of one ARM resource type, which the normaliser uses
 * to turn any input shape into the ARM wire shape.
 *
 * @public
 */
export interface ArmTypeShape {
  /** The type as the ARM specification spells it, for example `Microsoft.Network/applicationGateways`. */
  type: string;
  /**
   * True when `sku` is a top-level field of the wire body, as for managed
   * clusters and NAT gateways. False when it sits in `properties`, as for
   * application gateways, firewalls, firewall policies and key vaults.
   */
  skuAtTopLevel: boolean;
  /**
   * Collections under `properties` whose elements are sub-resources with
   * their own `properties`. A dotted path names a nested collection:
   * `urlPathMaps.pathRules` is `properties.urlPathMaps[*].properties.pathRules`.
   */
  subResourceCollections: readonly string[];
  /** Single sub-resources under `properties`, such as a firewall's `managementIpConfiguration`. */
  singleSubResources: readonly string[];
}

const APPLICATION_GATEWAY_COLLECTIONS = [
  'gatewayIPConfigurations',
  'authenticationCertificates',
  'trustedRootCertificates',
  'trustedClientCertificates',
  'sslCertificates',
  'frontendIPConfigurations',
  'frontendPorts',
  'probes',
  'backendAddressPools',
  'backendHttpSettingsCollection',
  'backendSettingsCollection',
  'httpListeners',
  'listeners',
  'sslProfiles',
  'urlPathMaps',
  'urlPathMaps.pathRules',
  'requestRoutingRules',
  'routingRules',
  'rewriteRuleSets',
  'redirectConfigurations',
  'privateLinkConfigurations',
  'privateLinkConfigurations.ipConfigurations',
  'privateEndpointConnections',
  'loadDistributionPolicies',
];

const LOAD_BALANCER_COLLECTIONS = [
  'frontendIPConfigurations',
  'backendAddressPools',
  'loadBalancingRules',
  'probes',
  'inboundNatRules',
  'inboundNatPools',
  'outboundRules',
];

function shape(
  type: string,
  options: Partial<Omit<ArmTypeShape, 'type'>> = {},
): ArmTypeShape {
  return {
    type,
    skuAtTopLevel: options.skuAtTopLevel ?? false,
    subResourceCollections: options.subResourceCollections ?? [],
    singleSubResources: options.singleSubResources ?? [],
  };
}

/**
 * The ARM resource types the checks read, with their wire-shape rules.
 * Resources of other types in a list or a template are skipped, and a
 * document that holds only other types is an `invalid-document` failure.
 *
 * @public
 */
export const SUPPORTED_ARM_TYPES: readonly ArmTypeShape[] = [
  shape('Microsoft.ContainerService/managedClusters', { skuAtTopLevel: true }),
  shape('Microsoft.ContainerService/managedClusters/agentPools'),
  shape('Microsoft.Network/applicationGateways', {
    subResourceCollections: APPLICATION_GATEWAY_COLLECTIONS,
  }),
  shape('Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies'),
  shape('Microsoft.Network/azureFirewalls', {
    subResourceCollections: [
      'ipConfigurations',
      'applicationRuleCollections',
      'natRuleCollections',
      'networkRuleCollections',
    ],
    singleSubResources: ['managementIpConfiguration'],
  }),
  shape('Microsoft.Network/firewallPolicies'),
  shape('Microsoft.Network/firewallPolicies/ruleCollectionGroups'),
  shape('Microsoft.Network/routeTables', {
    subResourceCollections: ['routes', 'subnets'],
  }),
  shape('Microsoft.Network/routeTables/routes'),
  shape('Microsoft.Network/natGateways', { skuAtTopLevel: true }),
  shape('Microsoft.Network/virtualNetworks', {
    subResourceCollections: ['subnets', 'virtualNetworkPeerings'],
  }),
  shape('Microsoft.Network/virtualNetworks/subnets'),
  shape('Microsoft.Network/networkSecurityGroups', {
    subResourceCollections: ['securityRules', 'defaultSecurityRules'],
  }),
  shape('Microsoft.Network/privateEndpoints', {
    subResourceCollections: [
      'privateLinkServiceConnections',
      'manualPrivateLinkServiceConnections',
      'ipConfigurations',
    ],
  }),
  shape('Microsoft.Network/publicIPAddresses', { skuAtTopLevel: true }),
  shape('Microsoft.Network/loadBalancers', {
    skuAtTopLevel: true,
    subResourceCollections: LOAD_BALANCER_COLLECTIONS,
  }),
  shape('Microsoft.Network/privateDnsZones'),
  shape('Microsoft.KeyVault/vaults', {
    subResourceCollections: ['privateEndpointConnections'],
  }),
  shape('Microsoft.ManagedIdentity/userAssignedIdentities'),
];

const SHAPES_BY_TYPE = new Map(
  SUPPORTED_ARM_TYPES.map(entry => [entry.type.toLowerCase(), entry]),
);

/**
 * Returns the wire-shape rules of a resource type, compared
 * case-insensitively, or `undefined` when the checks do not read that type.
 *
 * @public
 */
export function armTypeShape(type: string): ArmTypeShape | undefined {
  return SHAPES_BY_TYPE.get(type.toLowerCase());
}

/**
 * Wire property names that the Azure SDKs and the Azure CLI spell in another
 * letter case (`enableRbac` for `enableRBAC`, `frontendIpConfigurations` for
 * `frontendIPConfigurations`). The names of the managed cluster resource
 * provider are in the Microsoft.ContainerService 2025-10-01 specification.
 */
const CONTAINER_SERVICE_PROPERTY_NAMES = [
  'enableRBAC',
  'privateFQDN',
  'azurePortalFQDN',
  'diskEncryptionSetID',
  'resourceUID',
  'enableAzureRBAC',
  'adminGroupObjectIDs',
  'clientAppID',
  'serverAppID',
  'tenantID',
  'authorizedIPRanges',
  'privateDNSZone',
  'enablePrivateClusterPublicFQDN',
  'vnetSubnetID',
  'podSubnetID',
  'enableNodePublicIP',
  'nodePublicIPPrefixID',
  'nodePublicIPTags',
  'osDiskSizeGB',
  'enableFIPS',
  'enableUltraSSD',
  'enableCustomCATrust',
  'customCATrustCertificates',
  'osSKU',
  'nodeOSUpgradeChannel',
  'dnsServiceIP',
  'managedOutboundIPs',
  'countIPv6',
  'outboundIPPrefixes',
  'publicIPPrefixes',
  'outboundIPs',
  'publicIPs',
  'effectiveOutboundIPs',
  'managedOutboundIPProfile',
  'issuerURL',
  'privateLinkServiceID',
  'proximityPlacementGroupID',
  'hostGroupID',
  'capacityReservationGroupID',
  'podIPAllocationMode',
  'enableCSIProxy',
  'diskCSIDriver',
  'fileCSIDriver',
  'blobCSIDriver',
];

/**
 * The Microsoft.Network names that SDKs spell in another letter case. NAT
 * gateways spell `publicIpAddresses` and `publicIpPrefixes` in lower case on
 * the wire, so those plural names are deliberately not listed.
 */
const NETWORK_PROPERTY_NAMES = [
  'frontendIPConfigurations',
  'frontendIPConfiguration',
  'gatewayIPConfigurations',
  'publicIPAddress',
  'privateIPAddress',
  'privateIPAllocationMethod',
  'privateIPAddressVersion',
  'publicIPAllocationMethod',
  'publicIPAddressVersion',
  'publicIPPrefix',
  'backendIPConfigurations',
  'hubIPAddresses',
  'publicIPs',
  'validateSNI',
  'requestBodyInspectLimitInKB',
  'JSChallengeCookieExpirationInMins',
  'verifyClientCertIssuerDN',
  'terminateTLS',
];

function byLowerCase(names: string[]): ReadonlyMap<string, string> {
  return new Map(names.map(name => [name.toLowerCase(), name]));
}

const PROPERTY_NAMES_BY_NAMESPACE = new Map<
  string,
  ReadonlyMap<string, string>
>([
  ['microsoft.containerservice', byLowerCase(CONTAINER_SERVICE_PROPERTY_NAMES)],
  ['microsoft.network', byLowerCase(NETWORK_PROPERTY_NAMES)],
]);

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/**
 * Returns the wire property names of a resource type's provider whose
 * letter case SDKs change, keyed by their lower-case form.
 *
 * @public
 */
export function wirePropertyNames(type: string): ReadonlyMap<string, string> {
  const namespace = type.split('/')[0].toLowerCase();
  return PROPERTY_NAMES_BY_NAMESPACE.get(namespace) ?? NO_NAMES;
}

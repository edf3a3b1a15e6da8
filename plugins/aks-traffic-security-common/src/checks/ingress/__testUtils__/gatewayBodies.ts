import {
  ArmResource,
  AssessmentScope,
  CheckResult,
  JsonObject,
  ReadFailure,
  Resource,
} from '../../../types';
import { evaluate } from '../../../evaluator/evaluate';
import { OrganisationPolicy } from '../../../types';
import { arm, resourceSet } from '../../../__testUtils__/resourceSets';
import { CheckDefinition } from '../../types';

export const SUBSCRIPTION =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-bu0001a0008';
export const GATEWAY_ID = `${SUBSCRIPTION}/providers/Microsoft.Network/applicationGateways/apw-bu0001a0008`;
export const WAF_POLICY_ID = `${SUBSCRIPTION}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-bu0001a0008`;
export const IDENTITY_ID = `${SUBSCRIPTION}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-appgateway-frontend`;

/** Returns the id of a gateway sub-resource. */
export function subId(collection: string, name: string): string {
  return `${GATEWAY_ID}/${collection}/${name}`;
}

/** Returns a sub-resource reference (`{id}`) in wire shape. */
export function ref(collection: string, name: string): JsonObject {
  return { id: subId(collection, name) };
}

/** Returns a sub-resource entry in wire shape. */
export function entry(
  collection: string,
  name: string,
  properties: JsonObject,
): JsonObject {
  return {
    name,
    id: subId(collection, name),
    properties: { provisioningState: 'Succeeded', ...properties },
  };
}

/**
 * Returns the properties of a gateway configured like the AKS baseline reference
 * implementation: WAF_v2, a Custom TLS 1.2 policy with two ECDHE-GCM suites,
 * one host-bound HTTPS listener with SNI, Key Vault certificates and an HTTPS
 * backend to the internal ingress host name.
 */
export function baselineGatewayProperties(): JsonObject {
  return {
    provisioningState: 'Succeeded',
    sku: { name: 'WAF_v2', tier: 'WAF_v2' },
    sslPolicy: {
      policyType: 'Custom',
      minProtocolVersion: 'TLSv1_2',
      cipherSuites: [
        'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      ],
    },
    firewallPolicy: { id: WAF_POLICY_ID },
    gatewayIPConfigurations: [
      entry('gatewayIPConfigurations', 'apw-ip-configuration', {
        subnet: {
          id: `${SUBSCRIPTION}/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-applicationgateway`,
        },
      }),
    ],
    frontendIPConfigurations: [
      entry('frontendIPConfigurations', 'apw-frontend-ip-configuration', {
        publicIPAddress: {
          id: `${SUBSCRIPTION}/providers/Microsoft.Network/publicIPAddresses/pip-BU0001A0008-00`,
        },
      }),
    ],
    frontendPorts: [entry('frontendPorts', 'port-443', { port: 443 })],
    sslCertificates: [
      entry('sslCertificates', 'apw-bicycle-cert', {
        keyVaultSecretId:
          'https://kv-aks-bu0001a0008.vault.azure.net/secrets/gateway-external-pfx-cert',
        publicCertData: 'MIIB',
      }),
    ],
    trustedRootCertificates: [
      entry('trustedRootCertificates', 'root-cert-wildcard-aks-ingress', {
        keyVaultSecretId:
          'https://kv-aks-bu0001a0008.vault.azure.net/secrets/appgw-ingress-internal-aks-ingress-tls',
      }),
    ],
    probes: [
      entry('probes', 'probe-bu0001a0008-00.aks-ingress.contoso.com', {
        protocol: 'Https',
        path: '/favicon.ico',
        interval: 30,
        timeout: 30,
        unhealthyThreshold: 3,
        pickHostNameFromBackendHttpSettings: true,
        minServers: 0,
        match: {},
      }),
    ],
    backendAddressPools: [
      entry('backendAddressPools', 'bu0001a0008-00.aks-ingress.contoso.com', {
        backendAddresses: [{ fqdn: 'bu0001a0008-00.aks-ingress.contoso.com' }],
      }),
    ],
    backendHttpSettingsCollection: [
      entry(
        'backendHttpSettingsCollection',
        'aks-ingress-backendpool-httpsettings',
        {
          port: 443,
          protocol: 'Https',
          cookieBasedAffinity: 'Disabled',
          pickHostNameFromBackendAddress: true,
          requestTimeout: 20,
          probe: ref('probes', 'probe-bu0001a0008-00.aks-ingress.contoso.com'),
          trustedRootCertificates: [
            ref('trustedRootCertificates', 'root-cert-wildcard-aks-ingress'),
          ],
        },
      ),
    ],
    httpListeners: [
      entry('httpListeners', 'listener-https', {
        frontendIPConfiguration: ref(
          'frontendIPConfigurations',
          'apw-frontend-ip-configuration',
        ),
        frontendPort: ref('frontendPorts', 'port-443'),
        protocol: 'Https',
        sslCertificate: ref('sslCertificates', 'apw-bicycle-cert'),
        hostName: 'bicycle.contoso.com',
        hostNames: [],
        requireServerNameIndication: true,
      }),
    ],
    requestRoutingRules: [
      entry('requestRoutingRules', 'apw-routing-rules', {
        ruleType: 'Basic',
        priority: 100,
        httpListener: ref('httpListeners', 'listener-https'),
        backendAddressPool: ref(
          'backendAddressPools',
          'bu0001a0008-00.aks-ingress.contoso.com',
        ),
        backendHttpSettings: ref(
          'backendHttpSettingsCollection',
          'aks-ingress-backendpool-httpsettings',
        ),
      }),
    ],
    urlPathMaps: [],
    redirectConfigurations: [],
    listeners: [],
    routingRules: [],
    enableHttp2: false,
  };
}

/** Wraps gateway properties as a resource, read with an api-version when given. */
export function gateway(
  properties: JsonObject,
  options: { apiVersion?: string; identity?: JsonObject | null } = {},
): ArmResource {
  const body: JsonObject = {
    id: GATEWAY_ID,
    name: 'apw-bu0001a0008',
    type: 'Microsoft.Network/applicationGateways',
    location: 'eastus2',
    properties,
  };
  if (options.identity !== null) {
    body.identity = options.identity ?? {
      type: 'UserAssigned',
      userAssignedIdentities: {
        [IDENTITY_ID]: {
          principalId: '11111111-1111-1111-1111-111111111111',
          clientId: '22222222-2222-2222-2222-222222222222',
        },
      },
    };
  }
  const resource = arm(body);
  resource.origin = {
    source: 'azure',
    location: 'test',
    apiVersion: options.apiVersion,
  };
  return resource;
}

/** Returns baseline gateway properties after applying a change. */
export function gatewayWith(change: (properties: any) => void): JsonObject {
  const properties = baselineGatewayProperties();
  change(properties);
  return properties;
}

/** The WAF policy of the AKS baseline reference implementation, in wire shape. */
export function baselineWafPolicyProperties(): JsonObject {
  return {
    provisioningState: 'Succeeded',
    resourceState: 'Enabled',
    policySettings: {
      state: 'Enabled',
      mode: 'Prevention',
      fileUploadLimitInMb: 10,
      requestBodyCheck: true,
      maxRequestBodySizeInKb: 128,
    },
    customRules: [],
    managedRules: {
      managedRuleSets: [
        { ruleSetType: 'OWASP', ruleSetVersion: '3.2', ruleGroupOverrides: [] },
        {
          ruleSetType: 'Microsoft_BotManagerRuleSet',
          ruleSetVersion: '1.0',
          ruleGroupOverrides: [],
        },
      ],
      exclusions: [],
    },
  };
}

/** Wraps WAF policy properties as a resource with the given id. */
export function wafPolicy(
  properties: JsonObject,
  id: string = WAF_POLICY_ID,
): ArmResource {
  return arm({
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    location: 'eastus2',
    properties,
  });
}

/** Returns baseline WAF policy properties after applying a change. */
export function wafPolicyWith(change: (properties: any) => void): JsonObject {
  const properties = baselineWafPolicyProperties();
  change(properties);
  return properties;
}

/** Runs one check over resources and returns its result. */
export function runCheck(
  check: CheckDefinition,
  resources: Resource[],
  options: {
    scope?: AssessmentScope;
    failures?: ReadFailure[];
    policy?: OrganisationPolicy;
  } = {},
): CheckResult {
  const assessment = evaluate(
    resourceSet({
      resources,
      scope: options.scope,
      failures: options.failures,
    }),
    { checks: [check], policy: options.policy },
  );
  return assessment.checks[0];
}

/** The id of a second WAF policy, for per-listener and per-path tests. */
export const LISTENER_WAF_POLICY_ID = `${SUBSCRIPTION}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-listener-api`;

/**
 * Returns baseline gateway properties with a second HTTPS listener for
 * `api.contoso.com` whose path map routes `/admin/*` through its own rule.
 */
export function gatewayWithApiListener(options: {
  listenerPolicyId?: string;
  pathRulePolicyId?: string;
  gatewayPolicyId?: string | null;
}): JsonObject {
  return gatewayWith(properties => {
    if (options.gatewayPolicyId === null) {
      delete properties.firewallPolicy;
    } else if (options.gatewayPolicyId !== undefined) {
      properties.firewallPolicy = { id: options.gatewayPolicyId };
    }
    properties.httpListeners.push(
      entry('httpListeners', 'listener-api', {
        protocol: 'Https',
        frontendPort: ref('frontendPorts', 'port-443'),
        sslCertificate: ref('sslCertificates', 'apw-bicycle-cert'),
        hostName: 'api.contoso.com',
        requireServerNameIndication: true,
        ...(options.listenerPolicyId
          ? { firewallPolicy: { id: options.listenerPolicyId } }
          : {}),
      }),
    );
    properties.urlPathMaps.push(
      entry('urlPathMaps', 'api-paths', {
        defaultBackendAddressPool: ref(
          'backendAddressPools',
          'bu0001a0008-00.aks-ingress.contoso.com',
        ),
        defaultBackendHttpSettings: ref(
          'backendHttpSettingsCollection',
          'aks-ingress-backendpool-httpsettings',
        ),
        pathRules: [
          {
            name: 'admin',
            id: `${GATEWAY_ID}/urlPathMaps/api-paths/pathRules/admin`,
            properties: {
              paths: ['/admin/*'],
              backendAddressPool: ref(
                'backendAddressPools',
                'bu0001a0008-00.aks-ingress.contoso.com',
              ),
              backendHttpSettings: ref(
                'backendHttpSettingsCollection',
                'aks-ingress-backendpool-httpsettings',
              ),
              ...(options.pathRulePolicyId
                ? { firewallPolicy: { id: options.pathRulePolicyId } }
                : {}),
            },
          },
        ],
      }),
    );
    properties.requestRoutingRules.push(
      entry('requestRoutingRules', 'api-rule', {
        ruleType: 'PathBasedRouting',
        priority: 110,
        httpListener: ref('httpListeners', 'listener-api'),
        urlPathMap: ref('urlPathMaps', 'api-paths'),
      }),
    );
  });
}

export const VAULT_ID = `${SUBSCRIPTION}/providers/Microsoft.KeyVault/vaults/kv-aks-bu0001a0008`;

/** The Key Vault of the AKS baseline reference implementation, as a GET returns it. */
export function baselineVaultProperties(): JsonObject {
  return {
    tenantId: '00000000-0000-0000-0000-000000000002',
    sku: { family: 'A', name: 'standard' },
    accessPolicies: [],
    enabledForDeployment: false,
    enabledForDiskEncryption: false,
    enabledForTemplateDeployment: false,
    enableSoftDelete: true,
    softDeleteRetentionInDays: 7,
    enableRbacAuthorization: true,
    vaultUri: 'https://kv-aks-bu0001a0008.vault.azure.net/',
    provisioningState: 'Succeeded',
    publicNetworkAccess: 'Enabled',
    networkAcls: {
      bypass: 'AzureServices',
      defaultAction: 'Deny',
      ipRules: [],
      virtualNetworkRules: [],
    },
    privateEndpointConnections: [
      {
        id: `${VAULT_ID}/privateEndpointConnections/pe-kv-aks-bu0001a0008`,
        properties: {
          provisioningState: 'Succeeded',
          privateEndpoint: {
            id: `${SUBSCRIPTION}/providers/Microsoft.Network/privateEndpoints/pe-kv-aks-bu0001a0008`,
          },
          privateLinkServiceConnectionState: {
            status: 'Approved',
            actionsRequired: 'None',
          },
        },
      },
    ],
  };
}

/** Wraps vault properties as a resource after applying a change. */
export function vault(
  change: (properties: any) => void = () => {},
): ArmResource {
  const properties = baselineVaultProperties();
  change(properties);
  return arm({
    id: VAULT_ID,
    name: 'kv-aks-bu0001a0008',
    type: 'Microsoft.KeyVault/vaults',
    location: 'eastus2',
    properties,
  });
}

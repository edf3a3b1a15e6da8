import { evaluate } from '../../evaluator/evaluate';
import { resourceSet } from '../../__testUtils__/resourceSets';
import { parseResourceDocument } from '../../resources/parseDocument';
import { CheckResult } from '../../types';
import { gatewayChecks } from './gateway';

/**
 * A compiled Bicep template for one service's gateway, WAF policy and vault,
 * in the form `az bicep build` writes it.
 */
const TEMPLATE = {
  $schema:
    'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: {
    baseName: { type: 'string', defaultValue: 'bicycle' },
    wafMode: {
      type: 'string',
      defaultValue: 'Detection',
      allowedValues: ['Detection', 'Prevention'],
    },
  },
  variables: {
    gatewayName: "[format('apw-{0}', parameters('baseName'))]",
    wafPolicyName: "[concat('waf-', variables('gatewayName'))]",
    vaultName: "[format('kv-{0}', parameters('baseName'))]",
  },
  resources: [
    {
      type: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
      apiVersion: '2023-11-01',
      name: "[variables('wafPolicyName')]",
      location: 'eastus2',
      properties: {
        policySettings: { state: 'Enabled', mode: "[parameters('wafMode')]" },
        managedRules: {
          managedRuleSets: [
            { ruleSetType: 'OWASP', ruleSetVersion: '3.2' },
            {
              ruleSetType: 'Microsoft_BotManagerRuleSet',
              ruleSetVersion: '1.0',
            },
          ],
        },
      },
    },
    {
      type: 'Microsoft.KeyVault/vaults',
      apiVersion: '2026-02-01',
      name: "[variables('vaultName')]",
      location: 'eastus2',
      properties: {
        tenantId: '[subscription().tenantId]',
        sku: { family: 'A', name: 'standard' },
        networkAcls: {
          bypass: 'AzureServices',
          defaultAction: 'Deny',
          ipRules: [],
          virtualNetworkRules: [],
        },
      },
    },
    {
      type: 'Microsoft.Network/applicationGateways',
      apiVersion: '2023-11-01',
      name: "[variables('gatewayName')]",
      location: 'eastus2',
      identity: {
        type: 'UserAssigned',
        userAssignedIdentities: {
          "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-appgateway-frontend')]":
            {},
        },
      },
      properties: {
        sku: { name: 'WAF_v2', tier: 'WAF_v2' },
        firewallPolicy: {
          id: "[resourceId('Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', variables('wafPolicyName'))]",
        },
        sslCertificates: [
          {
            name: 'bicycle-cert',
            properties: {
              keyVaultSecretId:
                "[reference(resourceId('Microsoft.KeyVault/vaults/secrets', variables('vaultName'), 'gateway-cert'), '2023-07-01').secretUri]",
            },
          },
        ],
        trustedRootCertificates: [
          {
            name: 'root-cert-wildcard-aks-ingress',
            properties: {
              keyVaultSecretId:
                'https://kv-bicycle.vault.azure.net/secrets/ingress-root',
            },
          },
        ],
        frontendPorts: [{ name: 'port-443', properties: { port: 443 } }],
        backendAddressPools: [
          {
            name: 'ingress',
            properties: {
              backendAddresses: [{ fqdn: 'bicycle.aks-ingress.contoso.com' }],
            },
          },
        ],
        backendHttpSettingsCollection: [
          {
            name: 'ingress-https',
            properties: {
              port: 443,
              protocol: 'Https',
              pickHostNameFromBackendAddress: true,
              trustedRootCertificates: [
                {
                  id: "[resourceId('Microsoft.Network/applicationGateways/trustedRootCertificates', variables('gatewayName'), 'root-cert-wildcard-aks-ingress')]",
                },
              ],
            },
          },
        ],
        httpListeners: [
          {
            name: 'listener-https',
            properties: {
              frontendPort: {
                id: "[resourceId('Microsoft.Network/applicationGateways/frontendPorts', variables('gatewayName'), 'port-443')]",
              },
              protocol: 'Https',
              sslCertificate: {
                id: "[resourceId('Microsoft.Network/applicationGateways/sslCertificates', variables('gatewayName'), 'bicycle-cert')]",
              },
              hostName: 'bicycle.contoso.com',
              requireServerNameIndication: true,
            },
          },
        ],
        requestRoutingRules: [
          {
            name: 'bicycle',
            properties: {
              ruleType: 'Basic',
              priority: 100,
              httpListener: {
                id: "[resourceId('Microsoft.Network/applicationGateways/httpListeners', variables('gatewayName'), 'listener-https')]",
              },
              backendAddressPool: {
                id: "[resourceId('Microsoft.Network/applicationGateways/backendAddressPools', variables('gatewayName'), 'ingress')]",
              },
              backendHttpSettings: {
                id: "[resourceId('Microsoft.Network/applicationGateways/backendHttpSettingsCollection', variables('gatewayName'), 'ingress-https')]",
              },
            },
          },
        ],
      },
      dependsOn: [
        "[resourceId('Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', variables('wafPolicyName'))]",
      ],
    },
  ],
};

/** Parses a template and runs the gateway checks on its resources. */
function assessTemplate(template: typeof TEMPLATE) {
  const parsed = parseResourceDocument(JSON.stringify(template), {
    source: 'workspace',
    location: 'azuredeploy.json',
  });
  const assessment = evaluate(
    resourceSet({
      resources: parsed.resources,
      scope: {
        hostNames: ['bicycle.contoso.com'],
        internalDomainSuffix: 'aks-ingress.contoso.com',
      },
    }),
    { checks: gatewayChecks },
  );
  return { parsed, assessment };
}

describe('gateway checks on an ARM template', () => {
  const { parsed, assessment } = assessTemplate(TEMPLATE);
  const results = new Map<string, CheckResult>(
    assessment.checks.map(result => [result.checkId, result]),
  );

  it('reads every resource of the template', () => {
    expect(parsed.failures).toEqual([]);
    expect(parsed.resources).toHaveLength(3);
  });

  it.each([
    ['ingress.appgw.sku-waf-v2', 'pass'],
    // The firewallPolicy.id expression resolves to the template's WAF policy.
    ['ingress.appgw.waf-attached', 'pass'],
    // A template never shows defaultPredefinedSslPolicy, so no policy is an implicit default.
    ['ingress.appgw.min-tls-version', 'warn'],
    ['ingress.appgw.cipher-suites', 'warn'],
    ['ingress.appgw.https-only', 'pass'],
    ['ingress.appgw.strict-sni', 'pass'],
    // The certificate refers to the secret's versionless secretUri.
    ['ingress.appgw.listener-cert-keyvault', 'pass'],
    ['ingress.appgw.user-assigned-identity', 'pass'],
    ['ingress.appgw.backend-https', 'pass'],
    // Templates with api-version 2023-11-01 cannot turn validation off.
    ['ingress.appgw.backend-cert-validation', 'pass'],
    ['ingress.appgw.backend-hostname', 'pass'],
    ['ingress.appgw.backend-private', 'pass'],
    ['ingress.waf.enabled', 'pass'],
    // The wafMode parameter defaults to Detection.
    ['ingress.waf.prevention-mode', 'fail'],
    ['ingress.waf.managed-rulesets', 'pass'],
    ['ingress.waf.request-body-inspection', 'pass'],
    ['ingress.waf.rule-overrides', 'pass'],
    // Vaults created with api-version 2026-02-01 default to Azure RBAC.
    ['ingress.keyvault.rbac-authorization', 'pass'],
    // Default deny, but no private endpoint in the template.
    ['ingress.keyvault.network-restricted', 'warn'],
    ['ingress.firewall.no-dnat-bypass', 'unknown'],
  ])('%s is %s', (checkId, verdict) => {
    expect(results.get(checkId)?.verdict).toBe(verdict);
  });

  it('reports the implicit default reason', () => {
    expect(results.get('ingress.appgw.min-tls-version')?.reason).toBe(
      'implicit-default',
    );
  });
});

/** Spells every key under `value` with a capital first letter, as `Properties`. */
function capitalizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(capitalizeKeys);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key.charAt(0).toUpperCase() + key.slice(1),
      capitalizeKeys(field),
    ]),
  );
}

describe('gateway checks on a template with capitalized property names', () => {
  function verdicts(template: typeof TEMPLATE) {
    return assessTemplate(template).assessment.checks.map(result => [
      result.checkId,
      result.verdict,
    ]);
  }

  it('judges them as the wire spelling', () => {
    // ARM matches property names without regard to letter case.
    const capitalized = {
      ...TEMPLATE,
      resources: TEMPLATE.resources.map(resource => ({
        ...resource,
        identity: capitalizeKeys(resource.identity),
        properties: capitalizeKeys(resource.properties),
      })),
    } as typeof TEMPLATE;

    expect(verdicts(capitalized)).toEqual(verdicts(TEMPLATE));
  });
});

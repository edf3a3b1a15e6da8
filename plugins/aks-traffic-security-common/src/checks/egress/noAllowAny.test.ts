import { fixture } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import {
  azureFirewall,
  egressPath,
  FIREWALL_POLICY_ID,
  firewallPolicy,
  NETWORK_RG,
  ruleCollectionGroup,
} from '../../__testUtils__/networkResources';
import { noAllowAny } from './noAllowAny';

const NODE_IP_GROUP = `${NETWORK_RG}/ipGroups/ipg-eastus2-AksNodepools`;

function allowCollection(name: string, rules: Record<string, any>[]) {
  return {
    ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
    name,
    priority: 100,
    action: { type: 'Allow' },
    rules,
  };
}

const AKS_APPLICATION_RULES = allowCollection('AKS-Global-Requirements', [
  {
    ruleType: 'ApplicationRule',
    name: 'nodes-to-api-server',
    protocols: [{ protocolType: 'Https', port: 443 }],
    fqdnTags: ['AzureKubernetesService'],
    sourceIpGroups: [NODE_IP_GROUP],
  },
  {
    ruleType: 'ApplicationRule',
    name: 'azure-monitor',
    protocols: [{ protocolType: 'Https', port: 443 }],
    targetFqdns: ['*.ods.opinsights.azure.com', '*.oms.opinsights.azure.com'],
    sourceIpGroups: [NODE_IP_GROUP],
  },
]);

function policyWithGroups(...groups: ReturnType<typeof ruleCollectionGroup>[]) {
  return firewallPolicy({
    sku: { tier: 'Premium' },
    ruleCollectionGroups: groups.map(group => ({ id: group.id })),
  });
}

function resultFor(collections: Record<string, any>[]) {
  const group = ruleCollectionGroup(
    'DefaultApplicationRuleCollectionGroup',
    collections,
  );
  return runCheck(noAllowAny, {
    resources: [
      ...egressPath(),
      azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
      policyWithGroups(group),
      group,
    ],
  });
}

describe('egress.firewall.no-allow-any', () => {
  it('passes rules that name their destinations', () => {
    expect(resultFor([AKS_APPLICATION_RULES]).verdict).toBe('pass');
  });

  it('fails an application rule for every FQDN', () => {
    const result = resultFor([
      allowCollection('Everything', [
        {
          ruleType: 'ApplicationRule',
          name: 'allow-all-web',
          protocols: [{ protocolType: 'Https', port: 443 }],
          targetFqdns: ['*'],
          sourceIpGroups: [NODE_IP_GROUP],
        },
      ]),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual([
      'DefaultApplicationRuleCollectionGroup/Everything/allow-all-web',
    ]);
  });

  it('fails a network rule for any address on any port', () => {
    const result = resultFor([
      allowCollection('Network', [
        {
          ruleType: 'NetworkRule',
          name: 'any-any',
          ipProtocols: ['Any'],
          sourceIpGroups: [NODE_IP_GROUP],
          destinationAddresses: ['Internet'],
          destinationPorts: ['*'],
        },
      ]),
    ]);

    expect(result.verdict).toBe('fail');
  });

  it('passes a network rule for any address on named ports', () => {
    const result = resultFor([
      allowCollection('Network', [
        {
          ruleType: 'NetworkRule',
          name: 'ntp',
          ipProtocols: ['UDP'],
          sourceIpGroups: [NODE_IP_GROUP],
          destinationAddresses: ['*'],
          destinationPorts: ['123'],
        },
      ]),
    ]);

    expect(result.verdict).toBe('pass');
  });

  it('warns on allow rules from any source', () => {
    const result = resultFor([
      allowCollection('Web', [
        {
          ruleType: 'ApplicationRule',
          name: 'github',
          protocols: [{ protocolType: 'Https', port: 443 }],
          targetFqdns: ['github.com'],
          sourceAddresses: ['*'],
        },
      ]),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('any-source');
  });

  it('ignores deny rules and DNAT collections', () => {
    const result = resultFor([
      {
        ...allowCollection('Block', [
          {
            ruleType: 'ApplicationRule',
            name: 'deny-all',
            targetFqdns: ['*'],
            sourceAddresses: ['*'],
          },
        ]),
        action: { type: 'Deny' },
      },
      {
        ruleCollectionType: 'FirewallPolicyNatRuleCollection',
        name: 'Dnat',
        priority: 50,
        action: { type: 'Dnat' },
        rules: [
          {
            ruleType: 'NatRule',
            name: 'dnat',
            sourceAddresses: ['*'],
            destinationPorts: ['*'],
          },
        ],
      },
    ]);

    expect(result.verdict).toBe('pass');
  });

  it('is unknown for a missing action type', () => {
    const { action, ...collection } = allowCollection('Network', [
      {
        ruleType: 'NetworkRule',
        name: 'any-any',
        ipProtocols: ['Any'],
        sourceIpGroups: [NODE_IP_GROUP],
        destinationAddresses: ['*'],
        destinationPorts: ['*'],
      },
    ]);
    const result = resultFor([collection]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-property');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        resource: expect.stringMatching(
          /ruleCollectionGroups\/DefaultApplicationRuleCollectionGroup$/,
        ),
        path: 'properties.ruleCollections[0].action.type',
        observed: null,
        elements: ['DefaultApplicationRuleCollectionGroup/Network'],
      }),
    );
  });

  it('is unknown for an unrecognised action type', () => {
    const result = resultFor([
      { ...AKS_APPLICATION_RULES, action: { type: 'Permit' } },
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
    expect(result.message).toContain('"Permit"');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        path: 'properties.ruleCollections[0].action.type',
        observed: 'Permit',
      }),
    );
  });

  it.each([
    ['missing', undefined, 'missing-property'],
    ['AnyRule', 'AnyRule', 'unrecognised-value'],
  ])('is unknown for rule type %s', (_, ruleType, reason) => {
    const result = resultFor([
      allowCollection('Network', [
        {
          ...(ruleType ? { ruleType } : {}),
          name: 'any-any',
          destinationAddresses: ['*'],
          destinationPorts: ['*'],
        },
      ]),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe(reason);
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        path: 'properties.ruleCollections[0].rules[0].ruleType',
        observed: ruleType ?? null,
      }),
    );
  });

  it('reads action types case-insensitively', () => {
    const result = resultFor([
      { ...AKS_APPLICATION_RULES, action: { type: 'ALLOW' } },
      {
        ...allowCollection('Block', [
          { ruleType: 'ApplicationRule', name: 'all', targetFqdns: ['*'] },
        ]),
        action: { type: 'deny' },
      },
    ]);

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('2 allow rule(s)');
  });

  it('fails despite an unreadable action elsewhere', () => {
    const result = resultFor([
      { ...AKS_APPLICATION_RULES, action: {} },
      allowCollection('Everything', [
        { ruleType: 'ApplicationRule', name: 'all', targetFqdns: ['*'] },
      ]),
    ]);

    expect(result.verdict).toBe('fail');
  });

  it('judges the rules a base policy passes down', () => {
    const baseId = `${NETWORK_RG}/firewallPolicies/fw-policies-base`;
    const baseGroup = ruleCollectionGroup(
      'BaseRules',
      [
        allowCollection('Open', [
          { ruleType: 'ApplicationRule', name: 'any', targetFqdns: ['*'] },
        ]),
      ],
      baseId,
    );
    const base = firewallPolicy(
      { ruleCollectionGroups: [{ id: baseGroup.id }] },
      baseId,
    );
    const child = firewallPolicy({
      basePolicy: { id: baseId },
      ruleCollectionGroups: [],
    });

    const result = runCheck(noAllowAny, {
      resources: [
        ...egressPath(),
        azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
        child,
        base,
        baseGroup,
      ],
    });

    expect(result.verdict).toBe('fail');
  });

  it('is unknown when a rule collection group was not read', () => {
    const group = ruleCollectionGroup('DefaultApplicationRuleCollectionGroup', [
      AKS_APPLICATION_RULES,
    ]);
    const result = runCheck(noAllowAny, {
      resources: [
        ...egressPath(),
        azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
        policyWithGroups(group),
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when no firewall was read', () => {
    expect(runCheck(noAllowAny, {}).verdict).toBe('unknown');
  });

  it('fails a classic allow collection for every FQDN', () => {
    const result = runCheck(noAllowAny, {
      resources: [
        ...egressPath(),
        azureFirewall({
          applicationRuleCollections: [
            {
              name: 'allow-web',
              properties: {
                priority: 100,
                action: { type: 'Allow' },
                rules: [
                  {
                    name: 'everything',
                    protocols: [{ protocolType: 'Https', port: 443 }],
                    targetFqdns: ['*'],
                    sourceAddresses: ['10.240.0.0/16'],
                  },
                ],
              },
            },
          ],
        }),
      ],
    });

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual(['allow-web/everything']);
  });

  it('is unknown for a classic missing action type', () => {
    const result = runCheck(noAllowAny, {
      resources: [
        ...egressPath(),
        azureFirewall({
          networkRuleCollections: [
            {
              name: 'allow-out',
              properties: {
                priority: 100,
                rules: [
                  {
                    name: 'any-any',
                    protocols: ['Any'],
                    sourceAddresses: ['10.240.0.0/16'],
                    destinationAddresses: ['*'],
                    destinationPorts: ['*'],
                  },
                ],
              },
            },
          ],
        }),
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-property');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        path: 'properties.networkRuleCollections[0].properties.action.type',
        observed: null,
        elements: ['allow-out'],
      }),
    );
  });

  it('passes AzureFirewallGet, whose filter collections only deny', () => {
    const result = runCheck(noAllowAny, {
      resources: [
        ...egressPath('10.0.0.0'),
        ...fixture('arm-specs-network-2023-11-01/AzureFirewallGet.json'),
      ],
    });

    expect(result.verdict).toBe('pass');
  });
});

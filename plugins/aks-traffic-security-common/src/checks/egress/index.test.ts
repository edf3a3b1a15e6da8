import { evaluate } from '../../evaluator/evaluate';
import { fixture, resourceSet } from '../../__testUtils__/resourceSets';
import { referenceCluster } from '../../__testUtils__/referenceCluster';
import {
  azureFirewall,
  FIREWALL_POLICY_ID,
  FIREWALL_PRIVATE_IP,
  firewallPolicy,
  routeTable,
  ruleCollectionGroup,
} from '../../__testUtils__/networkResources';
import { Resource } from '../../types';
import { egressChecks } from './index';

function verdicts(resources: Resource[]) {
  const assessment = evaluate(
    resourceSet({ resources, kubernetesNamespaceRead: false }),
    {
      checks: egressChecks,
    },
  );
  return Object.fromEntries(
    assessment.checks.map(check => [check.checkId, check.verdict]),
  );
}

describe('egress checks', () => {
  it('lists the catalog section in order', () => {
    expect(egressChecks.map(check => check.id)).toEqual([
      'egress.aks.outbound-type',
      'egress.routetable.default-route-to-firewall',
      'egress.aks.no-node-public-ip',
      'egress.firewall.threat-intel',
      'egress.firewall.policy-premium-idps',
      'egress.firewall.no-allow-any',
      'egress.k8s.egress-network-policy',
    ]);
    expect(egressChecks.every(check => check.flow === 'egress')).toBe(true);
  });

  it('passes the aks-baseline hub and spoke', () => {
    const group = ruleCollectionGroup('DefaultApplicationRuleCollectionGroup', [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
        name: 'AKS-Global-Requirements',
        priority: 200,
        action: { type: 'Allow' },
        rules: [
          {
            ruleType: 'ApplicationRule',
            name: 'nodes-to-api-server',
            protocols: [{ protocolType: 'Https', port: 443 }],
            fqdnTags: ['AzureKubernetesService'],
            sourceIpGroups: ['ipg-aks-nodepools'],
          },
        ],
      },
    ]);
    const result = verdicts([
      referenceCluster(),
      routeTable([
        {
          name: 'r-nexthop-to-fw',
          addressPrefix: '0.0.0.0/0',
          nextHopType: 'VirtualAppliance',
          nextHopIpAddress: FIREWALL_PRIVATE_IP,
        },
      ]),
      azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
      firewallPolicy({
        sku: { tier: 'Premium' },
        threatIntelMode: 'Deny',
        intrusionDetection: { mode: 'Deny' },
        dnsSettings: { enableProxy: true },
        ruleCollectionGroups: [{ id: group.id }],
      }),
      group,
    ]);

    expect(result).toEqual({
      'egress.aks.outbound-type': 'pass',
      'egress.routetable.default-route-to-firewall': 'pass',
      'egress.aks.no-node-public-ip': 'pass',
      'egress.firewall.threat-intel': 'pass',
      'egress.firewall.policy-premium-idps': 'pass',
      'egress.firewall.no-allow-any': 'pass',
      // The Kubernetes namespace was not read.
      'egress.k8s.egress-network-policy': 'unknown',
    });
  });

  it('leaves AzureFirewallGet unjudged for ManagedClustersGet, whose egress bypasses it', () => {
    const result = verdicts([
      ...fixture('arm-specs-aks-2025-10-01/ManagedClustersGet.json'),
      ...fixture('arm-specs-network-2023-11-01/AzureFirewallGet.json'),
    ]);

    expect(result).toEqual({
      'egress.aks.outbound-type': 'fail',
      'egress.routetable.default-route-to-firewall': 'fail',
      'egress.aks.no-node-public-ip': 'pass',
      'egress.firewall.threat-intel': 'unknown',
      'egress.firewall.policy-premium-idps': 'unknown',
      'egress.firewall.no-allow-any': 'unknown',
      'egress.k8s.egress-network-policy': 'unknown',
    });
  });

  it('warns on ManagedClustersCreate_UserAssignedNATGateway with NatGatewayGet', () => {
    const result = verdicts([
      ...fixture(
        'arm-specs-aks-2025-10-01/ManagedClustersCreate_UserAssignedNATGateway.json',
      ),
      ...fixture('arm-specs-network-2023-11-01/NatGatewayGet.json'),
    ]);

    expect(result['egress.aks.outbound-type']).toBe('warn');
    expect(result['egress.firewall.threat-intel']).toBe('unknown');
  });
});

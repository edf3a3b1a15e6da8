import { fixture } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import {
  azureFirewall,
  egressPath,
  FIREWALL_POLICY_ID,
  firewallPolicy,
} from '../../__testUtils__/networkResources';
import { policyPremiumIdps } from './policyPremiumIdps';

const PREMIUM_POLICY = {
  sku: { tier: 'Premium' },
  threatIntelMode: 'Deny',
  intrusionDetection: { mode: 'Deny' },
  dnsSettings: { servers: [], enableProxy: true },
  insights: { isEnabled: true, retentionDays: 30 },
};

describe('egress.firewall.policy-premium-idps', () => {
  it('passes a Premium policy with IDPS Deny and DNS proxy', () => {
    const result = runCheck(policyPremiumIdps, {
      resources: [
        ...egressPath(),
        azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
        firewallPolicy(PREMIUM_POLICY),
      ],
    });

    expect(result.verdict).toBe('pass');
  });

  it('warns on IDPS in Alert mode and DNS proxy off', () => {
    const result = runCheck(policyPremiumIdps, {
      resources: [
        ...egressPath(),
        azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
        firewallPolicy({
          ...PREMIUM_POLICY,
          intrusionDetection: { mode: 'Alert' },
          dnsSettings: { enableProxy: false },
        }),
      ],
    });

    expect(result.verdict).toBe('warn');
    expect(result.evidence.map(item => item.path)).toEqual([
      'properties.intrusionDetection.mode',
      'properties.dnsSettings.enableProxy',
    ]);
    expect(result.message).toContain(
      'properties.intrusionDetection.mode is "Alert", expected "Deny"; properties.dnsSettings.enableProxy is false, expected true',
    );
  });

  it('warns on a Standard policy', () => {
    const result = runCheck(policyPremiumIdps, {
      resources: [
        ...egressPath(),
        azureFirewall({
          sku: { name: 'AZFW_VNet', tier: 'Standard' },
          firewallPolicy: { id: FIREWALL_POLICY_ID },
        }),
        firewallPolicy({ ...PREMIUM_POLICY, sku: { tier: 'Standard' } }),
      ],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('premium-features-missing');
  });

  it('is unknown when the attached policy was not read', () => {
    const result = runCheck(policyPremiumIdps, {
      resources: [
        ...egressPath(),
        azureFirewall({ firewallPolicy: { id: FIREWALL_POLICY_ID } }),
      ],
    });

    expect(result.verdict).toBe('unknown');
  });

  it('is unknown when no firewall was read', () => {
    expect(runCheck(policyPremiumIdps, {}).verdict).toBe('unknown');
  });

  it('warns on AzureFirewallGet, which uses classic rules', () => {
    const result = runCheck(policyPremiumIdps, {
      resources: [
        ...egressPath('10.0.0.0'),
        ...fixture('arm-specs-network-2023-11-01/AzureFirewallGet.json'),
      ],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('classic-rules');
  });
});

import {
  gateway,
  gatewayWith,
  GATEWAY_ID,
  runCheck,
  wafPolicy,
  wafPolicyWith,
} from '../__testUtils__/gatewayBodies';
import { wafRuleOverrides } from './wafRuleOverrides';

function verdictOf(change: (properties: any) => void) {
  return runCheck(wafRuleOverrides, [
    gateway(gatewayWith(() => {})),
    wafPolicy(wafPolicyWith(change)),
  ]);
}

describe('ingress.waf.rule-overrides', () => {
  it('passes no overrides and no exclusions', () => {
    expect(verdictOf(() => {}).verdict).toBe('pass');
  });

  it('warns on disabled rules and names them', () => {
    const result = verdictOf(properties => {
      properties.managedRules.managedRuleSets[0].ruleGroupOverrides = [
        {
          ruleGroupName: 'REQUEST-942-APPLICATION-ATTACK-SQLI',
          rules: [
            { ruleId: '942130', state: 'Disabled' },
            { ruleId: '942140', state: 'Enabled', action: 'Log' },
            { ruleId: '942150' },
          ],
        },
      ];
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('rules-disabled');
    expect(result.message).toContain('942130, 942150');
    expect(result.message).not.toContain('942140');
  });

  it('counts an override without rules as disabling the group', () => {
    const result = verdictOf(properties => {
      properties.managedRules.managedRuleSets[0].ruleGroupOverrides = [
        { ruleGroupName: 'REQUEST-913-SCANNER-DETECTION' },
      ];
    });

    expect(result.verdict).toBe('warn');
    expect(result.message).toContain(
      'REQUEST-913-SCANNER-DETECTION (every rule)',
    );
  });

  it('warns on exclusions', () => {
    const result = verdictOf(properties => {
      properties.managedRules.exclusions = [
        {
          matchVariable: 'RequestHeaderNames',
          selectorMatchOperator: 'Equals',
          selector: 'x-token',
        },
      ];
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('exclusions');
    expect(result.message).toContain('RequestHeaderNames Equals x-token');
  });

  it('warns on legacy disabled rule groups', () => {
    const properties = gatewayWith(props => {
      delete props.firewallPolicy;
      props.webApplicationFirewallConfiguration = {
        enabled: true,
        firewallMode: 'Prevention',
        ruleSetType: 'OWASP',
        ruleSetVersion: '3.2',
        disabledRuleGroups: [
          {
            ruleGroupName: 'REQUEST-920-PROTOCOL-ENFORCEMENT',
            rules: [920300],
          },
        ],
      };
    });

    const result = runCheck(wafRuleOverrides, [gateway(properties)]);

    expect(result.verdict).toBe('warn');
    expect(result.message).toContain('920300');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(wafRuleOverrides, [], { scope: { gatewayId: GATEWAY_ID } })
        .verdict,
    ).toBe('unknown');
  });
});

import {
  gateway,
  gatewayWith,
  GATEWAY_ID,
  runCheck,
  wafPolicy,
  wafPolicyWith,
} from '../__testUtils__/gatewayBodies';
import {
  compareRuleSetVersions,
  parseRuleSetVersion,
  wafManagedRuleSets,
} from './wafManagedRuleSets';

function verdictOf(sets: Array<[string, string]>) {
  const policy = wafPolicyWith(properties => {
    properties.managedRules.managedRuleSets = sets.map(
      ([ruleSetType, ruleSetVersion]) => ({
        ruleSetType,
        ruleSetVersion,
        ruleGroupOverrides: [],
      }),
    );
  });
  return runCheck(wafManagedRuleSets, [
    gateway(gatewayWith(() => {})),
    wafPolicy(policy),
  ]);
}

describe('ingress.waf.managed-rulesets', () => {
  it.each([
    [
      [
        ['OWASP', '3.2'],
        ['Microsoft_BotManagerRuleSet', '1.0'],
      ],
      'pass',
      undefined,
    ],
    [
      [
        ['Microsoft_DefaultRuleSet', '2.1'],
        ['Microsoft_BotManagerRuleSet', '1.1'],
      ],
      'pass',
      undefined,
    ],
    [
      [
        ['Microsoft_DefaultRuleSet', '2.2'],
        ['microsoft_botmanagerruleset', '1.0'],
      ],
      'pass',
      undefined,
    ],
    [
      [
        ['owasp', '3.10'],
        ['Microsoft_BotManagerRuleSet', '1.0'],
      ],
      'pass',
      undefined,
    ],
    [
      [
        ['OWASP', '3.1'],
        ['Microsoft_BotManagerRuleSet', '1.0'],
      ],
      'warn',
      'core-ruleset-retiring',
    ],
    [
      [
        ['OWASP', '3.0'],
        ['Microsoft_BotManagerRuleSet', '1.0'],
      ],
      'warn',
      'core-ruleset-retiring',
    ],
    [[['OWASP', '3.2']], 'warn', 'bot-manager-missing'],
    [
      [
        ['OWASP', '3.2'],
        ['Microsoft_BotManagerRuleSet', '0.1'],
      ],
      'warn',
      'bot-manager-preview',
    ],
    [
      [
        ['Microsoft_DefaultRuleSet', '2.0'],
        ['Microsoft_BotManagerRuleSet', '1.0'],
      ],
      'warn',
      'unsupported-ruleset',
    ],
    [
      [
        ['OWASP', '2.2.9'],
        ['Microsoft_BotManagerRuleSet', '1.0'],
      ],
      'fail',
      undefined,
    ],
    [[['Microsoft_BotManagerRuleSet', '1.0']], 'fail', undefined],
    [[], 'fail', undefined],
  ] as Array<[Array<[string, string]>, string, string | undefined]>)(
    'judges %j as %s',
    (sets, verdict, reason) => {
      const result = verdictOf(sets);

      expect(result.verdict).toBe(verdict);
      expect(result.reason).toBe(reason);
    },
  );

  it.each([
    [
      [
        ['OWASP', '3.1'],
        ['Microsoft_BotManagerRuleSet', '1.0'],
      ],
      'uses core rule set OWASP 3.1 and bot manager 1.0, but OWASP 3.1 is retiring (CRS 3.0 and 3.1 support ends 26 February 2027).',
    ],
    [
      [['Microsoft_DefaultRuleSet', '2.1']],
      'uses core rule set Microsoft_DefaultRuleSet 2.1, but no Microsoft_BotManagerRuleSet is enabled.',
    ],
    [
      [
        ['OWASP', '3.2'],
        ['Microsoft_BotManagerRuleSet', '1.1'],
      ],
      'uses core rule set OWASP 3.2 and bot manager 1.1.',
    ],
  ] as Array<[Array<[string, string]>, string]>)(
    'names the rule sets and their problems: %j',
    (sets, message) => {
      expect(verdictOf(sets).message).toContain(message);
    },
  );

  it('compares versions numerically', () => {
    expect(
      compareRuleSetVersions(
        parseRuleSetVersion('3.10')!,
        parseRuleSetVersion('3.2')!,
      ),
    ).toBeGreaterThan(0);
    expect(
      compareRuleSetVersions(parseRuleSetVersion('2.2.9')!, [3, 0]),
    ).toBeLessThan(0);
    expect(parseRuleSetVersion('3.2-preview')).toBeUndefined();
  });

  it('warns on a legacy configuration without bot protection', () => {
    const properties = gatewayWith(props => {
      delete props.firewallPolicy;
      props.webApplicationFirewallConfiguration = {
        enabled: true,
        firewallMode: 'Prevention',
        ruleSetType: 'OWASP',
        ruleSetVersion: '3.2',
      };
    });

    const result = runCheck(wafManagedRuleSets, [gateway(properties)]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('bot-manager-missing');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(wafManagedRuleSets, [], { scope: { gatewayId: GATEWAY_ID } })
        .verdict,
    ).toBe('unknown');
  });
});

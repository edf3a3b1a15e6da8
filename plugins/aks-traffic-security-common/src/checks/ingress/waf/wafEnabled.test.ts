import {
  gateway,
  gatewayWith,
  gatewayWithApiListener,
  GATEWAY_ID,
  LISTENER_WAF_POLICY_ID,
  runCheck,
  wafPolicy,
  wafPolicyWith,
} from '../__testUtils__/gatewayBodies';
import { wafEnabled } from './wafEnabled';

function withState(state: string | undefined) {
  return wafPolicyWith(properties => {
    if (state === undefined) {
      delete properties.policySettings.state;
    } else {
      properties.policySettings.state = state;
    }
  });
}

describe('ingress.waf.enabled', () => {
  it('passes an enabled policy', () => {
    const result = runCheck(wafEnabled, [
      gateway(gatewayWith(() => {})),
      wafPolicy(withState('Enabled')),
    ]);

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('listener listener-https');
  });

  it('fails a disabled policy', () => {
    expect(
      runCheck(wafEnabled, [
        gateway(gatewayWith(() => {})),
        wafPolicy(withState('disabled')),
      ]).verdict,
    ).toBe('fail');
  });

  it('warns when the state is not set', () => {
    const result = runCheck(wafEnabled, [
      gateway(gatewayWith(() => {})),
      wafPolicy(withState(undefined)),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('state-not-set');
  });

  it('fails a disabled listener policy under an enabled global one', () => {
    const resources = [
      gateway(
        gatewayWithApiListener({ listenerPolicyId: LISTENER_WAF_POLICY_ID }),
      ),
      wafPolicy(withState('Enabled')),
      wafPolicy(withState('Disabled'), LISTENER_WAF_POLICY_ID),
    ];

    const result = runCheck(wafEnabled, resources);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('waf-listener-api');
    expect(result.message).toContain('listener listener-api');
  });

  it('judges the legacy configuration', () => {
    const legacy = (enabled: boolean) =>
      gateway(
        gatewayWith(properties => {
          delete properties.firewallPolicy;
          properties.webApplicationFirewallConfiguration = {
            enabled,
            firewallMode: 'Prevention',
            ruleSetType: 'OWASP',
            ruleSetVersion: '3.2',
          };
        }),
      );

    expect(runCheck(wafEnabled, [legacy(true)]).verdict).toBe('pass');
    expect(runCheck(wafEnabled, [legacy(false)]).verdict).toBe('fail');
  });

  it('is not applicable without any WAF', () => {
    const result = runCheck(wafEnabled, [
      gateway(gatewayWith(properties => delete properties.firewallPolicy)),
    ]);

    expect(result.verdict).toBe('not-applicable');
  });

  it('judges a policy read without a gateway', () => {
    const result = runCheck(wafEnabled, [wafPolicy(withState('Disabled'))]);

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual(['waf-bu0001a0008']);
  });

  it('is unknown when the linked policy was not read', () => {
    const result = runCheck(wafEnabled, [gateway(gatewayWith(() => {}))]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(wafEnabled, [], { scope: { gatewayId: GATEWAY_ID } }).verdict,
    ).toBe('unknown');
  });
});

describe('ingress.waf.enabled without a readable gateway', () => {
  it('reports the failed gateway read over standalone policies', () => {
    const result = runCheck(wafEnabled, [wafPolicy(wafPolicyWith(() => {}))], {
      failures: [
        {
          target: GATEWAY_ID,
          reason: 'throttled',
          message: 'The read was throttled; retry after 30 seconds.',
        },
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('throttled');
  });
});

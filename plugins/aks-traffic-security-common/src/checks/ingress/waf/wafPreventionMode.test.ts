import {
  gateway,
  gatewayWith,
  gatewayWithApiListener,
  GATEWAY_ID,
  LISTENER_WAF_POLICY_ID,
  runCheck,
  wafPolicy,
  wafPolicyWith,
  WAF_POLICY_ID,
} from '../__testUtils__/gatewayBodies';
import { wafPreventionMode } from './wafPreventionMode';

function withMode(mode: string | undefined) {
  return wafPolicyWith(properties => {
    if (mode === undefined) {
      delete properties.policySettings.mode;
    } else {
      properties.policySettings.mode = mode;
    }
  });
}

describe('ingress.waf.prevention-mode', () => {
  it.each([
    ['Prevention', 'pass'],
    ['prevention', 'pass'],
    ['Detection', 'fail'],
    [undefined, 'fail'],
  ])('judges mode %s as %s', (mode, expected) => {
    expect(
      runCheck(wafPreventionMode, [
        gateway(gatewayWith(() => {})),
        wafPolicy(withMode(mode)),
      ]).verdict,
    ).toBe(expected);
  });

  it('fails a Detection listener policy under a Prevention global one', () => {
    const resources = [
      gateway(
        gatewayWithApiListener({ listenerPolicyId: LISTENER_WAF_POLICY_ID }),
      ),
      wafPolicy(withMode('Prevention')),
      wafPolicy(withMode('Detection'), LISTENER_WAF_POLICY_ID),
    ];

    const result = runCheck(wafPreventionMode, resources);

    expect(result.verdict).toBe('fail');
    expect(
      result.evidence.find(item => item.observed === 'Detection')?.elements,
    ).toEqual([
      'listener listener-api',
      'listener listener-api path rule admin of path map api-paths',
    ]);
  });

  it('judges a path rule policy over its listener', () => {
    const resources = [
      gateway(
        gatewayWithApiListener({ pathRulePolicyId: LISTENER_WAF_POLICY_ID }),
      ),
      wafPolicy(withMode('Prevention')),
      wafPolicy(withMode('Detection'), LISTENER_WAF_POLICY_ID),
    ];

    const result = runCheck(wafPreventionMode, resources, {
      scope: { hostNames: ['api.contoso.com'] },
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('path rule admin');
  });

  it('joins policy ids case-insensitively', () => {
    const properties = gatewayWith(props => {
      props.firewallPolicy = {
        id: WAF_POLICY_ID.replace(
          'ApplicationGatewayWebApplicationFirewallPolicies',
          'applicationgatewaywebapplicationfirewallpolicies',
        ),
      };
    });

    expect(
      runCheck(wafPreventionMode, [
        gateway(properties),
        wafPolicy(withMode('Prevention')),
      ]).verdict,
    ).toBe('pass');
  });

  it('fails a legacy configuration in Detection mode', () => {
    const properties = gatewayWith(props => {
      delete props.firewallPolicy;
      props.webApplicationFirewallConfiguration = {
        enabled: true,
        firewallMode: 'Detection',
        ruleSetType: 'OWASP',
        ruleSetVersion: '3.2',
      };
    });

    expect(runCheck(wafPreventionMode, [gateway(properties)]).verdict).toBe(
      'fail',
    );
  });

  it('is unknown when a listener policy was not read', () => {
    const resources = [
      gateway(
        gatewayWithApiListener({ listenerPolicyId: LISTENER_WAF_POLICY_ID }),
      ),
      wafPolicy(withMode('Prevention')),
    ];

    const result = runCheck(wafPreventionMode, resources);

    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('listener listener-api');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(wafPreventionMode, [], { scope: { gatewayId: GATEWAY_ID } })
        .verdict,
    ).toBe('unknown');
  });
});

import {
  gateway,
  gatewayWith,
  GATEWAY_ID,
  runCheck,
  wafPolicy,
  wafPolicyWith,
} from '../__testUtils__/gatewayBodies';
import { wafRequestBodyInspection } from './wafRequestBodyInspection';

function verdictOf(settings: Record<string, unknown>) {
  const policy = wafPolicyWith(properties => {
    delete properties.policySettings.requestBodyCheck;
    Object.assign(properties.policySettings, settings);
  });
  return runCheck(wafRequestBodyInspection, [
    gateway(gatewayWith(() => {})),
    wafPolicy(policy),
  ]);
}

describe('ingress.waf.request-body-inspection', () => {
  it('passes enabled inspection and lists the limit', () => {
    const result = verdictOf({
      requestBodyCheck: true,
      requestBodyInspectLimitInKB: 8,
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].note).toContain('8');
  });

  it('passes an absent setting as the default', () => {
    expect(verdictOf({}).verdict).toBe('pass');
  });

  it('fails disabled inspection', () => {
    const result = verdictOf({
      requestBodyCheck: false,
      requestBodyEnforcement: true,
    });

    expect(result.verdict).toBe('fail');
  });

  it('fails a legacy configuration without inspection', () => {
    const properties = gatewayWith(props => {
      delete props.firewallPolicy;
      props.webApplicationFirewallConfiguration = {
        enabled: true,
        firewallMode: 'Prevention',
        ruleSetType: 'OWASP',
        ruleSetVersion: '3.2',
        requestBodyCheck: false,
      };
    });

    expect(
      runCheck(wafRequestBodyInspection, [gateway(properties)]).verdict,
    ).toBe('fail');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(wafRequestBodyInspection, [], {
        scope: { gatewayId: GATEWAY_ID },
      }).verdict,
    ).toBe('unknown');
  });
});

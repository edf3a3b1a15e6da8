import {
  gateway,
  gatewayWith,
  gatewayWithApiListener,
  GATEWAY_ID,
  LISTENER_WAF_POLICY_ID,
  runCheck,
  SUBSCRIPTION,
  WAF_POLICY_ID,
} from '../__testUtils__/gatewayBodies';
import { wafAttached } from './wafAttached';

const LEGACY = {
  enabled: true,
  firewallMode: 'Prevention',
  ruleSetType: 'OWASP',
  ruleSetVersion: '3.2',
  requestBodyCheck: true,
  maxRequestBodySizeInKb: 128,
  fileUploadLimitInMb: 100,
};

describe('ingress.appgw.waf-attached', () => {
  it('passes a gateway-level WAF policy', () => {
    const result = runCheck(wafAttached, [gateway(gatewayWith(() => {}))]);

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('waf-bu0001a0008');
  });

  it('fails a gateway with no WAF', () => {
    const result = runCheck(wafAttached, [
      gateway(gatewayWith(properties => delete properties.firewallPolicy)),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual(['listener listener-https']);
  });

  it('warns on an enabled legacy configuration', () => {
    const properties = gatewayWith(props => {
      delete props.firewallPolicy;
      props.webApplicationFirewallConfiguration = LEGACY;
    });

    const result = runCheck(wafAttached, [gateway(properties)]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('legacy-waf-config');
  });

  it('fails a disabled legacy configuration', () => {
    const properties = gatewayWith(props => {
      delete props.firewallPolicy;
      props.webApplicationFirewallConfiguration = { ...LEGACY, enabled: false };
    });

    expect(runCheck(wafAttached, [gateway(properties)]).verdict).toBe('fail');
  });

  it('passes listener and path policies without a global one', () => {
    const properties = gatewayWithApiListener({
      gatewayPolicyId: null,
      listenerPolicyId: LISTENER_WAF_POLICY_ID,
    });

    const result = runCheck(wafAttached, [gateway(properties)], {
      scope: { hostNames: ['api.contoso.com'] },
    });

    expect(result.verdict).toBe('pass');
  });

  it('fails a listener left uncovered by its path policy', () => {
    const properties = gatewayWithApiListener({
      gatewayPolicyId: null,
      pathRulePolicyId: LISTENER_WAF_POLICY_ID,
    });

    const result = runCheck(wafAttached, [gateway(properties)], {
      scope: { hostNames: ['api.contoso.com'] },
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('listener listener-api');
    expect(result.message).not.toContain(
      'path rule admin of path map api-paths.',
    );
  });

  it('fails a policy id of another type', () => {
    const frontDoorPolicy = `${SUBSCRIPTION}/providers/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies/fd`;
    const properties = gatewayWith(props => {
      props.firewallPolicy = { id: frontDoorPolicy };
    });

    expect(runCheck(wafAttached, [gateway(properties)]).verdict).toBe('fail');
  });

  it('groups policy ids case-insensitively', () => {
    const properties = gatewayWithApiListener({
      listenerPolicyId: WAF_POLICY_ID.toLowerCase(),
    });

    const result = runCheck(wafAttached, [gateway(properties)]);

    expect(result.verdict).toBe('pass');
    expect(result.evidence).toHaveLength(1);
  });

  it('is unknown for an undefined path map', () => {
    const properties = gatewayWithApiListener({});
    (properties.urlPathMaps as any[]).length = 0;

    const result = runCheck(wafAttached, [gateway(properties)]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(wafAttached, [], { scope: { gatewayId: GATEWAY_ID } }).verdict,
    ).toBe('unknown');
  });
});

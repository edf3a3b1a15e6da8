import {
  entry,
  gateway,
  gatewayWith,
  GATEWAY_ID,
  ref,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { backendPrivate } from './backendPrivate';

function verdictOf(addresses: unknown[], scope = {}) {
  const properties = gatewayWith(props => {
    props.backendAddressPools[0].properties.backendAddresses = addresses;
  });
  return runCheck(backendPrivate, [gateway(properties)], { scope });
}

describe('ingress.appgw.backend-private', () => {
  it('passes private IP addresses', () => {
    expect(
      verdictOf([
        { ipAddress: '10.240.4.4' },
        { ipAddress: '100.64.1.1' },
        { ipAddress: '192.168.0.9' },
      ]).verdict,
    ).toBe('pass');
  });

  it('passes names under the private suffix', () => {
    const result = verdictOf(
      [{ fqdn: 'bu0001a0008-00.aks-ingress.contoso.com' }],
      { internalDomainSuffix: 'aks-ingress.contoso.com' },
    );

    expect(result.verdict).toBe('pass');
  });

  it('is unknown when the suffix also covers the public host', () => {
    const result = verdictOf([{ fqdn: 'shop-origin.contoso.com' }], {
      internalDomainSuffix: 'contoso.com',
      hostNames: ['bicycle.contoso.com'],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('internal-domain-not-distinct');
    expect(result.message).toContain('bicycle.contoso.com');
  });

  it('fails a public IP address', () => {
    const result = verdictOf([
      { ipAddress: '10.240.4.4' },
      { ipAddress: '20.1.2.3' },
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('20.1.2.3');
  });

  it('fails a public address written as a host name', () => {
    expect(verdictOf([{ fqdn: '52.10.0.1' }]).verdict).toBe('fail');
  });

  it('warns on names outside the private suffix', () => {
    const result = verdictOf([{ fqdn: 'app.azurewebsites.net' }], {
      internalDomainSuffix: 'aks-ingress.contoso.com',
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('fqdn-not-private');
  });

  it('is unknown for names without a suffix', () => {
    const result = verdictOf([
      { fqdn: 'bu0001a0008-00.aks-ingress.contoso.com' },
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('internal-domain-not-set');
    expect(result.message).toContain('bu0001a0008-00.aks-ingress.contoso.com');
  });

  it('fails a public address even without a suffix', () => {
    const result = verdictOf([
      { fqdn: 'app.azurewebsites.net' },
      { ipAddress: '20.1.2.3' },
    ]);

    expect(result.verdict).toBe('fail');
  });

  it('is unknown for an entry without an address', () => {
    const result = verdictOf([
      { ipAddress: '10.240.4.4' },
      { IpAddress: '20.1.2.3' },
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-property');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        path: 'properties.backendAddressPools[0].properties.backendAddresses[1]',
        observed: { IpAddress: '20.1.2.3' },
      }),
    );
  });

  it('is unknown for non-string and non-object entries', () => {
    for (const addresses of [
      [{ ipAddress: 10 }],
      [{ fqdn: '' }],
      ['10.240.4.4'],
    ]) {
      const result = verdictOf(addresses);

      expect(result.verdict).toBe('unknown');
      expect(result.evidence).toContainEqual(
        expect.objectContaining({
          path: 'properties.backendAddressPools[0].properties.backendAddresses[0]',
          observed: addresses[0],
        }),
      );
    }
  });

  it('fails a public address beside an unreadable entry', () => {
    expect(verdictOf([{ ipAddress: '20.1.2.3' }, {}]).verdict).toBe('fail');
  });

  it('is not applicable for empty pools', () => {
    expect(verdictOf([]).verdict).toBe('not-applicable');
  });

  it('judges only pools reached from the service listeners', () => {
    const properties = gatewayWith(props => {
      props.backendAddressPools[0].properties.backendAddresses = [
        { ipAddress: '10.240.4.4' },
      ];
      props.backendAddressPools.push(
        entry('backendAddressPools', 'other-service', {
          backendAddresses: [{ ipAddress: '20.1.2.3' }],
        }),
      );
    });

    const scoped = runCheck(backendPrivate, [gateway(properties)], {
      scope: { hostNames: ['bicycle.contoso.com'] },
    });
    const whole = runCheck(backendPrivate, [gateway(properties)]);

    expect(scoped.verdict).toBe('pass');
    expect(whole.verdict).toBe('fail');
  });

  it('is unknown for a rule with an undefined path map', () => {
    const properties = gatewayWith(props => {
      const rule = props.requestRoutingRules[0].properties;
      rule.ruleType = 'PathBasedRouting';
      delete rule.backendAddressPool;
      delete rule.backendHttpSettings;
      rule.urlPathMap = ref('urlPathMaps', 'gone');
    });

    const result = runCheck(backendPrivate, [gateway(properties)], {
      scope: { hostNames: ['bicycle.contoso.com'] },
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
    expect(result.message).toContain('URL path map gone');
  });

  it('is unknown for an undefined pool', () => {
    const properties = gatewayWith(props => {
      props.requestRoutingRules[0].properties.backendAddressPool = ref(
        'backendAddressPools',
        'gone',
      );
    });

    const result = runCheck(backendPrivate, [gateway(properties)], {
      scope: { hostNames: ['bicycle.contoso.com'] },
    });

    expect(result.verdict).toBe('unknown');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(backendPrivate, [], { scope: { gatewayId: GATEWAY_ID } })
        .verdict,
    ).toBe('unknown');
  });
});

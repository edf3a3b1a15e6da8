import {
  gateway,
  gatewayWith,
  GATEWAY_ID,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { backendHostname } from './backendHostname';

function verdictOf(
  change: (properties: any) => void,
  internalDomainSuffix?: string,
) {
  return runCheck(backendHostname, [gateway(gatewayWith(change))], {
    scope: { internalDomainSuffix },
  });
}

function settings(properties: any) {
  return properties.backendHttpSettingsCollection[0].properties;
}

describe('ingress.appgw.backend-hostname', () => {
  it('passes FQDN backends with the picked host name', () => {
    const result = verdictOf(() => {}, 'aks-ingress.contoso.com');

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('bu0001a0008-00.aks-ingress.contoso.com');
  });

  it('passes an explicit host name with IP backends', () => {
    const result = verdictOf(properties => {
      Object.assign(settings(properties), {
        pickHostNameFromBackendAddress: false,
        hostName: 'bu0001a0005-00.aks-ingress.contoso.com',
      });
      properties.backendAddressPools[0].properties.backendAddresses = [
        { ipAddress: '10.240.4.4' },
      ];
    });

    expect(result.verdict).toBe('pass');
  });

  it('is unknown when the suffix also covers the public host', () => {
    const result = runCheck(backendHostname, [gateway(gatewayWith(() => {}))], {
      scope: {
        internalDomainSuffix: 'contoso.com',
        hostNames: ['bicycle.contoso.com'],
      },
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('internal-domain-not-distinct');
  });

  it('fails a picked host name from IP backends', () => {
    const result = verdictOf(properties => {
      properties.backendAddressPools[0].properties.backendAddresses = [
        { ipAddress: '10.240.4.4' },
      ];
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('10.240.4.4');
  });

  it('warns when the client host is forwarded', () => {
    const result = verdictOf(properties => {
      settings(properties).pickHostNameFromBackendAddress = false;
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('client-host-forwarded');
  });

  it('warns on a host outside the internal domain', () => {
    const result = verdictOf(properties => {
      Object.assign(settings(properties), {
        pickHostNameFromBackendAddress: false,
        hostName: 'bicycle.contoso.com',
      });
    }, 'aks-ingress.contoso.com');

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('host-outside-internal-domain');
  });

  it('warns on an HTTP health probe', () => {
    const result = verdictOf(properties => {
      properties.probes[0].properties.protocol = 'Http';
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('http-probe');
  });

  it('is unknown for an undefined probe', () => {
    const result = verdictOf(properties => {
      properties.probes = [];
    });

    expect(result.verdict).toBe('unknown');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(backendHostname, [], { scope: { gatewayId: GATEWAY_ID } })
        .verdict,
    ).toBe('unknown');
  });
});

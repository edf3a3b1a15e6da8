import {
  entry,
  gateway,
  gatewayWith,
  GATEWAY_ID,
  ref,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { strictSni } from './strictSni';

function verdictOf(change: (listener: any) => void, scope = {}) {
  const properties = gatewayWith(props =>
    change(props.httpListeners[0].properties),
  );
  return runCheck(strictSni, [gateway(properties)], { scope });
}

describe('ingress.appgw.strict-sni', () => {
  it('passes a host-bound listener that requires SNI', () => {
    expect(verdictOf(() => {}).verdict).toBe('pass');
  });

  it('fails when SNI is not required', () => {
    const result = verdictOf(listener => {
      listener.requireServerNameIndication = false;
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('requireServerNameIndication is false');
  });

  it('treats an absent flag as false', () => {
    expect(
      verdictOf(listener => {
        delete listener.requireServerNameIndication;
      }).verdict,
    ).toBe('fail');
  });

  it('fails a basic listener', () => {
    const result = verdictOf(listener => {
      delete listener.hostName;
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('basic listener');
  });

  it('warns on wildcard-only host names', () => {
    const result = verdictOf(listener => {
      delete listener.hostName;
      listener.hostNames = ['*.contoso.com'];
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('wildcard-host');
  });

  it('warns on hostName and hostNames together', () => {
    const result = verdictOf(listener => {
      listener.hostNames = ['*.contoso.com'];
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('hostname-and-hostnames');
    expect(result.message).toContain('*.contoso.com');
  });

  it('passes hostName with an empty hostNames', () => {
    expect(
      verdictOf(listener => {
        listener.hostNames = [];
      }).verdict,
    ).toBe('pass');
  });

  it('fails the basic listener that serves an unclaimed host', () => {
    const result = verdictOf(
      listener => {
        delete listener.hostName;
      },
      { hostNames: ['orders.contoso.com'] },
    );

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('basic listener');
  });

  it('judges every basic HTTPS listener for a scoped service', () => {
    const properties = gatewayWith(props => {
      props.httpListeners.push(
        entry('httpListeners', 'listener-catch-all', {
          protocol: 'Https',
          sslCertificate: ref('sslCertificates', 'apw-bicycle-cert'),
          requireServerNameIndication: false,
        }),
      );
    });

    const result = runCheck(strictSni, [gateway(properties)], {
      scope: { hostNames: ['bicycle.contoso.com'] },
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('listener-catch-all');
  });

  it('is not applicable without HTTPS listeners', () => {
    expect(
      verdictOf(listener => {
        listener.protocol = 'Http';
      }).verdict,
    ).toBe('not-applicable');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(strictSni, [], { scope: { gatewayId: GATEWAY_ID } }).verdict,
    ).toBe('unknown');
  });
});

import { JsonObject } from '../../../types';
import {
  entry,
  gateway,
  gatewayWith,
  GATEWAY_ID,
  ref,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { minTlsVersion } from './minTlsVersion';

function withProfile(policy: JsonObject | undefined) {
  return gatewayWith(properties => {
    properties.sslProfiles = [
      entry(
        'sslProfiles',
        'profile-legacy-clients',
        policy === undefined
          ? { clientAuthConfiguration: { verifyClientCertIssuerDN: true } }
          : { sslPolicy: policy },
      ),
    ];
    properties.httpListeners[0].properties.sslProfile = ref(
      'sslProfiles',
      'profile-legacy-clients',
    );
  });
}

function verdictOf(properties: JsonObject, apiVersion?: string) {
  return runCheck(minTlsVersion, [gateway(properties, { apiVersion })]);
}

describe('ingress.appgw.min-tls-version', () => {
  it('passes the baseline Custom TLS 1.2 policy', () => {
    const result = verdictOf(gatewayWith(() => {}));

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('TLSv1_2');
  });

  it('fails a weaker SSL profile over a strong gateway policy', () => {
    const result = verdictOf(
      withProfile({
        policyType: 'Custom',
        minProtocolVersion: 'TLSv1_1',
        cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
      }),
    );

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('SSL profile profile-legacy-clients');
    expect(result.message).toContain('listener-https');
    expect(result.evidence[0].path).toBe(
      'properties.sslProfiles[0].properties.sslPolicy.minProtocolVersion',
    );
    expect(result.evidence[0].elements).toEqual(['listener-https']);
  });

  it('inherits the gateway policy for a client-authentication profile', () => {
    expect(verdictOf(withProfile(undefined)).verdict).toBe('pass');
    expect(verdictOf(withProfile({})).verdict).toBe('pass');
  });

  it('reads defaultPredefinedSslPolicy when no policy is set', () => {
    const result = verdictOf(
      gatewayWith(properties => {
        delete properties.sslPolicy;
        properties.defaultPredefinedSslPolicy = 'AppGwSslPolicy20220101';
      }),
    );

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].path).toBe(
      'properties.defaultPredefinedSslPolicy',
    );
  });

  it('warns on an implicit default for v2 and names the api-version', () => {
    const result = verdictOf(
      gatewayWith(properties => {
        properties.sslPolicy = {};
      }),
      '2023-02-01',
    );

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('implicit-default');
    expect(result.evidence[0].note).toContain('2023-02-01');
  });

  it('fails an implicit default for v1', () => {
    const result = verdictOf(
      gatewayWith(properties => {
        delete properties.sslPolicy;
        properties.sku = { name: 'WAF_Medium', tier: 'WAF', capacity: 2 };
      }),
    );

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('AppGwSslPolicy20150501');
  });

  it.each([
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20170401S' },
      'pass',
    ],
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20170401' },
      'fail',
    ],
    [
      { policyType: 'predefined', policyName: 'appgwsslpolicy20220101s' },
      'pass',
    ],
    [{ policyName: 'AppGwSslPolicy20150501' }, 'fail'],
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20300101' },
      'warn',
    ],
    [{ policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' }, 'pass'],
    [
      {
        policyType: 'custom',
        minProtocolVersion: 'tlsv1_0',
        cipherSuites: ['TLS_RSA_WITH_AES_128_CBC_SHA'],
      },
      'fail',
    ],
    [
      {
        policyType: 'Custom',
        cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
      },
      'fail',
    ],
    [{ minProtocolVersion: 'TLSv1_2' }, 'pass'],
    [{ disabledSslProtocols: ['TLSv1_0', 'TLSv1_1'] }, 'pass'],
    [{ disabledSslProtocols: ['TLSv1_0'] }, 'fail'],
    [{ policyType: 'Strict', policyName: 'x' }, 'warn'],
  ])('judges gateway policy %j as %s', (sslPolicy, expected) => {
    const result = verdictOf(
      gatewayWith(properties => {
        properties.sslPolicy = sslPolicy;
      }),
    );

    expect(result.verdict).toBe(expected);
  });

  it('is unknown for a gateway policy without known fields', () => {
    const result = verdictOf(
      gatewayWith(properties => {
        properties.sslPolicy = {
          PolicyType: 'Predefined',
          PolicyName: 'AppGwSslPolicy20150501',
        };
        properties.defaultPredefinedSslPolicy = 'AppGwSslPolicy20220101';
      }),
    );

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
    expect(result.message).toContain('PolicyType, PolicyName');
    expect(result.evidence[0].path).toBe('properties.sslPolicy');
    expect(result.evidence[0].observed).toEqual(['PolicyType', 'PolicyName']);
    expect(result.evidence[0].elements).toEqual(['listener-https']);
  });

  it('is unknown for a gateway policy that is not an object', () => {
    const result = verdictOf(
      gatewayWith(properties => {
        properties.sslPolicy = 'AppGwSslPolicy20150501';
        properties.defaultPredefinedSslPolicy = 'AppGwSslPolicy20220101';
      }),
    );

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
    expect(result.evidence[0].path).toBe('properties.sslPolicy');
    expect(result.evidence[0].observed).toBe('AppGwSslPolicy20150501');
  });

  it('reads defaultPredefinedSslPolicy for a null policy', () => {
    const result = verdictOf(
      gatewayWith(properties => {
        properties.sslPolicy = null;
        properties.defaultPredefinedSslPolicy = 'AppGwSslPolicy20220101';
      }),
    );

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].path).toBe(
      'properties.defaultPredefinedSslPolicy',
    );
  });

  it('is unknown for an SSL profile policy without known fields', () => {
    const result = verdictOf(
      withProfile({ MinProtocolVersion: 'TLSv1_0' } as JsonObject),
    );

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
    expect(result.message).toContain('SSL profile profile-legacy-clients');
    expect(result.evidence[0].path).toBe(
      'properties.sslProfiles[0].properties.sslPolicy',
    );
    expect(result.evidence[0].observed).toEqual(['MinProtocolVersion']);
    expect(result.evidence[0].elements).toEqual(['listener-https']);
  });

  it('judges layer-4 TLS listeners', () => {
    const result = verdictOf(
      gatewayWith(properties => {
        properties.sslProfiles = [
          entry('sslProfiles', 'tls10', {
            sslPolicy: {
              policyType: 'Predefined',
              policyName: 'AppGwSslPolicy20150501',
            },
          }),
        ];
        properties.listeners = [
          entry('listeners', 'listener-tls', {
            protocol: 'Tls',
            frontendPort: ref('frontendPorts', 'port-443'),
            sslCertificate: ref('sslCertificates', 'apw-bicycle-cert'),
            sslProfile: ref('sslProfiles', 'tls10'),
          }),
        ];
      }),
    );

    expect(result.verdict).toBe('fail');
    expect(result.evidence.flatMap(item => item.elements)).toContain(
      'listener-tls (TLS listener)',
    );
  });

  it('is not applicable without an HTTPS listener', () => {
    const result = verdictOf(
      gatewayWith(properties => {
        properties.httpListeners[0].properties.protocol = 'Http';
      }),
    );

    expect(result.verdict).toBe('not-applicable');
  });

  it('is unknown when a listener names a missing SSL profile', () => {
    const result = verdictOf(
      gatewayWith(properties => {
        properties.httpListeners[0].properties.sslProfile = ref(
          'sslProfiles',
          'gone',
        );
      }),
    );

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is unknown when the gateway was not read', () => {
    const result = runCheck(minTlsVersion, [], {
      scope: { gatewayId: GATEWAY_ID },
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  describe('with service host names', () => {
    const properties = gatewayWith(props => {
      props.sslProfiles = [
        entry('sslProfiles', 'weak', {
          sslPolicy: {
            policyType: 'Predefined',
            policyName: 'AppGwSslPolicy20170401',
          },
        }),
      ];
      props.httpListeners.push(
        entry('httpListeners', 'listener-legacy', {
          protocol: 'Https',
          frontendPort: ref('frontendPorts', 'port-443'),
          sslCertificate: ref('sslCertificates', 'apw-bicycle-cert'),
          sslProfile: ref('sslProfiles', 'weak'),
          hostNames: ['*.legacy.contoso.com'],
          requireServerNameIndication: true,
        }),
      );
    });

    it('judges only the listeners bound to those hosts', () => {
      const result = runCheck(minTlsVersion, [gateway(properties)], {
        scope: { hostNames: ['BICYCLE.contoso.com'] },
      });

      expect(result.verdict).toBe('pass');
    });

    it('matches a wildcard listener to one label', () => {
      const inScope = runCheck(minTlsVersion, [gateway(properties)], {
        scope: { hostNames: ['shop.legacy.contoso.com'] },
      });
      const deeper = runCheck(minTlsVersion, [gateway(properties)], {
        scope: { hostNames: ['a.shop.legacy.contoso.com'] },
      });

      expect(inScope.verdict).toBe('fail');
      expect(deeper.verdict).toBe('unknown');
    });

    it('is unknown when no listener serves the hosts', () => {
      const result = runCheck(minTlsVersion, [gateway(properties)], {
        scope: { hostNames: ['tricycle.contoso.com'] },
      });

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('no-matching-listener');
      expect(result.message).toContain('tricycle.contoso.com');
    });
  });
});

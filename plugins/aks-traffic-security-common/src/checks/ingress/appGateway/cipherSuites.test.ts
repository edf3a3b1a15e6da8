import {
  entry,
  gateway,
  gatewayWith,
  GATEWAY_ID,
  ref,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { cipherSuites } from './cipherSuites';

function verdictOf(sslPolicy: unknown, policy = {}) {
  return runCheck(
    cipherSuites,
    [
      gateway(
        gatewayWith(properties => {
          properties.sslPolicy = sslPolicy;
        }),
      ),
    ],
    { policy },
  );
}

describe('ingress.appgw.cipher-suites', () => {
  it('passes the baseline ECDHE-GCM suites', () => {
    const result = verdictOf({
      policyType: 'Custom',
      minProtocolVersion: 'TLSv1_2',
      cipherSuites: [
        'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      ],
    });

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
  });

  it('fails static-RSA and CBC-SHA1 suites and names them', () => {
    const result = verdictOf({
      policyType: 'Custom',
      minProtocolVersion: 'TLSv1_2',
      cipherSuites: [
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        'TLS_RSA_WITH_AES_256_GCM_SHA384',
        'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
      ],
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('TLS_RSA_WITH_AES_256_GCM_SHA384');
    expect(result.message).toContain('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA');
  });

  it('warns on ECDHE CBC-SHA256 suites', () => {
    const result = verdictOf({
      policyType: 'CustomV2',
      minProtocolVersion: 'TLSv1_2',
      cipherSuites: [
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
      ],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('cbc-suites');
  });

  it('names CBC suites listed without any AEAD suite', () => {
    const result = verdictOf({
      policyType: 'CustomV2',
      minProtocolVersion: 'TLSv1_2',
      cipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384'],
    });

    expect(result.verdict).toBe('warn');
    expect(result.message).toContain(
      'allows only ECDHE CBC suites with SHA-256/384 (TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384) and none of the approved AEAD suites',
    );
  });

  it.each([
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101S' },
      'pass',
    ],
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' },
      'warn',
    ],
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20170401S' },
      'fail',
    ],
    [
      { policyType: 'Predefined', policyName: 'AppGwSslPolicy20150501' },
      'fail',
    ],
    [{ policyType: 'Predefined', policyName: 'AppGwSslPolicyNext' }, 'warn'],
    [
      { policyType: 'Custom', minProtocolVersion: 'TLSv1_2', cipherSuites: [] },
      'fail',
    ],
    [{ policyType: 'Custom', minProtocolVersion: 'TLSv1_2' }, 'fail'],
    [{ policyType: 'CustomV2', minProtocolVersion: 'TLSv1_2' }, 'warn'],
    [{ policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' }, 'pass'],
    [
      {
        policyType: 'CustomV2',
        minProtocolVersion: 'TLSv1_3',
        cipherSuites: ['TLS_RSA_WITH_AES_128_CBC_SHA'],
      },
      'pass',
    ],
    [
      {
        policyType: 'CustomV2',
        minProtocolVersion: 'TLSv1_2',
        cipherSuites: [
          'tls_ecdhe_ecdsa_with_aes_128_gcm_sha256',
          'TLS_AES_128_GCM_SHA256',
        ],
      },
      'pass',
    ],
    [
      {
        policyType: 'Custom',
        minProtocolVersion: 'TLSv1_2',
        cipherSuites: ['TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'],
      },
      'fail',
    ],
    [
      {
        policyType: 'Custom',
        minProtocolVersion: 'TLSv1_2',
        cipherSuites: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
      },
      'fail',
    ],
  ])('judges %j as %s', (sslPolicy, expected) => {
    expect(verdictOf(sslPolicy).verdict).toBe(expected);
  });

  it('uses the organisation approved set', () => {
    const result = verdictOf(
      {
        policyType: 'Custom',
        minProtocolVersion: 'TLSv1_2',
        cipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
      },
      { approvedCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] },
    );

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('outside the approved set');
  });

  it('splits the implicit default by SKU family', () => {
    const v2 = verdictOf({});
    const v1 = runCheck(cipherSuites, [
      gateway(
        gatewayWith(properties => {
          delete properties.sslPolicy;
          properties.sku = { name: 'Standard_Large', tier: 'Standard' };
        }),
      ),
    ]);

    expect(v2.verdict).toBe('warn');
    expect(v2.reason).toBe('implicit-default');
    expect(v1.verdict).toBe('fail');
  });

  it('judges a legacy policy without suites by the default list', () => {
    expect(
      verdictOf({ disabledSslProtocols: ['TLSv1_0', 'TLSv1_1'] }).reason,
    ).toBe('implicit-default');
  });

  it('judges the policy of an SSL profile per listener', () => {
    const result = runCheck(cipherSuites, [
      gateway(
        gatewayWith(properties => {
          properties.sslProfiles = [
            entry('sslProfiles', 'old', {
              sslPolicy: {
                policyType: 'Predefined',
                policyName: 'AppGwSslPolicy20170401S',
              },
            }),
          ];
          properties.httpListeners.push(
            entry('httpListeners', 'listener-old', {
              protocol: 'Https',
              hostName: 'old.contoso.com',
              sslCertificate: ref('sslCertificates', 'apw-bicycle-cert'),
              sslProfile: ref('sslProfiles', 'old'),
            }),
          );
        }),
      ),
    ]);

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('Affected listener: listener-old.');
  });

  it('is unknown for a policy without known fields', () => {
    const result = verdictOf({
      PolicyType: 'Predefined',
      PolicyName: 'AppGwSslPolicy20150501',
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
    expect(result.evidence[0].path).toBe('properties.sslPolicy');
    expect(result.evidence[0].observed).toEqual(['PolicyType', 'PolicyName']);
  });

  it('is unknown for an unreadable SSL profile policy', () => {
    const result = runCheck(cipherSuites, [
      gateway(
        gatewayWith(properties => {
          properties.sslProfiles = [
            entry('sslProfiles', 'old', {
              sslPolicy: ['AppGwSslPolicy20150501'],
            }),
          ];
          properties.httpListeners[0].properties.sslProfile = ref(
            'sslProfiles',
            'old',
          );
        }),
      ),
    ]);

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
    expect(result.evidence[0].path).toBe(
      'properties.sslProfiles[0].properties.sslPolicy',
    );
    expect(result.evidence[0].elements).toEqual(['listener-https']);
  });

  it('is unknown when the gateway was not read', () => {
    const result = runCheck(cipherSuites, [], {
      scope: { gatewayId: GATEWAY_ID },
    });

    expect(result.verdict).toBe('unknown');
  });
});

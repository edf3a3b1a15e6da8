import {
  entry,
  gateway,
  gatewayWith,
  GATEWAY_ID,
  ref,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { backendCertValidation } from './backendCertValidation';

function verdictOf(
  change: (properties: any) => void,
  apiVersion: string | undefined = '2025-01-01',
) {
  return runCheck(backendCertValidation, [
    gateway(gatewayWith(change), { apiVersion }),
  ]);
}

describe('ingress.appgw.backend-cert-validation', () => {
  it('passes a Key Vault trusted root on a current read', () => {
    const result = verdictOf(() => {});

    expect(result.verdict).toBe('pass');
    expect(result.message).toContain('root-cert-wildcard-aks-ingress');
  });

  it('passes an inline trusted root without showing its data', () => {
    const result = verdictOf(properties => {
      properties.trustedRootCertificates[0].properties = {
        data: 'MIIDrootdata',
      };
    });

    expect(result.verdict).toBe('pass');
    expect(JSON.stringify(result)).not.toContain('MIIDrootdata');
  });

  it.each(['validateCertChainAndExpiry', 'validateSNI'])(
    'fails when %s is false',
    name => {
      const result = verdictOf(properties => {
        properties.backendHttpSettingsCollection[0].properties[name] = false;
      });

      expect(result.verdict).toBe('fail');
      expect(result.message).toContain(name);
    },
  );

  it('passes explicit true switches on an old read', () => {
    const result = verdictOf(properties => {
      Object.assign(properties.backendHttpSettingsCollection[0].properties, {
        validateCertChainAndExpiry: true,
        validateSNI: true,
      });
    }, '2024-10-01');

    expect(result.verdict).toBe('pass');
  });

  it('warns when an old read cannot show the switches', () => {
    const result = verdictOf(() => {}, '2024-10-01');

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('api-version-too-old');
    expect(result.message).toContain('2024-10-01');
  });

  it('warns when the api-version is unknown', () => {
    const result = runCheck(backendCertValidation, [
      gateway(gatewayWith(() => {})),
    ]);

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('api-version-unknown');
  });

  it('treats absent switches in a template as the default', () => {
    const resource = gateway(
      gatewayWith(() => {}),
      { apiVersion: '2023-11-01' },
    );
    resource.origin.format = 'arm-template';

    expect(runCheck(backendCertValidation, [resource]).verdict).toBe('pass');
  });

  it('warns without a trusted root', () => {
    const result = verdictOf(properties => {
      properties.backendHttpSettingsCollection[0].properties.trustedRootCertificates =
        [];
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('no-trusted-root');
  });

  it('warns on a v1 gateway', () => {
    const result = verdictOf(properties => {
      properties.sku = { name: 'Standard_Medium', tier: 'Standard' };
      properties.authenticationCertificates = [
        entry('authenticationCertificates', 'ingress', { data: 'MIIB' }),
      ];
      properties.backendHttpSettingsCollection[0].properties.authenticationCertificates =
        [ref('authenticationCertificates', 'ingress')];
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('v1-authentication-certificates');
  });

  it('is unknown for an undefined trusted root', () => {
    const result = verdictOf(properties => {
      properties.trustedRootCertificates = [];
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it('is not applicable without HTTPS backend settings', () => {
    const result = verdictOf(properties => {
      properties.backendHttpSettingsCollection[0].properties.protocol = 'Http';
    });

    expect(result.verdict).toBe('not-applicable');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(backendCertValidation, [], { scope: { gatewayId: GATEWAY_ID } })
        .verdict,
    ).toBe('unknown');
  });
});

import {
  entry,
  gateway,
  gatewayWith,
  GATEWAY_ID,
  ref,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { listenerCertKeyVault } from './listenerCertKeyVault';

function verdictOf(certificate: Record<string, unknown>) {
  const properties = gatewayWith(props => {
    props.sslCertificates = [
      entry('sslCertificates', 'apw-bicycle-cert', certificate as any),
    ];
  });
  return runCheck(listenerCertKeyVault, [gateway(properties)]);
}

describe('ingress.appgw.listener-cert-keyvault', () => {
  it('passes a versionless secret URI', () => {
    const result = verdictOf({
      keyVaultSecretId:
        'https://kv-aks.vault.azure.net/secrets/gateway-external-pfx-cert',
      publicCertData: 'MIIB',
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].elements).toEqual(['listener-https']);
  });

  it('passes sovereign-cloud vaults', () => {
    expect(
      verdictOf({
        keyVaultSecretId: 'https://kv-aks.vault.azure.cn/secrets/cert',
      }).verdict,
    ).toBe('pass');
    expect(
      verdictOf({
        keyVaultSecretId:
          'https://kv-aks.vault.usgovcloudapi.net/secrets/cert/',
      }).verdict,
    ).toBe('pass');
  });

  it('warns on a versioned secret URI', () => {
    const result = verdictOf({
      keyVaultSecretId:
        'https://kv-aks.vault.azure.net/secrets/cert/0123456789abcdef0123456789abcdef',
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('versioned-secret');
  });

  it.each([
    'https://kv-aks.vault.azure.net/certificates/cert',
    'https://kv-aks.vault.azure.net/keys/cert',
    'https://kv/secret',
    'http://kv-aks.vault.azure.net/secrets/cert',
  ])('fails %s', keyVaultSecretId => {
    expect(verdictOf({ keyVaultSecretId }).verdict).toBe('fail');
  });

  it('fails an uploaded PFX without showing its data', () => {
    const result = verdictOf({ publicCertData: 'MIIDsecretish' });

    expect(result.verdict).toBe('fail');
    expect(JSON.stringify(result)).not.toContain('MIIDsecretish');
  });

  it('reads template expressions for the secret URI', () => {
    expect(
      verdictOf({
        keyVaultSecretId:
          "[reference(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv', 'cert'), '2023-07-01').secretUri]",
      }).verdict,
    ).toBe('pass');
    expect(
      verdictOf({
        keyVaultSecretId:
          "[reference(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv', 'cert'), '2023-07-01').secretUriWithVersion]",
      }).verdict,
    ).toBe('warn');
    expect(
      verdictOf({ keyVaultSecretId: "[parameters('certificateUri')]" }).verdict,
    ).toBe('unknown');
  });

  it('is unknown when the certificate shows no source', () => {
    const result = verdictOf({});

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-property');
  });

  it('is unknown when the listener names a missing certificate', () => {
    const properties = gatewayWith(props => {
      props.httpListeners[0].properties.sslCertificate = ref(
        'sslCertificates',
        'gone',
      );
    });

    expect(runCheck(listenerCertKeyVault, [gateway(properties)]).reason).toBe(
      'unresolved-reference',
    );
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(listenerCertKeyVault, [], { scope: { gatewayId: GATEWAY_ID } })
        .verdict,
    ).toBe('unknown');
  });
});

import { parseKeyVaultUri } from './keyVaultUri';

describe('parseKeyVaultUri', () => {
  it('parses a versionless secret URI', () => {
    expect(
      parseKeyVaultUri('https://KV-aks.vault.azure.net/secrets/gateway-cert'),
    ).toEqual({
      kind: 'uri',
      vaultName: 'kv-aks',
      collection: 'secrets',
      objectName: 'gateway-cert',
      version: undefined,
    });
  });

  it('parses a version segment', () => {
    const parsed = parseKeyVaultUri(
      'https://kv-aks.vault.azure.net:443/secrets/gateway-cert/0123456789abcdef0123456789abcdef',
    );

    expect(parsed).toMatchObject({
      kind: 'uri',
      version: '0123456789abcdef0123456789abcdef',
    });
  });

  it.each([
    'https://kv/secret',
    'https://kv-aks.example.com/secrets/x',
    'not a uri',
    'https://kv-aks.vault.azure.net/secrets',
  ])('rejects %s', value => {
    expect(parseKeyVaultUri(value).kind).toBe('invalid');
  });
});

import { memoizeBounded } from '../../../resources/memoizeBounded';

/**
 * DNS suffixes of Key Vault vaults in the public and sovereign clouds
 * (Azure, Azure China, Azure US Government, and the retired Azure Germany).
 */
export const KEY_VAULT_DNS_SUFFIXES = [
  '.vault.azure.net',
  '.vault.azure.cn',
  '.vault.usgovcloudapi.net',
  '.vault.microsoftazure.de',
];

/** The target of a `keyVaultSecretId` value. */
export type KeyVaultReference =
  | {
      kind: 'uri';
      /** The vault name, the first label of the host, in lower case. */
      vaultName: string;
      /** `secrets`, `certificates`, `keys` or another path segment. */
      collection: string;
      objectName: string;
      /** The version segment, when the URI pins one. */
      version?: string;
    }
  | {
      /** An ARM template expression, such as `[reference(...).secretUri]`. */
      kind: 'expression';
      /** True for `secretUri`, false for `secretUriWithVersion`, undefined otherwise. */
      versionless?: boolean;
    }
  | { kind: 'invalid' };

/**
 * Parses a Key Vault object identifier such as
 * `https://kv.vault.azure.net/secrets/name`. Every service behind a gateway
 * reads the same listener certificates, so each identifier is parsed once.
 */
export const parseKeyVaultUri: (value: string) => KeyVaultReference =
  memoizeBounded(parseUncached);

function parseUncached(value: string): KeyVaultReference {
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    if (/\.secretUriWithVersion\b/i.test(text)) {
      return { kind: 'expression', versionless: false };
    }
    if (/\.secretUri\b/i.test(text)) {
      return { kind: 'expression', versionless: true };
    }
    return { kind: 'expression' };
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: 'invalid' };
  }
  const host = url.hostname.toLowerCase();
  const suffix = KEY_VAULT_DNS_SUFFIXES.find(candidate =>
    host.endsWith(candidate),
  );
  if (url.protocol !== 'https:' || !suffix) {
    return { kind: 'invalid' };
  }
  const vaultName = host.slice(0, -suffix.length);
  const segments = url.pathname.split('/').filter(Boolean);
  if (
    vaultName === '' ||
    vaultName.includes('.') ||
    segments.length < 2 ||
    segments.length > 3
  ) {
    return { kind: 'invalid' };
  }
  return {
    kind: 'uri',
    vaultName,
    collection: segments[0].toLowerCase(),
    objectName: segments[1],
    version: segments[2],
  };
}

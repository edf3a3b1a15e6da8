import { ArmResource, JsonObject, JsonValue } from '../../../types';
import { getPath, isJsonObject, parseBoolean } from '../../../resources/json';
import { unknown } from '../../outcomes';
import { CheckOutcome } from '../../types';

/** The add-on key of the Azure Key Vault provider for the Secrets Store CSI driver. */
export const KEYVAULT_SECRETS_PROVIDER = 'azureKeyvaultSecretsProvider';

/** An AKS add-on profile and the path it was read from. */
export interface AddonProfile {
  /** `properties.addonProfiles.<key>` with the key as the body spells it. */
  path: string;
  profile?: JsonObject;
  /** `enabled`, read as a boolean; `undefined` when absent. */
  enabled?: boolean;
}

/**
 * Looks an add-on up in `properties.addonProfiles`. AKS matches add-on keys
 * case-insensitively and bodies spell them differently
 * (`azureKeyvaultSecretsProvider`, `azureKeyVaultSecretsProvider`,
 * `azurekeyvaultsecretsprovider`), so the key is matched case-insensitively.
 */
export function addonProfile(
  cluster: ArmResource,
  addon: string,
): AddonProfile {
  const profiles = getPath(cluster.body, 'properties.addonProfiles');
  const key = isJsonObject(profiles)
    ? Object.keys(profiles).find(
        name => name.toLowerCase() === addon.toLowerCase(),
      )
    : undefined;
  if (
    !isJsonObject(profiles) ||
    key === undefined ||
    !isJsonObject(profiles[key])
  ) {
    return { path: `properties.addonProfiles.${addon}` };
  }

  const profile = profiles[key] as JsonObject;
  return {
    path: `properties.addonProfiles.${key}`,
    profile,
    enabled: parseBoolean(profile.enabled),
  };
}

/**
 * Returns `unknown` when `properties.addonProfiles` is set but not an object,
 * or when one of the add-ons' entries in it is not an object. Read as
 * absent, the add-ons would count as disabled.
 */
export function unreadableAddonProfiles(
  cluster: ArmResource,
  addons: readonly string[],
): CheckOutcome | undefined {
  const profiles = getPath(cluster.body, 'properties.addonProfiles');
  let path: string | undefined;
  if (profiles !== undefined && profiles !== null && !isJsonObject(profiles)) {
    path = 'properties.addonProfiles';
  } else if (isJsonObject(profiles)) {
    const key = Object.keys(profiles).find(name =>
      addons.some(addon => name.toLowerCase() === addon.toLowerCase()),
    );
    const entry = key === undefined ? undefined : profiles[key];
    if (entry !== undefined && entry !== null && !isJsonObject(entry)) {
      path = `properties.addonProfiles.${key}`;
    }
  }
  if (path === undefined) {
    return undefined;
  }

  return unknown(
    'unrecognised-value',
    `${path} is not an object, so whether the add-on is enabled is not known.`,
    [
      {
        resource: cluster.id,
        path,
        observed: (getPath(cluster.body, path) as JsonValue) ?? null,
        expected: 'an object of add-on profiles',
      },
    ],
  );
}

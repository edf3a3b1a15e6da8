import { ArmResource, JsonObject } from '../../../types';
import { getPath, isJsonObject, parseBoolean } from '../../../resources/json';

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

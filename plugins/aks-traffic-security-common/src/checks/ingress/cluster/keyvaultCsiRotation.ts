import { CheckDefinition } from '../../types';
import { notApplicable, pass, warn } from '../../outcomes';
import { isJsonObject } from '../../../resources/json';
import { addonProfile, KEYVAULT_SECRETS_PROVIDER } from './addonProfiles';

/** The add-on's documented poll interval when rotation is on and none is set. */
const DEFAULT_ROTATION_POLL_INTERVAL = '2m';

export const keyvaultCsiRotation: CheckDefinition = {
  id: 'ingress.aks.keyvault-csi-rotation',
  flow: 'ingress',
  severity: 'low',
  level: 'advisory',
  title: 'The Key Vault secrets provider add-on rotates mounted secrets.',
  why: 'Without rotation, a certificate renewed in Key Vault reaches the ingress controller only when its pods restart, so an expiring certificate can stay in service.',
  remediation:
    'Turn rotation on: `az aks addon update --addon azure-keyvault-secrets-provider --enable-secret-rotation --rotation-poll-interval 2m`, which sets `config.enableSecretRotation: "true"`.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;
    const addon = addonProfile(cluster, KEYVAULT_SECRETS_PROVIDER);
    if (addon.enabled !== true) {
      return notApplicable(
        'The Key Vault secrets provider add-on is not enabled.',
        [
          {
            resource: cluster.id,
            path: `${addon.path}.enabled`,
            observed: addon.profile?.enabled ?? null,
          },
        ],
      );
    }

    // AKS add-on config values are strings; a JSON boolean is a malformed config.
    const config = isJsonObject(addon.profile?.config)
      ? addon.profile!.config
      : {};
    const rotation = config.enableSecretRotation;
    const interval = config.rotationPollInterval;
    const evidence = {
      resource: cluster.id,
      path: `${addon.path}.config.enableSecretRotation`,
      observed: rotation ?? null,
      expected: 'true',
    };

    if (typeof rotation === 'string' && rotation.toLowerCase() === 'true') {
      return pass(
        `Secret rotation is on, polling every ${
          typeof interval === 'string'
            ? interval
            : `${DEFAULT_ROTATION_POLL_INTERVAL} (default)`
        }.`,
        [evidence],
      );
    }
    if (typeof rotation === 'boolean') {
      return warn(
        'enableSecretRotation is a JSON boolean, but AKS add-on config values are strings, so the setting is malformed.',
        [{ ...evidence, note: 'write the string "true"' }],
        'malformed-config',
      );
    }
    return warn(
      rotation === undefined
        ? 'Secret rotation is off: enableSecretRotation is not set and defaults to "false".'
        : `Secret rotation is off: enableSecretRotation is "${String(
            rotation,
          )}".`,
      [evidence],
      'rotation-disabled',
    );
  },
};

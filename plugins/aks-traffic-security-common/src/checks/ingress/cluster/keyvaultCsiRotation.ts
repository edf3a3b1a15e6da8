import { CheckDefinition } from '../../types';
import { notApplicable, pass, warn } from '../../outcomes';
import { isJsonObject } from '../../../resources/json';
import {
  addonProfile,
  KEYVAULT_SECRETS_PROVIDER,
  unreadableAddonProfiles,
} from './addonProfiles';

/** The add-on's documented poll interval when rotation is on and none is set. */
const DEFAULT_ROTATION_POLL_INTERVAL = '2m';

/**
 * The syntax of Go's `time.ParseDuration`: one or more decimal numbers, each
 * with a unit (`90s`, `1.5h`, `1h30m`), or a bare `0`. Go's range limit of
 * about 290 years is not checked.
 */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/**
 * Tells whether a value is a Go duration greater than zero. The driver polls
 * with a Go ticker, which does not accept a zero or negative interval.
 */
function isPositiveDuration(value: string): boolean {
  return (
    GO_DURATION.test(value) && !value.startsWith('-') && /[1-9]/.test(value)
  );
}

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
    const unreadable = unreadableAddonProfiles(cluster, [
      KEYVAULT_SECRETS_PROVIDER,
    ]);
    if (unreadable) {
      return unreadable;
    }
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
      if (
        interval !== undefined &&
        interval !== null &&
        !(typeof interval === 'string' && isPositiveDuration(interval))
      ) {
        return warn(
          `Secret rotation is on, but rotationPollInterval ${JSON.stringify(
            interval,
          )} is not a valid duration. Set a positive Go duration string such as 2m or 1h30m.`,
          [
            evidence,
            {
              resource: cluster.id,
              path: `${addon.path}.config.rotationPollInterval`,
              observed: interval,
              expected: 'a positive Go duration string such as 2m or 1h30m',
            },
          ],
          'malformed-config',
        );
      }
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

import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { AzureCloud, AZURE_CLOUD_PRESETS } from '../sources/azure/azureClouds';
import { readWholeNumber } from './readWholeNumber';

const AZURE_KEY = 'aksTrafficSecurity.azure';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A credential block as configured. It is validated only when the credential
 * is first used, so that a broken credential makes the reads that need it
 * `unknown` instead of stopping the backend.
 */
export interface CredentialConfig {
  /** The config key of the block, used in messages. */
  key: string;
  /** `default`, `clientSecret`, `workloadIdentity` or `managedIdentity`, as configured. */
  type: string;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
}

/** One configured subscription. */
export interface AzureSubscriptionConfig {
  /** The subscription id in lower case. */
  id: string;
  /** The subscription's Entra ID tenant, when it differs from the credential's. */
  tenantId?: string;
  /** A credential for this subscription in place of the default one. */
  credential?: CredentialConfig;
}

/** The `aksTrafficSecurity.azure` block with every default filled in. */
export interface AzureSourceConfig {
  cloud: AzureCloud;
  /** The credential of every subscription that names none. */
  credential: CredentialConfig;
  subscriptions: AzureSubscriptionConfig[];
  /** The maximum number of Azure and Kubernetes requests in flight at once. */
  maxConcurrency: number;
  /** How many times a timed-out or failed request is retried. A 429 response does not count against it. */
  maxRetries: number;
  /** The first backoff between retries, doubled on each retry. */
  retryDelayMs: number;
  /** How long one read may take, its retries and waits included. */
  readTimeoutMs: number;
}

export const AZURE_DEFAULTS = {
  maxConcurrency: 8,
  maxRetries: 3,
  retryDelay: { seconds: 1 },
  readTimeout: { seconds: 60 },
} as const;

/**
 * Reads and validates `aksTrafficSecurity.azure`. Throws an error naming the
 * key for a malformed cloud, subscription or limit. Credential blocks are
 * only read here and checked when first used.
 */
export function readAzureConfig(config: Config): AzureSourceConfig {
  const azure = config.getOptionalConfig(AZURE_KEY);

  const subscriptions = (
    azure?.getOptionalConfigArray('subscriptions') ?? []
  ).map((subscription, index) => readSubscription(subscription, index));
  const seen = new Set<string>();
  for (const subscription of subscriptions) {
    if (seen.has(subscription.id)) {
      throw new Error(
        `Invalid config '${AZURE_KEY}.subscriptions': subscription '${subscription.id}' is listed twice`,
      );
    }
    seen.add(subscription.id);
  }

  return {
    cloud: readCloud(azure),
    credential: readCredential(
      azure?.getOptionalConfig('credential'),
      `${AZURE_KEY}.credential`,
    ),
    subscriptions,
    maxConcurrency: readWholeNumber(azure, AZURE_KEY, 'maxConcurrency', {
      min: 1,
      max: 64,
      defaultValue: AZURE_DEFAULTS.maxConcurrency,
    }),
    maxRetries: readWholeNumber(azure, AZURE_KEY, 'maxRetries', {
      min: 0,
      max: 10,
      defaultValue: AZURE_DEFAULTS.maxRetries,
    }),
    retryDelayMs: readMilliseconds(
      azure,
      'retryDelay',
      AZURE_DEFAULTS.retryDelay,
    ),
    readTimeoutMs: readMilliseconds(
      azure,
      'readTimeout',
      AZURE_DEFAULTS.readTimeout,
    ),
  };
}

function readCloud(azure: Config | undefined): AzureCloud {
  const name = azure?.getOptionalString('cloud') ?? 'AzurePublicCloud';
  const preset = AZURE_CLOUD_PRESETS[name];
  if (!preset) {
    throw new Error(
      `Invalid config '${AZURE_KEY}.cloud' value '${name}'; expected one of ${Object.keys(
        AZURE_CLOUD_PRESETS,
      ).join(', ')}`,
    );
  }

  const authorityHost = azure?.getOptionalString('authorityHost');
  const resourceManagerEndpoint = azure?.getOptionalString(
    'resourceManagerEndpoint',
  );
  return {
    name:
      authorityHost !== undefined || resourceManagerEndpoint !== undefined
        ? 'custom'
        : preset.name,
    authorityHost:
      authorityHost !== undefined
        ? readHttpsOrigin(authorityHost, `${AZURE_KEY}.authorityHost`)
        : preset.authorityHost,
    resourceManagerEndpoint:
      resourceManagerEndpoint !== undefined
        ? readHttpsOrigin(
            resourceManagerEndpoint,
            `${AZURE_KEY}.resourceManagerEndpoint`,
          )
        : preset.resourceManagerEndpoint,
  };
}

/** Accepts an https URL with no path, query or credentials and returns its origin. */
function readHttpsOrigin(value: string, key: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    url.protocol !== 'https:' ||
    url.username !== '' ||
    url.password !== '' ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new Error(
      `Invalid config '${key}' value '${value}'; expected an https URL with no path, such as https://management.azure.com`,
    );
  }
  return url.origin;
}

function readSubscription(
  subscription: Config,
  index: number,
): AzureSubscriptionConfig {
  const key = `${AZURE_KEY}.subscriptions[${index}]`;
  const id = subscription.getString('id').trim();
  if (!GUID.test(id)) {
    throw new Error(
      `Invalid config '${key}.id' value '${id}'; expected a subscription id (a GUID)`,
    );
  }

  const tenantId = subscription.getOptionalString('tenantId')?.trim();
  const credential = subscription.getOptionalConfig('credential');
  return {
    id: id.toLowerCase(),
    tenantId: tenantId || undefined,
    credential: credential
      ? readCredential(credential, `${key}.credential`)
      : undefined,
  };
}

function readCredential(
  credential: Config | undefined,
  key: string,
): CredentialConfig {
  if (!credential) {
    return { key, type: 'default' };
  }

  // Read as plain values so that a wrong type here never stops the backend.
  const text = (name: string): string | undefined => {
    const value = credential.getOptional(name);
    return typeof value === 'string' && value.trim() !== ''
      ? value.trim()
      : undefined;
  };
  return {
    key,
    type: text('type') ?? 'default',
    tenantId: text('tenantId'),
    clientId: text('clientId'),
    clientSecret: text('clientSecret'),
  };
}

function readMilliseconds(
  azure: Config | undefined,
  name: string,
  defaultValue: { seconds: number },
): number {
  if (!azure?.has(name)) {
    return durationToMilliseconds(defaultValue);
  }

  let milliseconds: number;
  try {
    milliseconds = durationToMilliseconds(
      readDurationFromConfig(azure, { key: name }),
    );
  } catch (error) {
    throw new Error(
      `Invalid config '${AZURE_KEY}.${name}': ${(error as Error).message}`,
    );
  }
  if (!(milliseconds > 0)) {
    throw new Error(
      `Invalid config '${AZURE_KEY}.${name}'; expected a duration longer than zero`,
    );
  }
  return milliseconds;
}

/** Tells whether a string is a GUID, the form of subscription and tenant ids. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

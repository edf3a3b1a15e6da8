import path from 'path';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { OrganisationPolicy } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { readPolicyConfig } from './readPolicyConfig';
import { AzureSourceConfig, readAzureConfig } from './readAzureConfig';
import {
  KubernetesSourceConfig,
  readKubernetesConfig,
} from './readKubernetesConfig';

/** The resource sources the plugin can read from. */
export type ResourceSourceName = 'snapshot' | 'azure';

const SOURCE_NAMES: readonly ResourceSourceName[] = ['snapshot', 'azure'];

/** The refresh schedule when `aksTrafficSecurity.refresh` sets none. */
export const DEFAULT_REFRESH_SCHEDULE = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  // Short, so that a freshly started demo shows assessments within seconds.
  initialDelay: { seconds: 5 },
} as const;

/** How long history rows are kept when `aksTrafficSecurity.history.retentionDays` is not set. */
export const DEFAULT_HISTORY_RETENTION_DAYS = 90;

/** The plugin's configuration with every default filled in. */
export interface PluginConfig {
  source: ResourceSourceName;
  /** The absolute snapshot directory, when one is configured. */
  snapshotDirectory?: string;
  /** The live Azure source's settings, read only when `source` is `azure`. */
  azure?: AzureSourceConfig;
  /** The clusters whose Kubernetes API the Azure source reads, read only when `source` is `azure`. */
  kubernetes?: KubernetesSourceConfig;
  policy: OrganisationPolicy;
  refreshSchedule: SchedulerServiceTaskScheduleDefinition;
  historyRetentionDays: number;
}

/**
 * Reads and validates the `aksTrafficSecurity` config block. Throws an error
 * naming the key on the first invalid value.
 */
export function readPluginConfig(config: Config): PluginConfig {
  const source =
    config.getOptionalString('aksTrafficSecurity.source') ?? 'snapshot';
  if (!SOURCE_NAMES.includes(source as ResourceSourceName)) {
    throw new Error(
      `Invalid config 'aksTrafficSecurity.source' value '${source}'; expected one of ${SOURCE_NAMES.join(
        ', ',
      )}`,
    );
  }

  const directory = config.getOptionalString(
    'aksTrafficSecurity.snapshot.directory',
  );
  // Relative to the backend's working directory, like the catalog's file locations.
  const snapshotDirectory = directory ? path.resolve(directory) : undefined;

  const retentionDays =
    config.getOptionalNumber('aksTrafficSecurity.history.retentionDays') ??
    DEFAULT_HISTORY_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new Error(
      `Invalid config 'aksTrafficSecurity.history.retentionDays' value '${retentionDays}'; expected a whole number of days, 1 or more`,
    );
  }

  return {
    source: source as ResourceSourceName,
    snapshotDirectory,
    azure: source === 'azure' ? readAzureConfig(config) : undefined,
    kubernetes: source === 'azure' ? readKubernetesConfig(config) : undefined,
    policy: readPolicyConfig(config),
    refreshSchedule: readRefreshSchedule(config),
    historyRetentionDays: retentionDays,
  };
}

function readRefreshSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const key = 'aksTrafficSecurity.refresh';
  const configured = config.getOptionalConfig(key);

  // Each configured value replaces its default whole, because merging a
  // configured `{ hours: 1 }` into the default `{ minutes: 30 }` adds the two.
  const reader = new ConfigReader({
    ...DEFAULT_REFRESH_SCHEDULE,
    ...(configured?.get<Record<string, any>>() ?? {}),
  });
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(reader);
  } catch (error) {
    throw new Error(`Invalid config '${key}': ${(error as Error).message}`);
  }
}

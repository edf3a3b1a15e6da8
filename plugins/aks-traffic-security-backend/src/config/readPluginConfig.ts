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

/**
 * The schedule of the refresh of changed entities when
 * `aksTrafficSecurity.refreshChanged` sets none. Each run lists the annotated
 * entities and reads Azure only for those whose annotations, title, owner or
 * system changed, so it can run often.
 */
export const DEFAULT_REFRESH_CHANGED_SCHEDULE = {
  frequency: { minutes: 2 },
  timeout: { minutes: 10 },
  // The full refresh assesses every entity soon after start.
  initialDelay: { minutes: 2 },
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
  refreshChangedSchedule: SchedulerServiceTaskScheduleDefinition;
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
    refreshSchedule: readSchedule(
      config,
      'aksTrafficSecurity.refresh',
      DEFAULT_REFRESH_SCHEDULE,
    ),
    refreshChangedSchedule: readSchedule(
      config,
      'aksTrafficSecurity.refreshChanged',
      DEFAULT_REFRESH_CHANGED_SCHEDULE,
    ),
    historyRetentionDays: retentionDays,
  };
}

function readSchedule(
  config: Config,
  key: string,
  defaults: Record<string, unknown>,
): SchedulerServiceTaskScheduleDefinition {
  const configured = config.getOptionalConfig(key);

  // Each configured value replaces its default whole, because merging a
  // configured `{ hours: 1 }` into the default `{ minutes: 30 }` adds the two.
  const reader = new ConfigReader({
    ...defaults,
    ...(configured?.get<Record<string, any>>() ?? {}),
  });
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(reader);
  } catch (error) {
    throw new Error(`Invalid config '${key}': ${(error as Error).message}`);
  }
}

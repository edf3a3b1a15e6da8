import { LoggerService } from '@backstage/backend-plugin-api';
import { PluginConfig } from '../config/readPluginConfig';
import { AzureResourceSource } from './azure/AzureResourceSource';
import { ResourceSource } from './ResourceSource';
import { SnapshotResourceSource } from './SnapshotResourceSource';

/**
 * Creates the resource source that `aksTrafficSecurity.source` names.
 * Throws at start for a source that cannot run, rather than at each refresh.
 */
export function createResourceSource(
  config: PluginConfig,
  options: { logger: LoggerService },
): ResourceSource {
  if (config.source === 'azure') {
    if (!config.azure) {
      throw new Error(
        "Missing the settings of the 'azure' resource source; read the config with readPluginConfig",
      );
    }
    // Credentials are created on first use, so a broken one does not stop the backend.
    return new AzureResourceSource({
      config: config.azure,
      kubernetes: config.kubernetes,
      logger: options.logger,
    });
  }

  if (!config.snapshotDirectory) {
    throw new Error(
      "Missing config 'aksTrafficSecurity.snapshot.directory'; the 'snapshot' source needs a directory with azure/ and kubernetes/ folders",
    );
  }
  return new SnapshotResourceSource({ directory: config.snapshotDirectory });
}

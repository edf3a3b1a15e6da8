import { PluginConfig } from '../config/readPluginConfig';
import { ResourceSource } from './ResourceSource';
import { SnapshotResourceSource } from './SnapshotResourceSource';

/**
 * Creates the resource source that `aksTrafficSecurity.source` names.
 * Throws at start for a source that cannot run, rather than at each refresh.
 */
export function createResourceSource(config: PluginConfig): ResourceSource {
  if (config.source === 'azure') {
    // TODO: Return the live Azure source here once it implements ResourceSource.
    throw new Error(
      "The 'azure' resource source is not available in this version; set aksTrafficSecurity.source to 'snapshot' and aksTrafficSecurity.snapshot.directory to a directory of exported resources",
    );
  }

  if (!config.snapshotDirectory) {
    throw new Error(
      "Missing config 'aksTrafficSecurity.snapshot.directory'; the 'snapshot' source needs a directory with azure/ and kubernetes/ folders",
    );
  }
  return new SnapshotResourceSource({ directory: config.snapshotDirectory });
}

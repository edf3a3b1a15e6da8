import { promises as fs } from 'fs';
import path from 'path';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The config key that enables local publishing. */
export const LOCAL_PUBLISH_DIRECTORY_KEY =
  'aksTrafficSecurity.scaffolder.localPublishDirectory';

/**
 * Returns the absolute local publishing directory, or `undefined` when the
 * config does not set one. A relative path is resolved against the backend's
 * working directory, as Backstage resolves `file` catalog locations.
 */
export function readLocalPublishDirectory(config: Config): string | undefined {
  const directory = config
    .getOptionalString(LOCAL_PUBLISH_DIRECTORY_KEY)
    ?.trim();
  return directory ? path.resolve(directory) : undefined;
}

/** Returns the local publishing directory, or throws when it is disabled. */
export function requireLocalPublishDirectory(config: Config): string {
  const directory = readLocalPublishDirectory(config);
  if (!directory) {
    throw new InputError(
      `Local publishing is disabled; set '${LOCAL_PUBLISH_DIRECTORY_KEY}' in the app config to the directory that receives the new repositories`,
    );
  }
  return directory;
}

/** Tells whether a file or folder exists, as local publishing must not write into one. */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

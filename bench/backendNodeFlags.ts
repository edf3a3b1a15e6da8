import fs from 'fs';
import path from 'path';

/** The file that lists the production backend's V8 flags. */
export const BACKEND_NODE_FLAGS_FILE = path.resolve(
  __dirname,
  '../packages/backend/node-flags',
);

/**
 * Returns the V8 flags the production backend starts with, so that the
 * benchmarks measure the backend as it is deployed. Lines are trimmed, and
 * blank lines and lines that start with `#` are skipped, as in
 * scripts/e2e.sh. Throws on a line that is not a flag.
 */
export function readBackendNodeFlags(): string[] {
  const lines = fs
    .readFileSync(BACKEND_NODE_FLAGS_FILE, 'utf8')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'));

  for (const line of lines) {
    if (!/^--\S+$/.test(line)) {
      throw new Error(
        `Invalid line '${line}' in ${BACKEND_NODE_FLAGS_FILE}; expected one V8 flag that starts with '--', a comment that starts with '#', or a blank line`,
      );
    }
  }
  return lines;
}

import fs from 'fs';
import path from 'path';

/** The file that lists the production backend's V8 flags. */
export const BACKEND_NODE_FLAGS_FILE = path.resolve(
  __dirname,
  '../packages/backend/node-flags',
);

/**
 * Returns the V8 flags the production backend starts with, so that the
 * benchmarks measure the backend as it is deployed. Blank lines and lines
 * that start with `#` are skipped.
 */
export function readBackendNodeFlags(): string[] {
  return fs
    .readFileSync(BACKEND_NODE_FLAGS_FILE, 'utf8')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'));
}

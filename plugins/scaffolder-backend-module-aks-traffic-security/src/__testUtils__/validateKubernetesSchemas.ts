import { execFileSync } from 'child_process';
import path from 'path';

/** The schema validation result of one Kubernetes object. */
export interface SchemaResult {
  /** `<apiVersion>/<kind>` of the object. */
  type: string;
  name?: string;
  /** False when no schema of the kind is available offline. */
  validated: boolean;
  /** The first schema violation, when there is one. */
  error?: string;
}

/**
 * Validates Kubernetes objects against the schemas of the kubernetes-models
 * packages (Kubernetes, Gateway API and Traefik CRDs), in a child process.
 */
export function validateKubernetesSchemas(objects: unknown[]): SchemaResult[] {
  const output = execFileSync(
    process.execPath,
    [path.join(__dirname, 'validateKubernetesSchemas.mjs')],
    { input: JSON.stringify(objects), encoding: 'utf8' },
  );
  return JSON.parse(output);
}

import { ScopeFromAnnotations } from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * Describes why an entity's annotations do not allow an assessment, naming
 * each missing or invalid annotation, or returns undefined when they do.
 */
export function describeAnnotationProblems(
  entityRef: string,
  read: Pick<ScopeFromAnnotations, 'missing' | 'errors'>,
): string | undefined {
  if (read.missing.length === 0 && read.errors.length === 0) {
    return undefined;
  }

  const problems = [
    ...read.missing.map(key => `missing annotation '${key}'`),
    ...read.errors,
  ];
  return `Entity '${entityRef}' cannot be assessed: ${problems.join('; ')}`;
}

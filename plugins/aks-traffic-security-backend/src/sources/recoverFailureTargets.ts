const ARM_ID_IN_TEXT =
  /"(\/subscriptions\/[^/"]+\/resourceGroups\/[^/"]+\/providers\/[^/"]+\/[^/"]+\/[^/"]+)[^"]*"/gi;

const KIND_IN_TEXT = /^[\s-]*kind:\s*["']?([A-Za-z][A-Za-z0-9]*)["']?\s*$/gm;

/**
 * Finds the ARM resource ids that a JSON file names, even when the file does
 * not parse. Sub-resource ids are cut to their top-level resource. A file
 * that cannot be read may hold any of these resources, so the checks that
 * look them up report the file's failure instead of a missing resource.
 */
export function armIdsInText(text: string): string[] {
  const ids = new Map<string, string>();
  for (const match of text.matchAll(ARM_ID_IN_TEXT)) {
    const id = match[1];
    ids.set(id.toLowerCase(), id);
  }
  return Array.from(ids.values());
}

/**
 * Finds the Kubernetes object kinds that a YAML file names, even when the file
 * does not parse. Nested `kind:` fields such as owner references are found
 * too; that only turns more checks `unknown`, never `pass`.
 */
export function kubernetesKindsInText(text: string): string[] {
  const kinds = new Set<string>();
  for (const match of text.matchAll(KIND_IN_TEXT)) {
    if (match[1] !== 'List') {
      kinds.add(match[1]);
    }
  }
  return Array.from(kinds);
}

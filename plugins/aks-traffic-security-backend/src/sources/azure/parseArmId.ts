/** The parts of an ARM resource id. */
export interface ParsedArmId {
  id: string;
  /** The subscription id in lower case. */
  subscriptionId: string;
  resourceGroup: string;
  /** The resource type, such as `Microsoft.Network/firewallPolicies/ruleCollectionGroups`. */
  type: string;
  /** The names of the resource and its parents, outermost first. */
  names: string[];
}

// Case-insensitive, because ARM itself returns `resourcegroups` in some ids
// (AKS does). Names allow only the characters ARM allows, so that a name can
// never add a path segment, a query or another host to a request.
const ARM_ID =
  /^\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/resourceGroups\/([-\w.()]{1,90})\/providers\/([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)((?:\/[A-Za-z][A-Za-z0-9]*\/[-\w.]{1,260})+)$/i;

/**
 * Splits an ARM resource id into its parts, or returns `undefined` when the
 * string is not a well-formed resource id. Ids from annotations are already
 * checked with `isArmResourceId`; this also checks ids from ARM responses
 * before a request is built from them.
 */
export function parseArmId(id: string): ParsedArmId | undefined {
  const trimmed = id.trim().replace(/\/+$/, '');
  const match = ARM_ID.exec(trimmed);
  if (!match) {
    return undefined;
  }

  const segments = match[4].split('/').slice(1);
  const types: string[] = [];
  const names: string[] = [];
  for (let index = 0; index < segments.length; index += 2) {
    types.push(segments[index]);
    names.push(segments[index + 1]);
  }
  // A URL resolves `.` and `..` segments, so such a name would address another resource.
  if ([match[2], ...names].some(name => /^\.+$/.test(name))) {
    return undefined;
  }
  return {
    id: trimmed,
    subscriptionId: match[1].toLowerCase(),
    resourceGroup: match[2],
    type: `${match[3]}/${types.join('/')}`,
    names,
  };
}

/** Returns the id of the parent of a child resource, such as a subnet's virtual network. */
export function parentArmId(id: string): string | undefined {
  const parsed = parseArmId(id);
  if (!parsed || parsed.names.length < 2) {
    return undefined;
  }
  return parsed.id.split('/').slice(0, -2).join('/');
}

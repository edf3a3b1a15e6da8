/**
 * Returns the last name segment of an ARM id or an ARM template reference
 * expression, for matching sub-resource references such as
 * `.../applicationGateways/gw/sslProfiles/profile1` or
 * `[concat(variables('gwId'), '/sslProfiles/profile1')]`. Trailing slashes
 * are ignored, as {@link armIdKey} ignores them.
 *
 * @public
 */
export function lastIdSegment(id: string): string {
  const cleaned = id.trim().replace(/[\]\)'"\s/]+$/g, '');
  // Only the last segment is needed, so the id is not split whole: the
  // checks call this for every reference of gateways with hundreds of them.
  const start =
    Math.max(cleaned.lastIndexOf('/'), cleaned.lastIndexOf(',')) + 1;
  return cleaned.slice(start).replace(/^[\s'"(]+/, '');
}

/**
 * Compares two ARM ids. ARM ids are case-insensitive, and the same WAF policy
 * type is spelled `ApplicationGatewayWebApplicationFirewallPolicies` or in
 * lower case depending on the caller.
 *
 * @public
 */
export function sameArmId(
  a: string | undefined,
  b: string | undefined,
): boolean {
  if (a === undefined || b === undefined) {
    return false;
  }
  if (a === b) {
    return true;
  }

  return armIdKey(a) === armIdKey(b);
}

/**
 * Returns the form of an ARM id that {@link sameArmId} compares: lower case,
 * without trailing slashes. Ids with the same key are the same resource.
 *
 * @public
 */
export function armIdKey(id: string): string {
  return withoutTrailingSlashes(id).toLowerCase();
}

function withoutTrailingSlashes(id: string): string {
  let end = id.length;
  while (end > 0 && id.charCodeAt(end - 1) === 47 /* '/' */) {
    end -= 1;
  }
  return end === id.length ? id : id.slice(0, end);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Resource group names are 1 to 90 letters, digits, hyphens, underscores,
// periods and parentheses, and do not end with a period, as listed in
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
// NOTE: ARM also allows Unicode letters and digits in resource group names;
// this pattern accepts ASCII only, like the Azure source and the template.
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;

const PROVIDER_NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/;
const RESOURCE_TYPE = /^[A-Za-z][A-Za-z0-9]*$/;

// Letters, digits, hyphens, underscores and periods cover the names of AKS
// clusters, Application Gateways, WAF policies and Key Vaults. A name of only
// periods is rejected because a URL resolves `.` and `..` segments, so it
// would address another resource.
const RESOURCE_NAME = /^[-\w.]{1,260}$/;

// A second `providers` segment starts an extension resource, whose type is
// not the type of the resource before it.
function isResourceType(segment: string): boolean {
  return RESOURCE_TYPE.test(segment) && segment.toLowerCase() !== 'providers';
}

function isResourceName(segment: string): boolean {
  return RESOURCE_NAME.test(segment) && !/^\.+$/.test(segment);
}

/**
 * Tells whether a string is a well-formed ARM resource id with a subscription
 * GUID, a resource group, a provider namespace, and one or more type and name
 * pairs, such as a subnet's
 * `/subscriptions/<guid>/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet`.
 *
 * ARM ids are case-insensitive, so `subscriptions`, `resourceGroups`,
 * `providers`, the namespace and the types may be in any case; `az` prints
 * `resourcegroups` in some ids. Leading or trailing spaces or slashes, query
 * strings, URLs and extension resources (a second `providers` segment) are
 * rejected.
 *
 * @public
 */
export function isArmResourceId(value: string): boolean {
  const segments = value.split('/');
  if (segments.length < 9 || segments.length % 2 === 0) {
    return false;
  }

  const [empty, subscriptions, subscriptionId, resourceGroups, group] =
    segments;
  const [providers, namespace, ...typesAndNames] = segments.slice(5);
  if (
    empty !== '' ||
    subscriptions.toLowerCase() !== 'subscriptions' ||
    !GUID.test(subscriptionId) ||
    resourceGroups.toLowerCase() !== 'resourcegroups' ||
    !RESOURCE_GROUP.test(group) ||
    providers.toLowerCase() !== 'providers' ||
    !PROVIDER_NAMESPACE.test(namespace)
  ) {
    return false;
  }

  return typesAndNames.every((segment, index) =>
    index % 2 === 0 ? isResourceType(segment) : isResourceName(segment),
  );
}

/**
 * Returns the resource type of an ARM id, such as
 * `Microsoft.Network/applicationGateways`, or
 * `Microsoft.Network/virtualNetworks/subnets` for a subnet, in the case the id
 * spells it. Returns `undefined` when the id has no `providers` segment
 * followed by a namespace and type and name pairs. Only the part after the
 * last `providers` segment is read, so ids with a placeholder subscription,
 * as in API examples, still have a type.
 *
 * @public
 */
export function armIdType(id: string): string | undefined {
  const segments = id.replace(/\/+$/, '').split('/');
  const providersIndex = segments
    .map(segment => segment.toLowerCase())
    .lastIndexOf('providers');
  if (providersIndex < 0) {
    return undefined;
  }

  const [namespace, ...typesAndNames] = segments.slice(providersIndex + 1);
  if (
    !namespace ||
    typesAndNames.length === 0 ||
    typesAndNames.length % 2 !== 0 ||
    typesAndNames.some(segment => segment === '')
  ) {
    return undefined;
  }

  const types = typesAndNames.filter((_segment, index) => index % 2 === 0);
  return [namespace, ...types].join('/');
}

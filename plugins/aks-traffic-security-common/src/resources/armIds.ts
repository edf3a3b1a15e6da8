/**
 * Returns the last name segment of an ARM id or an ARM template reference
 * expression, for matching sub-resource references such as
 * `.../applicationGateways/gw/sslProfiles/profile1` or
 * `[concat(variables('gwId'), '/sslProfiles/profile1')]`.
 *
 * @public
 */
export function lastIdSegment(id: string): string {
  const cleaned = id.trim().replace(/[\]\)'"\s]+$/g, '');
  const segments = cleaned
    .split(/[/,]/)
    .map(segment => segment.replace(/^[\s'"(]+/, ''));
  return segments[segments.length - 1] ?? '';
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
  return (
    a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase()
  );
}

const ARM_ID_PATTERN =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w._()]{1,90}\/providers\/[A-Za-z]+\.[A-Za-z.]+\/[A-Za-z]+\/[-\w._]{1,260}(\/[A-Za-z]+\/[-\w._]{1,260})*$/;

/**
 * Tells whether a string is a well-formed ARM resource id with a subscription
 * GUID, a resource group, a provider namespace, a type and a name.
 *
 * @public
 */
export function isArmResourceId(value: string): boolean {
  return ARM_ID_PATTERN.test(value);
}

/**
 * Returns the resource type of an ARM id, for example
 * `Microsoft.Network/applicationGateways`, or `undefined` when it is not one.
 *
 * @public
 */
export function armIdType(id: string): string | undefined {
  const match = /\/providers\/([^/]+)\/([^/]+)\/[^/]+/i.exec(id);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

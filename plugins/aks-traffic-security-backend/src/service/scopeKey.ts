import { createHash } from 'crypto';
import { AssessmentScope } from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * Returns a digest of the scope that an entity's annotations give, so that a
 * stored assessment can tell whether it was made from the entity's current
 * annotations. Keys are sorted, so the digest does not depend on their order.
 */
export function scopeKeyOf(scope: AssessmentScope): string {
  return createHash('sha256').update(canonicalJson(scope)).digest('base64url');
}

/** Serializes a value as JSON with the keys of every object sorted and `undefined` values left out. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

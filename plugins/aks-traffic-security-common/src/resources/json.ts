import { JsonObject, JsonValue } from '../types';
import { memoizeBounded } from './memoizeBounded';

/** @public */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Checks read the same literal paths for every resource, so each is split once.
const pathKeys = memoizeBounded(path => path.split('.'));

/**
 * Reads a dotted property path (`properties.sslPolicy.policyName`) from a
 * JSON value. Returns `undefined` when any step is missing or not an object.
 *
 * @public
 */
export function getPath(value: unknown, path: string): JsonValue | undefined {
  let current: unknown = value;
  for (const key of pathKeys(path)) {
    if (!isJsonObject(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current as JsonValue | undefined;
}

/** Returns the value as an array of objects, dropping anything else. @public */
export function objectsAt(value: unknown, path: string): JsonObject[] {
  const found = getPath(value, path);
  return Array.isArray(found) ? found.filter(isJsonObject) : [];
}

/** Returns the strings of the array at a path, dropping anything else. @public */
export function stringsAt(value: unknown, path: string): string[] {
  const found = getPath(value, path);
  return Array.isArray(found)
    ? found.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Returns the value as a string, or `undefined` for any other type. @public */
export function stringAt(value: unknown, path: string): string | undefined {
  const found = getPath(value, path);
  return typeof found === 'string' ? found : undefined;
}

/**
 * Reads a boolean that may arrive as a JSON boolean or as a string, as AKS
 * add-on config values and Kubernetes annotations do. Parses the forms Go's
 * `strconv.ParseBool` accepts. Returns `undefined` when absent or unparsable.
 *
 * @public
 */
export function booleanAt(value: unknown, path: string): boolean | undefined {
  return parseBoolean(getPath(value, path));
}

/** @public */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) {
    return true;
  }
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) {
    return false;
  }
  return undefined;
}

/** Compares two optional strings case-insensitively. @public */
export function equalsIgnoreCase(
  a: string | undefined,
  b: string | undefined,
): boolean {
  return (
    a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase()
  );
}

/**
 * Looks up an object key case-insensitively, as ARM treats property names and
 * AKS add-on keys (`azureKeyvaultSecretsProvider` and `azureKeyVaultSecretsProvider`).
 *
 * @public
 */
export function getIgnoreCase(
  value: unknown,
  key: string,
): JsonValue | undefined {
  if (!isJsonObject(value)) {
    return undefined;
  }
  const wanted = key.toLowerCase();
  const match = Object.keys(value).find(name => name.toLowerCase() === wanted);
  return match === undefined ? undefined : value[match];
}

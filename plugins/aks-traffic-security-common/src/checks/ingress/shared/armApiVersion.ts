import { ArmResource } from '../../../types';

/** The ARM api-version a resource body was read or declared with. */
export interface ArmApiVersion {
  /** The api-version, such as `2023-11-01`, or `undefined` when unknown. */
  apiVersion?: string;
  /**
   * True when the body is an ARM template resource, which declares what to
   * deploy rather than showing what was read. A template never carries
   * read-only properties, and a property its api-version lacks cannot have
   * been set, so it takes the service default.
   */
  fromTemplate: boolean;
}

/**
 * Returns the api-version of a resource body: the one its read recorded, or
 * for an ARM template resource the one the template declares.
 */
export function armApiVersion(resource: ArmResource): ArmApiVersion {
  return {
    apiVersion: resource.origin.apiVersion,
    fromTemplate: resource.origin.format === 'arm-template',
  };
}

/**
 * Tells whether an api-version (`2023-11-01` or `2024-01-01-preview`) is the
 * given date or later. Returns `undefined` for a value that is not date-based.
 */
export function apiVersionAtLeast(
  apiVersion: string,
  minimum: string,
): boolean | undefined {
  const date = /^(\d{4}-\d{2}-\d{2})/.exec(apiVersion.trim());
  if (!date) {
    return undefined;
  }
  return date[1] >= minimum;
}

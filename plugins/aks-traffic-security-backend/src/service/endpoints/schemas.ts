import {
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import { z } from 'zod';
import {
  FLEET_SORT_FIELDS,
  FLOWS,
  SEVERITIES,
  VERDICT_ORDER,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

// These schemas follow the parameters of src/schema/openapi.yaml; keep both in step.
// The query schemas are strict, so that a misspelt parameter is rejected
// instead of being ignored.

/** Reads a string that passes `isValid`, with `expected` as the message otherwise. */
function validString(isValid: (value: string) => boolean, expected: string) {
  return z
    .string({ error: expected })
    .refine(isValid, { error: expected, abort: true });
}

/**
 * The `{kind}/{namespace}/{name}` path of the entity endpoints, in the forms
 * the catalog's default entity policy accepts. The catalog compares entity
 * references without regard to case, so the namespace may be upper case too.
 * NOTE: a catalog configured with other validators may hold entities whose
 * names these forms reject.
 */
export const entityPathSchema = z.object({
  kind: validString(
    KubernetesValidatorFunctions.isValidKind,
    'expected an entity kind of 1 to 63 letters and digits, starting with a letter',
  ),
  namespace: validString(
    value =>
      KubernetesValidatorFunctions.isValidNamespace(
        value.toLocaleLowerCase('en-US'),
      ),
    "expected an entity namespace of 1 to 63 letters, digits and '-', starting and ending with a letter or digit",
  ),
  name: validString(
    KubernetesValidatorFunctions.isValidObjectName,
    "expected an entity name of 1 to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
  ),
});

/** The query of the entity endpoints that read no query parameter. */
export const noQuerySchema = z.strictObject({});

/**
 * The largest `offset` of a page: far more rows than a fleet or one entity's
 * history has. Offsets past 2^53 lose precision as JavaScript numbers, and
 * past 2^63 overflow the databases' integers.
 */
export const MAX_OFFSET = 1_000_000;

/**
 * Reads a query parameter of decimal digits as a whole number from `min` to
 * `max`. Forms that JavaScript would also read as numbers, such as `1e2` or
 * `0x10`, are rejected, and so is a parameter given twice. Leading zeros
 * are allowed, and 16 digits past them keep the number exact.
 */
function wholeNumber(min: number, max: number, defaultValue: number) {
  const expected = `expected a whole number from ${min} to ${max}`;
  return z
    .string({ error: expected })
    .regex(/^0*\d{1,16}$/, { error: expected })
    .transform(Number)
    .pipe(
      z.number().min(min, { error: expected }).max(max, { error: expected }),
    )
    .default(defaultValue);
}

const offsetSchema = wholeNumber(0, MAX_OFFSET, 0);

/** `limit` and `offset` of the history endpoint. */
export const historyPageSchema = z.strictObject({
  limit: wholeNumber(1, 100, 20),
  offset: offsetSchema,
});

/** Reads one of `values`, with an error message that lists them. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.join(', ')}` });
}

/**
 * Reads a query parameter given once, several times, or as a
 * comma-separated list. `expected` describes the accepted forms, for a
 * value of another type, such as the object that `name[key]=value` gives.
 */
function listOf<T extends z.ZodType<unknown, string>>(
  item: T,
  expected: string,
) {
  return z
    .union([z.string(), z.array(z.string())], { error: expected })
    .transform(value =>
      [value]
        .flat()
        .flatMap(part => part.split(','))
        .map(part => part.trim())
        .filter(part => part !== ''),
    )
    .pipe(z.array(item));
}

/** Reads an entity reference with a default kind, in the lower-case form the store keeps. */
function entityRefOfKind(defaultKind: string) {
  const expected = `expected an entity reference such as ${defaultKind}:default/name`;
  return z.string({ error: expected }).transform((value, context) => {
    try {
      const ref = parseEntityRef(value, {
        defaultKind,
        defaultNamespace: 'default',
      });
      return `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase(
        'en-US',
      );
    } catch {
      context.addIssue({
        code: 'custom',
        message: expected,
        input: value,
      });
      return z.NEVER;
    }
  });
}

/** The filters and order shared by the fleet summary and its export. */
export const fleetFilterSchema = z.strictObject({
  owner: listOf(
    entityRefOfKind('group'),
    'expected an entity reference or a list of them',
  ).optional(),
  system: listOf(
    entityRefOfKind('system'),
    'expected an entity reference or a list of them',
  ).optional(),
  // Empty, like an empty list filter, filters nothing.
  cluster: z
    .string({ error: 'expected a cluster name or ARM id' })
    .trim()
    .transform(value => value || undefined)
    .optional(),
  flow: oneOf(FLOWS as [string, ...string[]]).optional(),
  verdict: listOf(
    oneOf(VERDICT_ORDER as [string, ...string[]]),
    'expected a verdict or a list of them',
  ).optional(),
  severity: oneOf(SEVERITIES).optional(),
  sort: oneOf(FLEET_SORT_FIELDS).default('entityRef'),
  order: oneOf(['asc', 'desc']).default('asc'),
});

/** The query of `GET /fleet`. */
export const fleetQuerySchema = fleetFilterSchema.extend({
  limit: wholeNumber(1, 500, 50),
  offset: offsetSchema,
});

/** The query of `GET /fleet/export`. */
export const fleetExportQuerySchema = fleetFilterSchema.extend({
  format: oneOf(['csv', 'json']).default('csv'),
});

/**
 * The query of `GET /fleet/trend`: the fleet filters and the number of days.
 * The trend has no order, so `sort` and `order` are not read.
 */
export const fleetTrendQuerySchema = fleetFilterSchema
  .omit({ sort: true, order: true })
  .extend({
    // 90 days is the default history retention.
    days: wholeNumber(1, 90, 30),
  });

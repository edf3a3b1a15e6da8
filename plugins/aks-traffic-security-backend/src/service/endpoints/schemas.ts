import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import {
  FLOWS,
  VERDICT_ORDER,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

// These schemas follow the parameters of src/schema/openapi.yaml; keep both in step.

/** The `{kind}/{namespace}/{name}` path of the entity endpoints. */
export const entityPathSchema = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

/**
 * The largest `offset` of a page: far more rows than a fleet or one entity's
 * history has. Offsets past 2^53 lose precision as JavaScript numbers, and
 * past 2^63 overflow the databases' integers.
 */
export const MAX_OFFSET = 1_000_000;

/**
 * Reads a query parameter of decimal digits as a whole number from `min` to
 * `max`. Forms that JavaScript would also read as numbers, such as `1e2` or
 * `0x10`, are rejected, and so is a parameter given twice.
 */
function wholeNumber(min: number, max: number, defaultValue: number) {
  const expected = `expected a whole number from ${min} to ${max}`;
  return z
    .string({ error: expected })
    .regex(/^\d{1,16}$/, { error: expected })
    .transform(Number)
    .pipe(
      z.number().min(min, { error: expected }).max(max, { error: expected }),
    )
    .default(defaultValue);
}

const offsetSchema = wholeNumber(0, MAX_OFFSET, 0);

/** `limit` and `offset` of the history endpoint. */
export const historyPageSchema = z.object({
  limit: wholeNumber(1, 100, 20),
  offset: offsetSchema,
});

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

const SORT_FIELDS = [
  'entityRef',
  'title',
  'owner',
  'system',
  'cluster',
  'verdict',
  'evaluatedAt',
] as const;

/** Reads a query parameter given once, several times, or as a comma-separated list. */
function listOf<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
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
  return z.string().transform((value, context) => {
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
        code: z.ZodIssueCode.custom,
        message: `expected an entity reference such as ${defaultKind}:default/name, got '${value}'`,
      });
      return z.NEVER;
    }
  });
}

/** The filters and order shared by the fleet summary and its export. */
export const fleetFilterSchema = z.object({
  owner: listOf(entityRefOfKind('group')).optional(),
  system: listOf(entityRefOfKind('system')).optional(),
  cluster: z.string().trim().min(1).optional(),
  flow: z.enum(FLOWS as [string, ...string[]]).optional(),
  verdict: listOf(z.enum(VERDICT_ORDER as [string, ...string[]])).optional(),
  severity: z.enum(SEVERITIES).optional(),
  sort: z.enum(SORT_FIELDS).default('entityRef'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** The query of `GET /fleet`. */
export const fleetQuerySchema = fleetFilterSchema.extend({
  limit: wholeNumber(1, 500, 50),
  offset: offsetSchema,
});

/** The query of `GET /fleet/export`. */
export const fleetExportQuerySchema = fleetFilterSchema.extend({
  format: z.enum(['csv', 'json']).default('csv'),
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

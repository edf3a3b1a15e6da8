import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** The longest received value quoted in an error message. */
const MAX_QUOTED_LENGTH = 100;

/** The maximum number of unknown parameters named in one error message. */
const MAX_UNKNOWN_NAMES = 10;

/**
 * Validates a part of a request with a zod schema. Throws an `InputError`
 * that names each invalid parameter, what it expects and what it received.
 * An unknown parameter, which a strict object schema rejects, is named with
 * the parameters the schema accepts.
 */
export function parseRequest<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  part: 'path' | 'query',
): z.infer<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) {
    return result.data;
  }

  const received = value as Record<string, unknown> | undefined;
  const problems = result.error.issues.flatMap(issue => {
    if (issue.code === 'unrecognized_keys') {
      return describeUnknownKeys(issue.keys, schema, part);
    }

    if (issue.path.length === 0) {
      return [`invalid ${part}: ${issue.message}`];
    }

    // An item of a list parameter is reported under the parameter's name,
    // with the item as the value. A parameter otherwise gets the value as
    // received, before any transform.
    const name = String(issue.path[0]);
    const got = issue.path.length === 1 ? received?.[name] : issue.input;
    return [
      `invalid ${part} parameter ${quote(name)}: ${issue.message}${
        got === undefined ? '' : `, got ${quoteValue(got)}`
      }`,
    ];
  });
  throw new InputError(`Invalid request, ${problems.join('; ')}`);
}

function describeUnknownKeys(
  keys: string[],
  schema: z.ZodTypeAny,
  part: 'path' | 'query',
): string[] {
  const accepted =
    schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const expected =
    accepted.length > 0
      ? `expected one of ${accepted.join(', ')}`
      : `expected no ${part} parameters`;

  const problems = keys
    .slice(0, MAX_UNKNOWN_NAMES)
    .map(
      key =>
        `invalid ${part} parameter ${quote(key)}: unknown parameter, ${expected}`,
    );
  if (keys.length > MAX_UNKNOWN_NAMES) {
    problems.push(
      `${keys.length - MAX_UNKNOWN_NAMES} more unknown ${part} parameters`,
    );
  }
  return problems;
}

/** Describes a received value for an error message: a string quoted, anything else as JSON. */
function quoteValue(value: unknown): string {
  if (typeof value === 'string') {
    return quote(value);
  }
  return truncate(JSON.stringify(value) ?? String(value));
}

/**
 * Quotes a string in single quotes, escaping quotes, backslashes and
 * control characters, so that a name or value with any of them reads
 * unambiguously.
 */
function quote(text: string): string {
  const escaped = truncate(text).replace(
    // Matching control characters is the purpose of this pattern.
    // eslint-disable-next-line no-control-regex
    /['\\\u0000-\u001f\u007f]/g,
    character =>
      character === "'" || character === '\\'
        ? `\\${character}`
        : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `'${escaped}'`;
}

function truncate(text: string): string {
  return text.length > MAX_QUOTED_LENGTH
    ? `${text.slice(0, MAX_QUOTED_LENGTH)}...`
    : text;
}

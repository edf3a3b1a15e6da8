import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** The longest received value quoted in an error message. */
const MAX_QUOTED_LENGTH = 100;

/**
 * Validates a part of a request with a zod schema. Throws an `InputError`
 * that names each invalid parameter, what it expects and what it received.
 */
export function parseRequest<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  part: 'path' | 'query',
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }

  const received = value as Record<string, unknown>;
  const problems = result.error.issues.map(issue => {
    const name = issue.path.join('.');
    if (!name) {
      return `invalid ${part}: ${issue.message}`;
    }

    // Custom issues quote the value themselves.
    const quoted =
      issue.code === 'custom' ? '' : quote(received?.[String(issue.path[0])]);
    return `invalid ${part} parameter '${name}': ${issue.message}${quoted}`;
  });
  throw new InputError(`Invalid request, ${problems.join('; ')}`);
}

/** Describes a received parameter for an error message: `, got '...'`. */
function quote(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const excerpt =
    text.length > MAX_QUOTED_LENGTH
      ? `${text.slice(0, MAX_QUOTED_LENGTH)}...`
      : text;
  return typeof value === 'string' ? `, got '${excerpt}'` : `, got ${excerpt}`;
}

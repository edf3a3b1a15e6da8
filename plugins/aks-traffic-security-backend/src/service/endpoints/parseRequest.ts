import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Validates a part of a request with a zod schema. Throws an `InputError`
 * that names each invalid parameter and what it expects.
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

  const problems = result.error.issues.map(issue => {
    const name = issue.path.join('.');
    return name
      ? `invalid ${part} parameter '${name}': ${issue.message}`
      : `invalid ${part}: ${issue.message}`;
  });
  throw new InputError(`Invalid request, ${problems.join('; ')}`);
}

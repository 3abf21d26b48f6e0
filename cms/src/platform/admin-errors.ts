import { errors } from '@strapi/utils';
import type { z } from 'zod';

/**
 * Admin requests are checked with zod at the edge. A refusal is Strapi's ValidationError (400 in
 * Strapi's error shape), one entry per field; messages are written "svenska / English".
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
    name: 'ValidationError',
  }));
  throw new errors.ValidationError(problems[0].message, { errors: problems });
}

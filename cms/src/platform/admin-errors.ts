import { errors } from '@strapi/utils';
import type { z } from 'zod';

/**
 * The one error style of the project's admin APIs (the guides' workspace, the register care and
 * the newsletter): Strapi's own error classes, so Strapi's error middleware answers in its usual
 * shape (`{ data: null, error: { status, name, message, details } }`). The message reads
 * "svenska / English"; `details.messages` holds the two apart for the admin panel to choose, and a
 * refused body lists its fields in `details.errors` (path and message, one per field).
 */
export type Messages = { sv: string; en: string };

/** A message in the admin style: Swedish, then English. */
export const bilingual = (messages: Messages) => `${messages.sv} / ${messages.en}`;

/** The two halves of a message written "svenska / English", or null for one that is not. */
export function splitBilingual(text: string): Messages | null {
  const at = text.indexOf(' / ');
  if (at <= 0) return null;
  const [sv, en] = [text.slice(0, at).trim(), text.slice(at + 3).trim()];
  return sv && en ? { sv, en } : null;
}

/** How a message names a field that has no label of its own: its path, dotted. */
export const fieldPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

const invalid = (messages: Messages, details: Record<string, unknown> = {}) =>
  new errors.ValidationError(bilingual(messages), { messages, ...details });

export const refuse = {
  /** 400: the request cannot be done as asked. */
  invalid,
  /** 400 on one field: the refusal and the field's message say the same, as the Content Manager marks it. */
  onField: (field: string, messages: Messages, details: Record<string, unknown> = {}) =>
    invalid(messages, {
      ...details,
      errors: [{ path: [field], message: bilingual(messages), name: 'ValidationError' }],
    }),
  /**
   * 403: this user's role may not do it. Thrown as a PolicyError: Strapi's authorize step turns any
   * other ForbiddenError from a handler into a bare "Forbidden", and the user is owed the reason.
   */
  forbidden: (messages: Messages) =>
    Object.assign(new errors.PolicyError(bilingual(messages), { messages }), { name: 'ForbiddenError' }),
  /** 404: no such thing (or none this user may see). */
  notFound: (messages: Messages) => new errors.NotFoundError(bilingual(messages), { messages }),
};

/**
 * What a field is told when its schema wrote no message of its own: zod's defaults are English
 * and read like code ("Invalid input: expected array, received undefined"). A message written on
 * the schema wins over this one. (Strapi's own checks, yup's, are worded in plain-validation.ts.)
 */
function plainIssue(issue: { code?: string; input?: unknown; path?: PropertyKey[] }): string {
  const field = issue.path?.length ? ` (${fieldPath(issue.path)})` : '';
  const [sv, en] =
    issue.code === 'invalid_type' && issue.input === undefined
      ? ['Fältet saknas', 'The field is missing']
      : issue.code === 'too_small'
        ? ['För kort eller för litet', 'Too short or too small']
        : issue.code === 'too_big'
          ? ['För långt eller för stort', 'Too long or too large']
          : issue.code === 'unrecognized_keys'
            ? ['Okänt fält', 'Unknown field']
            : ['Ogiltigt värde', 'Invalid value'];
  return `${sv}${field}. / ${en}${field}.`;
}

/**
 * Checks admin input with zod at the edge. Schemas whose messages are written "svenska / English"
 * refuse with the first field's message; `messages` gives the refusal one message of its own.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  messages?: Messages,
): z.output<S> {
  const result = schema.safeParse(input, { error: plainIssue });
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
    name: 'ValidationError',
  }));
  // Without a message of its own, the refusal is its first field's, kept apart by language too.
  const own = messages ?? splitBilingual(fields[0].message);
  if (own) throw refuse.invalid(own, { errors: fields });
  throw new errors.ValidationError(fields[0].message, { errors: fields });
}

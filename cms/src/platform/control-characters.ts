import type { Core, Modules } from '@strapi/strapi';
import { hasControlCharacters } from '@tasteget/shared';
import { refuse } from './admin-errors';
import { contentManagerRequest } from './request-user';

/**
 * Text saved in the Content Manager holds no control characters but tab and line breaks, as the
 * portal's forms hold theirs (shared/src/forms/fields.ts): PostgreSQL refuses NUL in text (a 500
 * there, stored as it is on SQLite), and none of them belongs in a name, a story or a note. Any
 * field's text counts, in components and dynamic zones too; the refusal names the top field.
 */
const MESSAGES = {
  sv: 'Texten innehåller osynliga styrtecken som inte kan sparas. Skriv in texten på nytt, eller klistra in den som oformaterad text.',
  en: 'The text contains invisible control characters that cannot be saved. Type the text again, or paste it as plain text.',
};

const holdsControlCharacters = (value: unknown): boolean =>
  typeof value === 'string'
    ? hasControlCharacters(value)
    : typeof value === 'object' && value !== null && Object.values(value).some(holdsControlCharacters);

export function installControlCharacterRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.action !== 'create' && context.action !== 'update') return next();
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!data || !contentManagerRequest(strapi)) return next();
    const fields = Object.keys(data).filter((field) => holdsControlCharacters(data[field]));
    if (fields.length === 0) return next();
    throw refuse.invalid(MESSAGES, {
      errors: fields.map((field) => ({
        path: [field],
        message: `${MESSAGES.sv} / ${MESSAGES.en}`,
        name: 'ValidationError',
      })),
    });
  };
  strapi.documents.use(rule);
}

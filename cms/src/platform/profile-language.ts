import type { Context, Next } from 'koa';
import { refuse } from './admin-errors';

/**
 * The admin speaks Swedish and English (admin/app.tsx), and a user's profile language decides
 * which one every answer comes in (asked-language.ts). Strapi's profile route stores any value:
 * one it does not speak left the user with answers in both languages and Strapi's screens in
 * English. A profile save naming another language is refused on the field.
 */
const LANGUAGES = new Set(['sv', 'en']);
const MESSAGES = {
  sv: 'Välj svenska eller engelska som gränssnittets språk.',
  en: "Choose Swedish or English as the interface's language.",
};

export default () => async (ctx: Context, next: Next) => {
  // Every spelling the router takes to the route.
  if (ctx.method === 'PUT' && ctx.path.toLowerCase().replace(/\/+$/, '') === '/admin/users/me') {
    const body = (ctx.request as { body?: unknown }).body;
    const language =
      typeof body === 'object' && body !== null
        ? (body as { preferedLanguage?: unknown }).preferedLanguage
        : undefined;
    // None (the profile's "choose" left empty) is Strapi's default, as before.
    if (language !== undefined && language !== null && language !== '' && !LANGUAGES.has(String(language))) {
      throw refuse.onField('preferedLanguage', MESSAGES);
    }
  }
  await next();
};

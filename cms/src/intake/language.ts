import type { Context } from 'koa';
import { LOCALES, type Locale } from '@tasteget/shared';

/**
 * The visitor's language: the form's `language` field when it is valid, otherwise the first
 * of sv/en in Accept-Language, otherwise Swedish.
 */
export function visitorLanguage(ctx: Context, bodyLanguage?: unknown): Locale {
  if (typeof bodyLanguage === 'string' && (LOCALES as readonly string[]).includes(bodyLanguage)) {
    return bodyLanguage as Locale;
  }
  const accepted = ctx.acceptsLanguages([...LOCALES]);
  return accepted === 'en' ? 'en' : 'sv';
}

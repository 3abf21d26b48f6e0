import type { Context } from 'koa';
import { LOCALES, type Locale } from '@tasteget/shared';
import { rankedLanguages } from '../platform/asked-language';

/**
 * The visitor's language: the form's `language` field when it is valid, otherwise the first
 * of sv/en the Accept-Language header asks for (by primary language: `sv-SE, en` is Swedish),
 * otherwise Swedish.
 */
export function visitorLanguage(ctx: Context, bodyLanguage?: unknown): Locale {
  if (typeof bodyLanguage === 'string' && (LOCALES as readonly string[]).includes(bodyLanguage)) {
    return bodyLanguage as Locale;
  }
  const asked = rankedLanguages(ctx.get('Accept-Language')).find((language) =>
    (LOCALES as readonly string[]).includes(language),
  );
  return asked === 'en' ? 'en' : 'sv';
}

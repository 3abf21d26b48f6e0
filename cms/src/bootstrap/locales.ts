import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, LOCALES } from '@tasteget/shared';

const LOCALE_NAMES: Record<string, string> = { sv: 'Svenska (sv)', en: 'English (en)' };

/** Swedish is the default locale and English the second; i18n creates only `en` by itself. */
export async function ensureLocales(strapi: Core.Strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  const existing: { code: string }[] = await locales.find();
  for (const code of LOCALES) {
    if (!existing.some((l) => l.code === code)) {
      await locales.create({ code, name: LOCALE_NAMES[code] ?? code });
    }
  }
  if ((await locales.getDefaultLocale()) !== DEFAULT_LOCALE) {
    await locales.setDefaultLocale({ code: DEFAULT_LOCALE });
  }
}

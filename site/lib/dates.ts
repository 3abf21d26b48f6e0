import type { Locale } from '@tasteget/shared/browser';

/** Dates as visitors read them: in their language, in Stockholm time. */
export function dateFormat(locale: Locale, style: 'date' | 'dateTime'): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    ...(style === 'date' ? { dateStyle: 'long' } : { dateStyle: 'full', timeStyle: 'short' }),
    timeZone: 'Europe/Stockholm',
  });
}

import { stockholmOffset, TIME_ZONE, type Locale } from '@tasteget/shared/browser';

/** Something that formats a date for the page; `Intl.DateTimeFormat` is one. */
export interface DateFormat {
  format(date: Date): string;
}

/**
 * Dates as visitors read them: in their language, in Stockholm time. A time of day names its
 * time zone, since events (webinars above all) are read by people who live elsewhere: in Swedish
 * as "svensk tid", in English with the offset a reader abroad can count from ("GMT+1").
 */
export function dateFormat(locale: Locale, style: 'date' | 'dateTime'): DateFormat {
  const intlLocale = locale === 'sv' ? 'sv-SE' : 'en-GB';
  if (style === 'date')
    return new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: TIME_ZONE });
  const when = new Intl.DateTimeFormat(intlLocale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  });
  return {
    format: (date) =>
      locale === 'sv'
        ? `${when.format(date)} (svensk tid)`
        : `${when.format(date)} Swedish time (${stockholmOffset(date)})`,
  };
}

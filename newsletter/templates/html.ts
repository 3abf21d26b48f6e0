import escapeHtml from 'escape-html';
import { TIME_ZONE, type Locale } from '@tasteget/shared';
import { STRINGS } from './strings';

/** CMS text is never markup: escaped, with its line breaks kept as paragraphs and <br>. */
export function text(value: string): string {
  return escapeHtml(value.replace(/\r\n?/g, '\n').trim())
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\n/g, '<br />'))
    .join('<br /><br />');
}

/** For attributes (href, src, alt, title) and one-line text. */
export function attr(value: string): string {
  return escapeHtml(value);
}

/**
 * Links in mail must be absolute: site-relative CMS links ("/berattelser/…") are resolved against
 * the portal. Anything but http(s) (javascript:, data:) is refused.
 */
export function absoluteUrl(url: string, siteUrl: string): string {
  const resolved = new URL(url, `${siteUrl.replace(/\/+$/, '')}/`);
  if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') {
    throw new Error(`Länken måste börja med https:// eller /: ${url}`);
  }
  return resolved.toString();
}

/** "lördag 14 juni 2025 kl. 13:00" / "Saturday 14 June 2025, 13:00", in Stockholm time. */
export function formatDateTime(iso: string, language: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Ogiltigt datum: ${iso}`);
  return new Intl.DateTimeFormat(STRINGS[language].dateLocale, {
    timeZone: TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function formatTime(iso: string, language: Locale): string {
  return new Intl.DateTimeFormat(STRINGS[language].dateLocale, {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

import {
  portalRoute,
  type Locale,
  type MunicipalitySlug,
  type PortalSection,
} from '@tasteget/shared/browser';
import { publishedSlug, type ItemSection } from './cms';

/** The portal's addresses live in shared/ (the CMS links to the same pages from mail and previews). */
export type Section = PortalSection;
export const route = portalRoute;

/**
 * The registration form, with the municipality the page is about ticked (`?kommun=`): a visitor
 * who registers from Åre's page is answered by Åre's guide, not by the region's. From a place
 * ambassador's card, the message already asks for that ambassador (`?ambassador=`, a public name).
 */
export function registerRoute(
  locale: Locale,
  municipality?: MunicipalitySlug,
  options: { ambassador?: string } = {},
): string {
  const query = new URLSearchParams({
    ...(municipality ? { kommun: municipality } : {}),
    ...(options.ambassador ? { ambassador: options.ambassador } : {}),
  }).toString();
  return query ? `${route('register', locale)}?${query}` : route('register', locale);
}

/** A page's address in each language it exists in; the page's own language is always there. */
export type Alternates = Partial<Record<Locale, string>>;

/** A section page (a list, a form): it exists in both languages. */
export function alternates(section: Section, slug?: string): Record<Locale, string> {
  return { sv: route(section, 'sv', slug), en: route(section, 'en', slug) };
}

/**
 * One item's page (a story, an article…): in its own language, and in the other only when a
 * translation is published there, under the translation's slug. Not every item is translated.
 */
export function itemAlternates(
  section: Section,
  locale: Locale,
  slug: string,
  translatedSlug: string | undefined,
): Alternates {
  const other = otherLocale(locale);
  const own = route(section, locale, slug);
  const translated = translatedSlug ? route(section, other, translatedSlug) : undefined;
  return locale === 'sv' ? { sv: own, en: translated } : { sv: translated, en: own };
}

/** An item's alternates, as the CMS has it published now. */
export async function translatedAlternates(
  section: ItemSection,
  locale: Locale,
  item: { documentId: string; slug: string },
): Promise<Alternates> {
  const translated = await publishedSlug(section, otherLocale(locale), item.documentId);
  return itemAlternates(section, locale, item.slug, translated);
}

export const otherLocale = (locale: Locale): Locale => (locale === 'sv' ? 'en' : 'sv');

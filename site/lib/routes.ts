import { portalRoute, type Locale, type PortalSection } from '@tasteget/shared/browser';

/** The portal's addresses live in shared/ (the CMS links to the same pages from mail and previews). */
export type Section = PortalSection;
export const route = portalRoute;

/** The same page in the other language. */
export function alternates(section: Section, slug?: string): Record<Locale, string> {
  return { sv: route(section, 'sv', slug), en: route(section, 'en', slug) };
}

export const otherLocale = (locale: Locale): Locale => (locale === 'sv' ? 'en' : 'sv');

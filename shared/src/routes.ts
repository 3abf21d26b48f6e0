import type { Locale } from './labels';

/** The programme's public address for questions, including a person's requests about their data. */
export const PROGRAMME_EMAIL = 'info@tasteget.nu';

/**
 * Every portal page's address in both languages, in one place: the portal's links, canonical URLs
 * and hreflang alternates, and the links the CMS puts in mail and previews, all come from here.
 */
export const PORTAL_SECTIONS = {
  home: { sv: '/', en: '/en/' },
  stories: { sv: '/berattelser/', en: '/en/stories/' },
  storyThemes: { sv: '/berattelser/tema/', en: '/en/stories/theme/' },
  municipalities: { sv: '/kommuner/', en: '/en/municipalities/' },
  magazine: { sv: '/tidningen/', en: '/en/magazine/' },
  news: { sv: '/nyheter/', en: '/en/news/' },
  events: { sv: '/evenemang/', en: '/en/events/' },
  ambassadors: { sv: '/ambassadorer/', en: '/en/ambassadors/' },
  coworking: { sv: '/coworking/', en: '/en/coworking/' },
  register: { sv: '/registrering/', en: '/en/register/' },
  newsletter: { sv: '/nyhetsbrev/', en: '/en/newsletter/' },
  search: { sv: '/sok/', en: '/en/search/' },
  accessibility: { sv: '/tillganglighet/', en: '/en/accessibility/' },
  privacy: { sv: '/integritet/', en: '/en/privacy/' },
} as const satisfies Record<string, Record<Locale, string>>;
export type PortalSection = keyof typeof PORTAL_SECTIONS;

/** A portal page's site-relative address: a section, or one of its pages by slug. */
export function portalRoute(section: PortalSection, locale: Locale, slug?: string): string {
  const base = PORTAL_SECTIONS[section][locale];
  return slug ? `${base}${slug}/` : base;
}

/** The id of an event page's sign-up form, the target of an invitation's "sign up" link. */
export const EVENT_SIGN_UP_ANCHOR = 'anmalan';

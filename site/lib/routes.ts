import type { Locale } from '@tasteget/shared/browser';

/**
 * Every page's address in both languages, in one place: links, canonical URLs and the hreflang
 * alternates all come from here.
 */
const SECTIONS = {
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
} as const;
export type Section = keyof typeof SECTIONS;

export function route(section: Section, locale: Locale, slug?: string): string {
  const base = SECTIONS[section][locale];
  return slug ? `${base}${slug}/` : base;
}

/** The same page in the other language. */
export function alternates(section: Section, slug?: string): Record<Locale, string> {
  return { sv: route(section, 'sv', slug), en: route(section, 'en', slug) };
}

export const otherLocale = (locale: Locale): Locale => (locale === 'sv' ? 'en' : 'sv');

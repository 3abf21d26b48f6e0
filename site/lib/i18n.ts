import type { Locale } from '@tasteget/shared';

/** Interface texts of the portal, Swedish first. */
export const UI = {
  sv: {
    siteName: 'Ta Steget – Jämtland Härjedalen',
    tagline: 'Flytta till Jämtland Härjedalen. Vi hjälper dig att ta steget.',
    stories: 'Berättelser från inflyttare',
    noStories: 'Inga berättelser är publicerade än.',
    skipToContent: 'Hoppa till innehållet',
    otherLanguage: { label: 'English', href: '/en/' },
  },
  en: {
    siteName: 'Ta Steget – Jämtland Härjedalen',
    tagline: 'Move to Jämtland Härjedalen. We help you take the step.',
    stories: 'Stories of people who moved here',
    noStories: 'No stories have been published yet.',
    skipToContent: 'Skip to content',
    otherLanguage: { label: 'Svenska', href: '/' },
  },
} as const satisfies Record<Locale, unknown>;

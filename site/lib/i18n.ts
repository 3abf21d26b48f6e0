import type { Locale } from '@tasteget/shared/browser';

/** Interface texts of the portal, Swedish first. */
export const UI = {
  sv: {
    siteName: 'Ta Steget – Jämtland Härjedalen',
    tagline: 'Flytta till Jämtland Härjedalen. Vi hjälper dig att ta steget.',
    stories: 'Berättelser från inflyttare',
    storiesIntro: 'Människor som har flyttat hit berättar om jobb, boende, familj och vardag.',
    noStories: 'Inga berättelser är publicerade än.',
    municipalities: 'Länets åtta kommuner',
    magazine: 'Magasinet Ta Steget',
    magazineIntro:
      'Vårt årliga magasin om livet i Jämtland Härjedalen. Läs det som pdf eller beställ det hem, gratis.',
    orderMagazine: 'Beställ magasinet',
    readPdf: 'Läs som pdf',
    guide: 'Din flyttvägledare',
    callToRegister:
      'Funderar du på att flytta hit? Registrera dig så hör en flyttvägledare av sig inom fem arbetsdagar.',
    search: 'Sök',
    searchIntro: 'Sök bland berättelser och kommuner.',
    notFound: 'Sidan finns inte',
    notFoundBody: 'Sidan du letar efter finns inte, eller har flyttat. Börja från startsidan eller sök.',
    movedFrom: 'Flyttade från',
    skipToContent: 'Hoppa till innehållet',
    footer: 'Ta Steget drivs av Region Jämtland Härjedalen tillsammans med länets åtta kommuner.',
    accessibility: { label: 'Tillgänglighetsredogörelse', href: '/tillganglighet/' },
    nav: {
      label: 'Huvudmeny',
      stories: 'Berättelser',
      municipalities: 'Kommuner',
      magazine: 'Magasinet',
      newsletter: 'Nyhetsbrev',
      search: 'Sök',
      register: 'Registrera dig',
    },
    otherLanguage: { label: 'English', href: '/en/' },
  },
  en: {
    siteName: 'Ta Steget – Jämtland Härjedalen',
    tagline: 'Move to Jämtland Härjedalen. We help you take the step.',
    stories: 'Stories of people who moved here',
    storiesIntro: 'People who moved here tell about work, housing, family and everyday life.',
    noStories: 'No stories have been published yet.',
    municipalities: "The county's eight municipalities",
    magazine: 'The Ta Steget magazine',
    magazineIntro:
      'Our yearly magazine about life in Jämtland Härjedalen. Read it as a PDF or order it home, free of charge.',
    orderMagazine: 'Order the magazine',
    readPdf: 'Read as PDF',
    guide: 'Your relocation guide',
    callToRegister:
      'Thinking of moving here? Register and a relocation guide will contact you within five business days.',
    search: 'Search',
    searchIntro: 'Search the stories and municipalities.',
    notFound: 'Page not found',
    notFoundBody:
      'The page you are looking for does not exist or has moved. Start from the home page or search.',
    movedFrom: 'Moved from',
    skipToContent: 'Skip to content',
    footer:
      'Ta Steget is run by Region Jämtland Härjedalen together with the eight municipalities of the county.',
    accessibility: { label: 'Accessibility statement', href: '/en/accessibility/' },
    nav: {
      label: 'Main menu',
      stories: 'Stories',
      municipalities: 'Municipalities',
      magazine: 'Magazine',
      newsletter: 'Newsletter',
      search: 'Search',
      register: 'Register',
    },
    otherLanguage: { label: 'Svenska', href: '/' },
  },
} as const satisfies Record<Locale, unknown>;

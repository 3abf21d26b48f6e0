import type { CampaignAudience, Locale } from '@tasteget/shared';

/** Every fixed text in a newsletter, Swedish and English (the campaign's language). */
export const STRINGS = {
  sv: {
    brand: 'Ta Steget',
    tagline: 'Flytta till Jämtland Härjedalen',
    readStory: 'Läs berättelsen',
    readArticle: 'Läs mer',
    eventDetails: 'Om evenemanget',
    signUp: 'Anmäl dig',
    when: 'När',
    where: 'Var',
    orderMagazine: 'Beställ magasinet',
    readMagazine: 'Läs magasinet',
    magazine: 'Magasinet Ta Steget',
    unsubscribe: 'Avsluta prenumerationen',
    unsubscribeContact: 'Jag vill inte få fler utskick',
    reason: {
      subscribers: (municipality: string) =>
        `Du får det här brevet eftersom du prenumererar på nyhetsbrevet från Ta Steget om ${municipality}.`,
      contacts: (municipality: string) =>
        `Du får det här utskicket eftersom du har anmält intresse för att flytta till ${municipality} och samtyckt till att vi kontaktar dig.`,
      network: (municipality: string) =>
        `Du får det här utskicket eftersom du ingår i Ta Stegets nätverk i ${municipality} och samtyckt till att vi kontaktar dig.`,
    },
    greeting: (name: string | null) => (name ? `Hej ${name}!` : 'Hej!'),
    region: 'Jämtland Härjedalen',
    dateLocale: 'sv-SE',
  },
  en: {
    brand: 'Ta Steget',
    tagline: 'Move to Jämtland Härjedalen',
    readStory: 'Read the story',
    readArticle: 'Read more',
    eventDetails: 'About the event',
    signUp: 'Sign up',
    when: 'When',
    where: 'Where',
    orderMagazine: 'Order the magazine',
    readMagazine: 'Read the magazine',
    magazine: 'Ta Steget magazine',
    unsubscribe: 'Unsubscribe',
    unsubscribeContact: 'I do not want any more mail',
    reason: {
      subscribers: (municipality: string) =>
        `You receive this newsletter because you subscribed to news from Ta Steget about ${municipality}.`,
      contacts: (municipality: string) =>
        `You receive this because you registered an interest in moving to ${municipality} and agreed that we may contact you.`,
      network: (municipality: string) =>
        `You receive this because you are part of the Ta Steget network in ${municipality} and agreed that we may contact you.`,
    },
    greeting: (name: string | null) => (name ? `Hello ${name}!` : 'Hello!'),
    region: 'Jämtland Härjedalen',
    dateLocale: 'en-GB',
  },
} as const satisfies Record<Locale, unknown>;

export type Strings = (typeof STRINGS)[Locale];

export function reasonFor(language: Locale, audience: CampaignAudience, municipality: string): string {
  return STRINGS[language].reason[audience](municipality);
}

import {
  COUNTY_NEWSLETTER,
  INVITATIONS_NEWSLETTER,
  municipalityName,
  type Locale,
  type MunicipalitySlug,
  type Segment,
} from '@tasteget/shared';
import type { CampaignMeta } from './types';

const REGION = 'Jämtland Härjedalen';

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
    unsubscribeContact: 'Jag vill inte få fler utskick som det här',
    preferences: 'Ändra dina inställningar',
    /** `places`: the municipalities the campaign selected its recipients by (see `reasonFor`). */
    reason: {
      subscribers: (newsletter: string, places: string | null) =>
        `Du får det här brevet eftersom du prenumererar på ${newsletter}${places ? ` och har valt ${places}` : ''}.`,
      contacts: (_newsletter: string, places: string | null) =>
        `Du får det här utskicket eftersom du har anmält intresse för att flytta till ${places ?? REGION} och samtyckt till att vi kontaktar dig.`,
      network: (_newsletter: string, places: string | null) =>
        `Du får det här utskicket eftersom du ingår i Ta Stegets nätverk${places ? ` i ${places}` : ''} och samtyckt till att vi kontaktar dig.`,
    },
    or: 'eller',
    greeting: (name: string | null) => (name ? `Hej ${name}!` : 'Hej!'),
    region: REGION,
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
    unsubscribeContact: 'I do not want more mailings like this',
    preferences: 'Change your preferences',
    reason: {
      subscribers: (newsletter: string, places: string | null) =>
        `You receive this newsletter because you subscribed to ${newsletter}${places ? ` and chose ${places}` : ''}.`,
      contacts: (_newsletter: string, places: string | null) =>
        `You receive this because you registered an interest in moving to ${places ?? REGION} and agreed that we may contact you.`,
      network: (_newsletter: string, places: string | null) =>
        `You receive this because you are part of the Ta Steget network${places ? ` in ${places}` : ''} and agreed that we may contact you.`,
    },
    or: 'or',
    greeting: (name: string | null) => (name ? `Hello ${name}!` : 'Hello!'),
    region: REGION,
    dateLocale: 'en-GB',
  },
} as const satisfies Record<Locale, unknown>;

export type Strings = (typeof STRINGS)[Locale];

/** More municipalities than this make the footer a list: the reason then names none. */
const MAX_PLACES = 3;

/**
 * The municipalities a segment binds every recipient to: a municipality condition every recipient
 * meets (all conditions must hold, or it is the only one) and that takes no one who chose none.
 * Each recipient chose at least one of them. Empty when the segment selects otherwise.
 */
export function segmentMunicipalities(segment: Segment | null | undefined): MunicipalitySlug[] {
  if (!segment) return [];
  const binding = segment.match === 'all' || segment.conditions.length === 1 ? segment.conditions : [];
  const lists = binding.flatMap((c) =>
    c.kind === 'municipality' && c.includeUnspecified !== true ? [c.anyOf] : [],
  );
  // Of several conditions, each holds for everyone: the narrowest says the most.
  return [...(lists.sort((a, b) => a.length - b.length)[0] ?? [])];
}

/**
 * The list a campaign is sent for, named in the campaign's language: its newsletter, else the
 * invitations for contacts and the county's newsletter for the others (as the CMS selects them).
 */
export function campaignList(meta: Pick<CampaignMeta, 'language' | 'audience' | 'newsletter'>): {
  slug: string;
  name: string;
} {
  const newsletter =
    meta.newsletter ?? (meta.audience === 'contacts' ? INVITATIONS_NEWSLETTER : COUNTY_NEWSLETTER);
  return {
    slug: newsletter.slug,
    name: meta.language === 'en' && newsletter.nameEn ? newsletter.nameEn : newsletter.name,
  };
}

/** A newsletter's name as it reads in a sentence of the campaign's language. */
function newsletterName(meta: Pick<CampaignMeta, 'language' | 'newsletter'>): string {
  const newsletter = meta.newsletter ?? COUNTY_NEWSLETTER;
  const name = meta.language === 'en' && newsletter.nameEn ? newsletter.nameEn : newsletter.name;
  // "The Ta Steget newsletter" mid-sentence: "…subscribed to the Ta Steget newsletter."
  return meta.language === 'en' ? name.replace(/^The /, 'the ') : name;
}

/**
 * Why the recipient gets this mail, the same for every recipient of the campaign: what they
 * subscribed to (the campaign's newsletter) or consented to (contacts, the network), and the
 * municipalities the campaign was about when its segment selected by them. Never a municipality
 * of the recipient's own that the campaign was not about, and nothing per recipient.
 */
export function reasonFor(
  meta: Pick<CampaignMeta, 'language' | 'audience' | 'newsletter' | 'segment'>,
): string {
  const s = STRINGS[meta.language];
  const slugs = segmentMunicipalities(meta.segment);
  const names = slugs.map(municipalityName);
  const places =
    names.length === 0 || names.length > MAX_PLACES
      ? null
      : names.length === 1
        ? names[0]
        : `${names.slice(0, -1).join(', ')} ${s.or} ${names[names.length - 1]}`;
  return s.reason[meta.audience](newsletterName(meta), places);
}

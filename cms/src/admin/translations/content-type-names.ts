/**
 * The content types' and dynamic-zone components' names as the Content Manager looks them up: a
 * type's name in the menu, its list and its start page widgets is
 * `formatMessage({ id: displayName, defaultMessage: displayName })` (the schema's info.displayName,
 * Swedish), a dynamic zone's component is looked up by its uid and the zone's component
 * categories by their names. Like the field labels (field-labels.ts), the names follow the user's
 * admin language: Swedish as staff know them, English for a user who chose English. Without a text
 * of their own the names would still show, from the default, but the browser console logged each
 * as a missing translation.
 *
 * The unit test (admin-translations) checks these against the schemas on disk: a new content type
 * or dynamic-zone component fails it until it is named here. The `newsletter` category is the
 * activity kind's label in shared/src/value-labels.ts.
 */
const typeNames: Record<string, string> = {
  Tillgänglighetsredogörelse: 'Accessibility statement',
  Ambassadör: 'Ambassador',
  Nyhet: 'News',
  Samtyckeslogg: 'Consent log',
  Kontakt: 'Contact',
  Kontaktaktivitet: 'Contact activity',
  Coworking: 'Coworking space',
  Evenemang: 'Event',
  'Anmälan till evenemang': 'Event sign-up',
  'Vägledares kö': "Guide's queue",
  'Inkommande e-post att granska': 'Incoming mail to review',
  Kommun: 'Municipality',
  Magasinutgåva: 'Magazine edition',
  Magasinbeställning: 'Magazine order',
  'Spärrad e-postadress': 'Blocked e-mail address',
  Nätverkskontakt: 'Network contact',
  Nyhetsbrev: 'Newsletter',
  Utskick: 'Campaign',
  Nyhetsbrevsutskick: 'Newsletter delivery',
  Prenumeration: 'Subscription',
  'Utgående e-post': 'Outgoing mail',
  Registerlogg: 'Register log',
  Berättelse: 'Story',
};

/** Components of the dynamic zones (the municipality's sections, the campaign's blocks). */
const componentNames: Record<string, { sv: string; en: string }> = {
  'sections.theme-section': {
    sv: 'Tema (boende, arbete, skola, fritid)',
    en: 'Theme (housing, work, school, leisure)',
  },
  'sections.coworking': { sv: 'Coworking i kommunen', en: 'Coworking in the municipality' },
  'sections.ambassadors': { sv: 'Ambassadörer i kommunen', en: 'Ambassadors in the municipality' },
  'sections.links': { sv: 'Länkar', en: 'Links' },
  'newsletter.intro-text': { sv: 'Introtext', en: 'Intro text' },
  'newsletter.story': { sv: 'Berättelse', en: 'Story' },
  'newsletter.article': { sv: 'Nyhet', en: 'News' },
  'newsletter.event-invitation': { sv: 'Inbjudan till evenemang', en: 'Invitation to an event' },
  'newsletter.magazine': { sv: 'Magasinet', en: 'The magazine' },
  'shared.cta': { sv: 'Uppmaning (CTA)', en: 'Call to action (CTA)' },
};

const inLanguage = (l: 'sv' | 'en') =>
  Object.fromEntries(Object.entries(componentNames).map(([uid, name]) => [uid, name[l]]));

export const contentTypeNames: { sv: Record<string, string>; en: Record<string, string> } = {
  sv: {
    ...Object.fromEntries(Object.keys(typeNames).map((name) => [name, name])),
    ...inLanguage('sv'),
    // Strapi's own user type (users-permissions), shown in the Content Manager's menu.
    User: 'Användare',
    sections: 'Sektioner',
    shared: 'Gemensamt',
  },
  en: { ...typeNames, ...inLanguage('en'), User: 'User', sections: 'Sections', shared: 'Shared' },
};

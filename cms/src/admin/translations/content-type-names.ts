/**
 * The content types' and dynamic-zone components' names as the Content Manager looks them up: a
 * type's name in the menu, its list and its start page widgets is
 * `formatMessage({ id: displayName, defaultMessage: displayName })` (the schema's info.displayName,
 * Swedish here), a dynamic zone's component is looked up by its uid and the zone's component
 * categories by their names. Without a text of their own the names still show, from the default,
 * but the browser console logged each as a missing translation. The names stay the ones staff know,
 * in both admin languages (unlike the field labels, which follow the user's language:
 * field-labels.ts); only Strapi's own user type and the categories read English in English.
 *
 * The unit test (admin-translations) checks these against the schemas on disk: a new content type
 * or dynamic-zone component fails it until it is named here. The `newsletter` category is the
 * activity kind's label in shared/src/value-labels.ts.
 */
const typeNames = [
  'Tillgänglighetsredogörelse',
  'Ambassadör',
  'Nyhet',
  'Samtyckeslogg',
  'Kontakt',
  'Kontaktaktivitet',
  'Coworking',
  'Evenemang',
  'Anmälan till evenemang',
  'Vägledares kö',
  'Inkommande e-post att granska',
  'Kommun',
  'Magasinutgåva',
  'Magasinbeställning',
  'Spärrad e-postadress',
  'Nätverkskontakt',
  'Nyhetsbrev',
  'Utskick',
  'Nyhetsbrevsutskick',
  'Prenumeration',
  'Utgående e-post',
  'Registerlogg',
  'Berättelse',
];

/** Components of the dynamic zones (the municipality's sections, the campaign's blocks). */
const componentNames: Record<string, string> = {
  'sections.theme-section': 'Tema (boende, arbete, skola, fritid)',
  'sections.coworking': 'Coworking i kommunen',
  'sections.ambassadors': 'Ambassadörer i kommunen',
  'sections.links': 'Länkar',
  'newsletter.intro-text': 'Introtext',
  'newsletter.story': 'Berättelse',
  'newsletter.article': 'Nyhet',
  'newsletter.event-invitation': 'Inbjudan till evenemang',
  'newsletter.magazine': 'Magasinet',
  'shared.cta': 'Uppmaning (CTA)',
};

const same = Object.fromEntries(typeNames.map((name) => [name, name]));

export const contentTypeNames: { sv: Record<string, string>; en: Record<string, string> } = {
  sv: {
    ...same,
    ...componentNames,
    // Strapi's own user type (users-permissions), shown in the Content Manager's menu.
    User: 'Användare',
    sections: 'Sektioner',
    shared: 'Gemensamt',
  },
  en: { ...same, ...componentNames, User: 'User', sections: 'Sections', shared: 'Shared' },
};

import type { Label } from '@tasteget/shared';

/**
 * The contact card's field names as staff read them, in Swedish and English: the admin's edit
 * view (`../bootstrap/admin-labels.ts`, which registers both as translations so the card follows
 * each user's admin language) and the card's change log (`rules/contact-history.ts`, in both:
 * the Swedish line is the record, the English one what an admin in English reads) use the same
 * words.
 */
export const CONTACT_LABELS: Record<string, Label> = {
  firstName: { sv: 'Förnamn', en: 'First name' },
  lastName: { sv: 'Efternamn', en: 'Last name' },
  email: { sv: 'E-post', en: 'E-mail' },
  phone: { sv: 'Telefon', en: 'Phone' },
  preferredChannel: { sv: 'Vill bli kontaktad via', en: 'Wants to be contacted by' },
  countyTie: { sv: 'Anknytning till länet', en: 'Tie to the county' },
  householdSize: { sv: 'Personer i hushållet', en: 'People in the household' },
  children: { sv: 'Barn', en: 'Children' },
  municipalities: { sv: 'Kommuner', en: 'Municipalities' },
  topics: { sv: 'Ämnen', en: 'Topics' },
  occupation: { sv: 'Yrke eller bransch', en: 'Occupation or sector' },
  currentLocation: { sv: 'Bor nu', en: 'Currently lives in' },
  plannedMoveTime: { sv: 'Planerad flytt', en: 'Planned move' },
  message: { sv: 'Meddelande', en: 'Message' },
  source: { sv: 'Källa', en: 'Source' },
  sourceMunicipality: { sv: 'Källa: kommunens webbplats', en: "Source: the municipality's website" },
  language: { sv: 'Språk', en: 'Language' },
  contactConsentAt: { sv: 'Samtycke till kontakt', en: 'Consent to be contacted' },
  contactConsentVersion: { sv: 'Samtyckestext (version)', en: 'Consent text (version)' },
  contactConsentWithdrawnAt: {
    sv: 'Samtycke till kontakt återkallat',
    en: 'Consent to be contacted withdrawn',
  },
  newsletterConsentAt: { sv: 'Samtycke till nyhetsbrev', en: 'Consent to the newsletter' },
  newsletterConsentVersion: { sv: 'Nyhetsbrevssamtycke (version)', en: 'Newsletter consent (version)' },
  moveStatus: { sv: 'Status', en: 'Status' },
  assignedMunicipality: { sv: 'Ansvarig kö', en: 'Responsible queue' },
  assignedGuide: { sv: 'Ansvarig vägledare', en: 'Responsible guide' },
  firstResponseDueAt: { sv: 'Svara senast', en: 'Answer by' },
  firstRespondedAt: { sv: 'Första svar', en: 'First response' },
  closedAt: { sv: 'Avslutad den', en: 'Closed on' },
  lastActivityAt: { sv: 'Senaste aktivitet', en: 'Last activity' },
  movedAt: { sv: 'Flyttdatum', en: 'Moving date' },
  movedTo: { sv: 'Flyttade till', en: 'Moved to' },
  activities: { sv: 'Aktiviteter', en: 'Activities' },
  magazineOrders: { sv: 'Tidningsbeställningar', en: 'Magazine orders' },
  newsletterSubscriptions: { sv: 'Prenumerationer', en: 'Subscriptions' },
  consentRecords: { sv: 'Samtyckeslogg', en: 'Consent log' },
};

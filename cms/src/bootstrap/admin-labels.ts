import type { Core, UID } from '@strapi/strapi';
import type { Label } from '@tasteget/shared';
import { CONTACT_LABELS } from '../contacts/contact-labels';
import {
  ACCESSIBILITY_STATEMENT,
  ACTIVITY,
  AMBASSADOR,
  ARTICLE,
  AUDIT,
  CAMPAIGN,
  CONSENT,
  CONTACT,
  COWORKING_SPACE,
  DELIVERY,
  EDITION,
  EVENT,
  EVENT_REGISTRATION,
  GUIDE_ASSIGNMENT,
  INBOUND,
  KOMMUN,
  NETWORK_CONTACT,
  NEWSLETTER,
  ORDER,
  OUTBOX,
  STORY,
  SUBSCRIPTION,
  SUPPRESSION,
} from '../platform/content-types';

/**
 * Field labels in the Content Manager for every content type and component, in Swedish and
 * English (field names like `firstResponseDueAt` mean nothing to editors and guides), which field
 * titles an entry where Strapi's default (the first text field) is unhelpful, and which fields are
 * the system's bookkeeping and not for editing by hand (deadline, first response, last activity,
 * consent records, the register log).
 *
 * Strapi keeps one label per field and view in its view configuration, not one per admin
 * language. So the labels reach staff two ways, from this one list:
 * - the server writes the Swedish label into the view configuration (`applyAdminLabels`, on every
 *   start, only where a label is still the field's own name, so a label the coordinator changed in
 *   "Configure the view" stays there). It is every label's default.
 * - the admin registers both as translations (`admin/translations/field-labels.ts`), under the keys
 *   the list view's headers and the edit view look a field up by
 *   (`content-manager.content-types.<uid>.<field>`, a component's
 *   `content-manager.components.<uid>.<field>`), so each user reads them in their own language.
 *   A translation wins over the view configuration: a label changed under "Configure the view" no
 *   longer shows in the list or the edit view. That is the price of following the user's language;
 *   a label is changed here instead.
 *
 * Strapi labels its own fields (createdAt, updatedAt, publishedAt, locale…) itself. A unit test
 * (admin-field-labels) fails on a field without a label in both languages.
 */
type View = {
  mainField?: string;
  /** The list view's columns, set while one of them is missing (columns added later stay). */
  list?: string[];
  labels: Record<string, Label>;
  readOnly?: string[];
  /** Edited through a side panel of its own instead (the campaign's segment builder). */
  hidden?: string[];
};

const SLUG: Label = { sv: 'Webbadress (slug)', en: 'Web address (slug)' };
const SEO: Label = { sv: 'Sökmotorer och delning (SEO)', en: 'Search engines and sharing (SEO)' };
const NAME: Label = { sv: 'Namn', en: 'Name' };
const EMAIL: Label = { sv: 'E-post', en: 'E-mail' };
const PHONE: Label = { sv: 'Telefon', en: 'Phone' };
const LANGUAGE: Label = { sv: 'Språk', en: 'Language' };
const STATUS: Label = { sv: 'Status', en: 'Status' };
const CONTACT_RELATION: Label = { sv: 'Kontakt', en: 'Contact' };
const MUNICIPALITY: Label = { sv: 'Kommun', en: 'Municipality' };
const DESCRIPTION: Label = { sv: 'Beskrivning', en: 'Description' };
const INTRO: Label = { sv: 'Inledning', en: 'Introduction' };
const HEADING: Label = { sv: 'Rubrik', en: 'Heading' };
const TEXT: Label = { sv: 'Text', en: 'Text' };
const CONSENT_VERSION: Label = { sv: 'Samtyckestext (version)', en: 'Consent text (version)' };
const MESSAGE_ID: Label = { sv: 'Meddelande-id', en: 'Message ID' };
const LINK_URL: Label = { sv: 'Länk (URL)', en: 'Link (URL)' };
const STREET: Label = { sv: 'Gatuadress', en: 'Street address' };
const POSTAL_CODE: Label = { sv: 'Postnummer', en: 'Postcode' };
const CITY: Label = { sv: 'Ort', en: 'Town or city' };
/** The send queues' bookkeeping (newsletter deliveries and the outbox). */
const ATTEMPTS: Label = { sv: 'Försök', en: 'Attempts' };
const NEXT_ATTEMPT: Label = { sv: 'Nästa försök', en: 'Next attempt' };
const LOCKED_UNTIL: Label = { sv: 'Låst till', en: 'Locked until' };
const LAST_ERROR: Label = { sv: 'Senaste fel', en: 'Last error' };
const SENT: Label = { sv: 'Skickad', en: 'Sent' };

export const VIEWS: Partial<Record<UID.ContentType, View>> = {
  // Published content
  [STORY]: {
    labels: {
      title: { sv: 'Rubrik', en: 'Title' },
      slug: SLUG,
      lead: { sv: 'Ingress', en: 'Lead' },
      body: { sv: 'Brödtext', en: 'Body text' },
      images: { sv: 'Bilder', en: 'Images' },
      person: { sv: 'Personen', en: 'The person' },
      kommun: MUNICIPALITY,
      themes: { sv: 'Teman', en: 'Themes' },
      featured: { sv: 'Utvald (visas på startsidan)', en: 'Featured (shown on the home page)' },
      seo: SEO,
    },
  },
  [ARTICLE]: {
    labels: {
      title: { sv: 'Rubrik', en: 'Title' },
      slug: SLUG,
      lead: { sv: 'Ingress', en: 'Lead' },
      body: { sv: 'Brödtext', en: 'Body text' },
      cover: { sv: 'Omslagsbild', en: 'Cover image' },
      kommuner: { sv: 'Kommuner', en: 'Municipalities' },
      category: { sv: 'Kategori', en: 'Category' },
      seo: SEO,
    },
  },
  [EVENT]: {
    labels: {
      title: { sv: 'Rubrik', en: 'Title' },
      slug: SLUG,
      startsAt: { sv: 'Börjar', en: 'Starts' },
      endsAt: { sv: 'Slutar', en: 'Ends' },
      place: { sv: 'Plats', en: 'Venue' },
      kommun: MUNICIPALITY,
      description: DESCRIPTION,
      signUpUrl: { sv: 'Länk till anmälan', en: 'Sign-up link' },
      signUpOpen: {
        sv: 'Anmälan på portalen (formulär, väntelista, kalenderfil)',
        en: 'Sign-up on the portal (form, waiting list, calendar file)',
      },
      capacity: { sv: 'Antal platser (tomt = obegränsat)', en: 'Number of places (empty = unlimited)' },
      seo: SEO,
    },
  },
  [ACCESSIBILITY_STATEMENT]: {
    labels: {
      title: { sv: 'Rubrik', en: 'Title' },
      intro: INTRO,
      organisation: { sv: 'Ansvarig organisation', en: 'Responsible organisation' },
      complianceStatus: {
        sv: 'Förenlighet med lagen (DOS-lagen)',
        en: 'Compliance with the law (the DOS Act)',
      },
      shortcomings: { sv: 'Innehåll som inte är tillgängligt', en: 'Content that is not accessible' },
      assessmentMethod: { sv: 'Hur webbplatsen har granskats', en: 'How the website was assessed' },
      assessmentDescription: { sv: 'Beskrivning av granskningen', en: 'Description of the assessment' },
      preparedOn: { sv: 'Redogörelsen upprättades', en: 'Statement prepared on' },
      reviewedOn: { sv: 'Redogörelsen granskades senast', en: 'Statement last reviewed on' },
      feedbackEmail: { sv: 'E-post för synpunkter', en: 'E-mail for feedback' },
      feedbackPhone: { sv: 'Telefon för synpunkter', en: 'Phone for feedback' },
      feedbackText: {
        sv: 'Om att lämna synpunkter (svarstid, andra vägar)',
        en: 'About giving feedback (response time, other ways)',
      },
      enforcementUrl: { sv: 'Länk till DIGG:s anmälan', en: "Link to DIGG's complaint form" },
      seo: SEO,
    },
  },
  [AMBASSADOR]: {
    labels: {
      name: NAME,
      slug: SLUG,
      photo: { sv: 'Foto', en: 'Photo' },
      kommun: MUNICIPALITY,
      bio: { sv: 'Presentation', en: 'About them' },
      topics: { sv: 'Ämnen', en: 'Topics' },
      languages: { sv: 'Språk', en: 'Languages' },
      consentToPublish: { sv: 'Samtycke till publicering', en: 'Consent to publication' },
      contactEmail: { sv: 'E-post för kontakt', en: 'E-mail for contact' },
      contactPhone: { sv: 'Telefon för kontakt', en: 'Phone for contact' },
    },
  },
  [COWORKING_SPACE]: {
    labels: {
      name: NAME,
      slug: SLUG,
      kommun: MUNICIPALITY,
      address: { sv: 'Adress', en: 'Address' },
      latitude: { sv: 'Latitud', en: 'Latitude' },
      longitude: { sv: 'Longitud', en: 'Longitude' },
      description: DESCRIPTION,
      amenities: { sv: 'Utrustning och service', en: 'Facilities and services' },
      openingHours: { sv: 'Öppettider', en: 'Opening hours' },
      website: { sv: 'Webbplats', en: 'Website' },
      image: { sv: 'Bild', en: 'Image' },
    },
  },
  [EDITION]: {
    labels: {
      year: { sv: 'År', en: 'Year' },
      title: { sv: 'Titel', en: 'Title' },
      slug: SLUG,
      cover: { sv: 'Omslag', en: 'Cover' },
      description: DESCRIPTION,
      pdf: { sv: 'PDF', en: 'PDF' },
      orderable: { sv: 'Kan beställas', en: 'Can be ordered' },
    },
  },
  [KOMMUN]: {
    labels: {
      name: NAME,
      municipality: {
        sv: 'Kommun (i registret och filtren)',
        en: 'Municipality (in the register and the filters)',
      },
      slug: SLUG,
      intro: INTRO,
      heroImage: { sv: 'Toppbild', en: 'Top image' },
      sections: { sv: 'Avsnitt', en: 'Sections' },
      guide: { sv: 'Flyttvägledare (publik kontakt)', en: 'Relocation guide (public contact)' },
      // The one register setting on a content page: what the guides' notice mail may carry.
      guideNoticeFullText: {
        sv: 'Hela registreringen i vägledarens mejl',
        en: "The whole registration in the guide's e-mail",
      },
      seo: SEO,
    },
  },

  // The contact register and the newsletter's send log
  [CONTACT]: {
    mainField: 'firstName',
    labels: CONTACT_LABELS,
    readOnly: [
      'firstResponseDueAt',
      'firstRespondedAt',
      'closedAt',
      'lastActivityAt',
      'contactConsentAt',
      'contactConsentVersion',
      'contactConsentWithdrawnAt',
      'consentRecords',
      'newsletterConsentAt',
      'newsletterConsentVersion',
    ],
  },
  [ACTIVITY]: {
    mainField: 'summary',
    labels: {
      contact: CONTACT_RELATION,
      kind: { sv: 'Typ', en: 'Type' },
      summary: { sv: 'Vad sades eller gjordes', en: 'What was said or done' },
      summaryEn: { sv: 'Samma rad på engelska', en: 'The same line in English' },
      occurredAt: { sv: 'När', en: 'When' },
      performedBy: { sv: 'Av', en: 'By' },
      direction: { sv: 'Riktning (e-post)', en: 'Direction (e-mail)' },
      messageId: MESSAGE_ID,
      attachments: { sv: 'Bilagor', en: 'Attachments' },
    },
  },
  [GUIDE_ASSIGNMENT]: {
    mainField: 'queue',
    labels: {
      user: { sv: 'Vägledare', en: 'Guide' },
      queue: { sv: 'Kö', en: 'Queue' },
      receivesReminders: { sv: 'Daglig påminnelse', en: 'Daily reminder' },
    },
  },
  [ORDER]: {
    // What the coordinator looks for: what is new, of which edition, how many and since when (the
    // address is a component, which a list cannot show).
    list: ['name', 'edition', 'quantity', 'orderStatus', 'createdAt'],
    labels: {
      name: NAME,
      address: { sv: 'Adress', en: 'Address' },
      email: EMAIL,
      edition: { sv: 'Utgåva', en: 'Edition' },
      quantity: { sv: 'Antal', en: 'Quantity' },
      orderStatus: STATUS,
      language: LANGUAGE,
      exportedAt: { sv: 'Exporterad', en: 'Exported' },
      shippedAt: { sv: 'Skickad', en: 'Shipped' },
      contact: CONTACT_RELATION,
    },
  },
  [CONSENT]: {
    mainField: 'summary',
    labels: {
      summary: { sv: 'Samtycke', en: 'Consent' },
      kind: { sv: 'Gäller', en: 'Applies to' },
      event: { sv: 'Givet eller återkallat', en: 'Given or withdrawn' },
      textVersion: CONSENT_VERSION,
      at: { sv: 'När', en: 'When' },
      source: { sv: 'Hur', en: 'How' },
      recordedBy: { sv: 'Registrerat av', en: 'Recorded by' },
      // Not shown (visible: false): the summary names the newsletter for people.
      newsletterDocumentId: { sv: 'Nyhetsbrevets id', en: "The newsletter's id" },
      email: EMAIL,
      contact: CONTACT_RELATION,
    },
    // Append-only: the platform writes it, nobody edits it.
    readOnly: [
      'summary',
      'kind',
      'event',
      'textVersion',
      'at',
      'source',
      'recordedBy',
      'newsletterDocumentId',
      'email',
      'contact',
    ],
  },
  [SUBSCRIPTION]: {
    // Strapi's default is the first text field, the confirmation token: a secret, and meaningless.
    mainField: 'email',
    labels: {
      email: EMAIL,
      newsletter: { sv: 'Nyhetsbrev', en: 'Newsletter' },
      subscriptionStatus: STATUS,
      interests: { sv: 'Intressen', en: 'Interests' },
      municipalities: { sv: 'Kommuner', en: 'Municipalities' },
      language: LANGUAGE,
      confirmToken: { sv: 'Bekräftelsenyckel', en: 'Confirmation key' },
      unsubscribeToken: { sv: 'Avregistreringsnyckel', en: 'Unsubscribe key' },
      consentAt: { sv: 'Samtycke', en: 'Consent' },
      consentVersion: CONSENT_VERSION,
      confirmSentAt: { sv: 'Bekräftelselänk skickad', en: 'Confirmation link sent' },
      confirmedAt: { sv: 'Bekräftad', en: 'Confirmed' },
      unsubscribedAt: { sv: 'Avregistrerad', en: 'Unsubscribed' },
      statusLog: { sv: 'Statushistorik', en: 'Status history' },
      bounceCount: { sv: 'Antal studsar', en: 'Number of bounces' },
      contact: CONTACT_RELATION,
    },
    // The subscriber's own (the opt-in and unsubscribe links) or the coordinator's status change.
    readOnly: [
      'subscriptionStatus',
      'consentAt',
      'consentVersion',
      'confirmSentAt',
      'confirmedAt',
      'unsubscribedAt',
      'statusLog',
      'bounceCount',
    ],
  },
  [EVENT_REGISTRATION]: {
    mainField: 'name',
    labels: {
      event: { sv: 'Evenemang', en: 'Event' },
      eventTitle: { sv: 'Evenemangets rubrik', en: "The event's title" },
      eventStartsAt: { sv: 'Evenemanget börjar', en: 'The event starts' },
      name: NAME,
      email: EMAIL,
      phone: PHONE,
      participants: { sv: 'Antal personer', en: 'Number of people' },
      message: { sv: 'Meddelande', en: 'Message' },
      registrationStatus: STATUS,
      language: LANGUAGE,
      cancelToken: { sv: 'Avanmälningsnyckel', en: 'Cancellation key' },
      consentAt: { sv: 'Samtycke', en: 'Consent' },
      promotedAt: { sv: 'Fick plats från väntelistan', en: 'Got a place from the waiting list' },
      cancelledAt: { sv: 'Avanmäld', en: 'Cancelled' },
      reminderSentAt: { sv: 'Påminnelse skickad', en: 'Reminder sent' },
      contact: CONTACT_RELATION,
    },
    readOnly: ['eventTitle', 'eventStartsAt', 'consentAt', 'promotedAt', 'cancelledAt', 'reminderSentAt'],
  },
  [NETWORK_CONTACT]: {
    mainField: 'name',
    labels: {
      kind: { sv: 'Nätverk', en: 'Network' },
      name: NAME,
      organisation: { sv: 'Organisation', en: 'Organisation' },
      municipality: MUNICIPALITY,
      email: EMAIL,
      phone: PHONE,
      language: LANGUAGE,
      consentAt: { sv: 'Samtycke till registret', en: 'Consent to the register' },
      publishConsent: {
        sv: 'Samtycker till publicering på portalen',
        en: 'Agrees to publication on the portal',
      },
      notes: { sv: 'Anteckningar', en: 'Notes' },
      ambassador: { sv: 'Ambassadörssida', en: 'Ambassador page' },
      coworkingSpace: { sv: 'Coworkingsida', en: 'Coworking page' },
    },
  },
  [NEWSLETTER]: {
    mainField: 'name',
    labels: {
      name: NAME,
      nameEn: { sv: 'Namn på engelska', en: 'Name in English' },
      slug: SLUG,
      description: DESCRIPTION,
      descriptionEn: { sv: 'Beskrivning på engelska', en: 'Description in English' },
      listed: {
        sv: 'Erbjuds i anmälningsformuläret och inställningssidan',
        en: 'Offered in the sign-up form and on the settings page',
      },
    },
  },
  [CAMPAIGN]: {
    labels: {
      subject: { sv: 'Ämnesrad', en: 'Subject line' },
      preheader: {
        sv: 'Förhandstext (visas efter ämnesraden)',
        en: 'Preheader (shown after the subject line)',
      },
      blocks: { sv: 'Innehåll', en: 'Content' },
      language: LANGUAGE,
      audience: { sv: 'Målgrupp', en: 'Audience' },
      newsletter: {
        sv: 'Nyhetsbrev (tomt = Ta Stegets nyhetsbrev)',
        en: "Newsletter (empty = Ta Steget's newsletter)",
      },
      segment: { sv: 'Urval', en: 'Segment' },
      campaignStatus: STATUS,
      scheduledAt: { sv: 'Schemalagt till', en: 'Scheduled for' },
      sentAt: { sv: 'Skickat', en: 'Sent' },
      recipientCount: { sv: 'Antal mottagare', en: 'Number of recipients' },
      sentCount: { sv: 'Antal skickade', en: 'Number sent' },
      failedCount: { sv: 'Antal misslyckade', en: 'Number failed' },
    },
    // Built in the side panel from lists (admin/newsletter/SegmentBuilder.tsx): nobody types JSON.
    hidden: ['segment'],
    // The sending's (campaign-edits.ts refuses a change to them): shown, not edited.
    readOnly: ['sentAt', 'recipientCount', 'sentCount', 'failedCount'],
    mainField: 'subject',
    list: ['subject', 'campaignStatus', 'scheduledAt', 'sentAt', 'recipientCount'],
  },
  [DELIVERY]: {
    // The default would be the delivery key; the recipient says more.
    mainField: 'email',
    labels: {
      campaign: { sv: 'Utskick', en: 'Campaign' },
      email: EMAIL,
      deliveryKey: { sv: 'Leveransnyckel', en: 'Delivery key' },
      deliveryStatus: STATUS,
      attempts: ATTEMPTS,
      messageId: MESSAGE_ID,
      lastError: LAST_ERROR,
      sentAt: SENT,
      campaignDocumentId: { sv: 'Utskickets dokument-id', en: "The campaign's document ID" },
      nextAttemptAt: NEXT_ATTEMPT,
      lockedUntil: LOCKED_UNTIL,
      bounce: { sv: 'Studs', en: 'Bounce' },
      bouncedAt: { sv: 'Studsade', en: 'Bounced' },
      complainedAt: { sv: 'Spamanmäld', en: 'Reported as spam' },
    },
  },
  [OUTBOX]: {
    // The default would be the mail's kind, shared by many; the subject tells them apart.
    mainField: 'subject',
    labels: {
      kind: { sv: 'Typ av mejl', en: 'Kind of e-mail' },
      to: { sv: 'Till', en: 'To' },
      subject: { sv: 'Ämne', en: 'Subject' },
      html: { sv: 'Innehåll (HTML)', en: 'Content (HTML)' },
      text: { sv: 'Innehåll (text)', en: 'Content (text)' },
      replyTo: { sv: 'Svar till', en: 'Reply to' },
      sendStatus: STATUS,
      attempts: ATTEMPTS,
      nextAttemptAt: NEXT_ATTEMPT,
      lockedUntil: LOCKED_UNTIL,
      lastError: LAST_ERROR,
      sentAt: SENT,
      contact: CONTACT_RELATION,
      messageId: MESSAGE_ID,
      from: { sv: 'Från', en: 'From' },
      inReplyTo: { sv: 'Svar på meddelande', en: 'In reply to message' },
      references: { sv: 'Tidigare meddelanden i tråden', en: 'Earlier messages in the thread' },
      calendar: { sv: 'Kalenderfil', en: 'Calendar file' },
    },
  },
  [INBOUND]: {
    mainField: 'subject',
    labels: {
      outcome: { sv: 'Utfall', en: 'Outcome' },
      fromAddress: { sv: 'Från', en: 'From' },
      subject: { sv: 'Ämne', en: 'Subject' },
      text: TEXT,
      receivedAt: { sv: 'Mottaget', en: 'Received' },
      messageKey: { sv: 'Meddelandenyckel', en: 'Message key' },
      lastError: { sv: 'Fel', en: 'Error' },
      resolvedAt: { sv: 'Hanterat', en: 'Handled' },
      attachments: { sv: 'Bilagor', en: 'Attachments' },
    },
  },
  [SUPPRESSION]: {
    mainField: 'email',
    labels: {
      email: EMAIL,
      active: { sv: 'Spärrad', en: 'Blocked' },
      reason: { sv: 'Skäl', en: 'Reason' },
      detail: { sv: 'Detalj', en: 'Detail' },
      suppressedAt: { sv: 'Spärrad sedan', en: 'Blocked since' },
      softBounces: { sv: 'Tillfälliga studsar', en: 'Soft bounces' },
      softWindowStart: { sv: 'Räknas sedan', en: 'Counted since' },
      history: { sv: 'Historik', en: 'History' },
    },
    // Lifted through its side panel, with a reason, never by editing.
    readOnly: ['email', 'active', 'reason', 'detail', 'suppressedAt', 'softBounces', 'softWindowStart'],
    // Read in the side panel, one line per event in the user's language, not as raw JSON.
    hidden: ['history'],
  },
  [AUDIT]: {
    mainField: 'action',
    labels: {
      action: { sv: 'Åtgärd', en: 'Action' },
      rule: { sv: 'Regel', en: 'Rule' },
      counts: { sv: 'Antal', en: 'Counts' },
      ranAt: { sv: 'När', en: 'When' },
      ranBy: { sv: 'Utförd av', en: 'Done by' },
    },
    readOnly: ['action', 'rule', 'counts', 'ranAt', 'ranBy'],
  },
};

/** The components' fields, labelled the same way wherever the component is used. */
export const COMPONENT_VIEWS: Partial<Record<UID.Component, View>> = {
  'shared.address': { labels: { street: STREET, postalCode: POSTAL_CODE, city: CITY } },
  'shared.rich-text': { labels: { body: TEXT } },
  'shared.cta': {
    labels: {
      heading: HEADING,
      text: TEXT,
      buttonLabel: { sv: 'Knapptext', en: 'Button text' },
      url: LINK_URL,
    },
  },
  'shared.link': { labels: { label: { sv: 'Länktext', en: 'Link text' }, url: LINK_URL } },
  'shared.seo': {
    labels: {
      metaTitle: { sv: 'Titel i sökresultat', en: 'Title in search results' },
      metaDescription: { sv: 'Beskrivning i sökresultat', en: 'Description in search results' },
      shareImage: { sv: 'Bild vid delning', en: 'Image when shared' },
    },
  },
  'accessibility.shortcoming': {
    labels: {
      description: { sv: 'Vad är inte tillgängligt', en: 'What is not accessible' },
      reason: { sv: 'Skäl', en: 'Reason' },
      wcagCriteria: { sv: 'WCAG-kriterier', en: 'WCAG criteria' },
      remedy: { sv: 'Vad vi gör och när', en: 'What we are doing, and when' },
    },
  },
  'shared.guide-contact': {
    labels: {
      name: NAME,
      title: { sv: 'Titel', en: 'Job title' },
      // The contact is the same person in both languages; only the title reads differently.
      titleEn: { sv: 'Titel på engelska', en: 'Job title in English' },
      email: EMAIL,
      phone: PHONE,
    },
  },
  'sections.links': { labels: { heading: HEADING, links: { sv: 'Länkar', en: 'Links' } } },
  'sections.theme-section': {
    labels: {
      theme: { sv: 'Tema', en: 'Theme' },
      heading: HEADING,
      body: { sv: 'Brödtext', en: 'Body text' },
      image: { sv: 'Bild', en: 'Image' },
      links: { sv: 'Länkar', en: 'Links' },
    },
  },
  'sections.ambassadors': { labels: { heading: HEADING, intro: INTRO } },
  'sections.coworking': { labels: { heading: HEADING, intro: INTRO } },
  'story.person': {
    labels: {
      name: NAME,
      age: { sv: 'Ålder', en: 'Age' },
      movedFrom: { sv: 'Flyttade från', en: 'Moved from' },
      occupation: { sv: 'Yrke', en: 'Occupation' },
    },
  },
  'register.postal-address': {
    labels: {
      careOf: { sv: 'c/o', en: 'c/o' },
      street: STREET,
      postalCode: POSTAL_CODE,
      city: CITY,
      country: { sv: 'Land', en: 'Country' },
    },
  },
  'newsletter.intro-text': { labels: { heading: HEADING, text: TEXT } },
  'newsletter.story': { labels: { story: { sv: 'Berättelse', en: 'Story' }, text: TEXT } },
  'newsletter.article': { labels: { article: { sv: 'Nyhet', en: 'News item' }, text: TEXT } },
  'newsletter.event-invitation': { labels: { event: { sv: 'Evenemang', en: 'Event' }, text: TEXT } },
  'newsletter.magazine': { labels: { edition: { sv: 'Utgåva', en: 'Edition' }, text: TEXT } },
};

type Metadata = {
  edit: { label?: string; editable?: boolean; visible?: boolean; mainField?: string };
  list: { label?: string };
};
type Configuration = {
  settings: { mainField?: string };
  metadatas: Record<string, Metadata>;
  layouts: { edit: { name: string; size: number }[][]; list: string[] } & Record<string, unknown>;
};
/** What the Content Manager's `content-types` and `components` services both offer. */
interface ViewStore {
  find(uid: string): unknown;
  /** The content type a relation field points to. */
  targetOf(uid: string, field: string): string | undefined;
  findConfiguration(model: unknown): Promise<Configuration>;
  updateConfiguration(model: unknown, configuration: Configuration): Promise<unknown>;
}

async function applyViews(store: ViewStore, views: Partial<Record<string, View>>) {
  for (const [uid, view] of Object.entries(views) as [string, View][]) {
    const model = store.find(uid);
    if (!model) continue;
    const configuration = await store.findConfiguration(model);
    let changed = false;
    for (const [field, label] of Object.entries(view.labels)) {
      const metadata = configuration.metadatas[field];
      if (!metadata) continue;
      for (const place of [metadata.edit, metadata.list]) {
        if (place.label === undefined || place.label === field) {
          place.label = label.sv;
          changed = true;
        }
      }
      if (view.readOnly?.includes(field) && metadata.edit.editable !== false) {
        metadata.edit.editable = false;
        changed = true;
      }
    }
    for (const field of view.hidden ?? []) {
      const metadata = configuration.metadatas[field];
      if (metadata && metadata.edit.visible !== false) {
        metadata.edit.visible = false;
        changed = true;
      }
      const rows = configuration.layouts.edit.map((row) => row.filter((cell) => cell.name !== field));
      if (rows.some((row, i) => row.length !== configuration.layouts.edit[i].length)) {
        configuration.layouts.edit = rows.filter((row) => row.length > 0);
        changed = true;
      }
    }
    if (view.mainField && configuration.settings.mainField !== view.mainField) {
      configuration.settings.mainField = view.mainField;
      changed = true;
    }
    // A relation shows its entries by the target's title field, set per relation when the view was
    // first made: Strapi picked the first text field then (a documentId, a consent text's version).
    for (const [field, metadata] of Object.entries(configuration.metadatas)) {
      const target = store.targetOf(uid, field);
      const title = target ? VIEWS[target as UID.ContentType]?.mainField : undefined;
      if (title && metadata.edit.mainField !== undefined && metadata.edit.mainField !== title) {
        metadata.edit.mainField = title;
        changed = true;
      }
    }
    const missing = (view.list ?? []).filter((field) => !configuration.layouts.list.includes(field));
    if (missing.length > 0) {
      configuration.layouts.list = [...(view.list ?? [])];
      changed = true;
    }
    if (changed) {
      await store.updateConfiguration(model, {
        settings: configuration.settings,
        metadatas: configuration.metadatas,
        layouts: configuration.layouts,
      });
    }
  }
}

export async function applyAdminLabels(strapi: Core.Strapi) {
  const contentManager = strapi.plugin('content-manager');
  const contentTypes = contentManager.service('content-types');
  const components = contentManager.service('components');
  const targetOf = (uid: string, field: string) => {
    const attribute = strapi.getModel(uid as UID.Schema)?.attributes[field] as
      { type: string; target?: string } | undefined;
    return attribute?.type === 'relation' ? attribute.target : undefined;
  };
  await applyViews(
    {
      targetOf,
      find: (uid) => contentTypes.findContentType(uid),
      findConfiguration: (model) => contentTypes.findConfiguration(model),
      updateConfiguration: (model, configuration) => contentTypes.updateConfiguration(model, configuration),
    },
    VIEWS,
  );
  await applyViews(
    {
      targetOf,
      find: (uid) => components.findComponent(uid),
      findConfiguration: (model) => components.findConfiguration(model),
      updateConfiguration: (model, configuration) => components.updateConfiguration(model, configuration),
    },
    COMPONENT_VIEWS,
  );
}

/** Every type's and component's field labels, by UID: how the server names a field to people. */
export function fieldLabelsByType(): Record<string, Record<string, Label>> {
  return Object.fromEntries(
    [...Object.entries(VIEWS), ...Object.entries(COMPONENT_VIEWS)].map(([uid, view]) => [
      uid,
      view?.labels ?? {},
    ]),
  );
}

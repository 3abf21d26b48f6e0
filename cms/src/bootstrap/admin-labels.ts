import type { Core, UID } from '@strapi/strapi';
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
 * Swedish field labels in the Content Manager for every content type and component (editors and
 * guides work in Swedish; field names like `firstResponseDueAt` mean nothing to them), which field
 * titles an entry where Strapi's default (the first text field) is unhelpful, and which fields are
 * the system's bookkeeping and not for editing by hand (deadline, first response, last activity,
 * consent records, the register log).
 *
 * A label is one string per view in Strapi's view configuration, not one per admin language, so
 * staff who chose English see these Swedish labels too (the enumeration options, which are
 * translation keys, follow the language: admin/translations/enum-labels.ts). Strapi labels its
 * own fields (createdAt, updatedAt, publishedAt, locale…) itself.
 *
 * Applied on every start, but only where a label is still the field's own name, so a label the
 * coordinator changed in "Configure the view" stays.
 */
type View = {
  mainField?: string;
  /** The list view's columns, set while one of them is missing (columns added later stay). */
  list?: string[];
  labels: Record<string, string>;
  readOnly?: string[];
  /** Edited through a side panel of its own instead (the campaign's segment builder). */
  hidden?: string[];
};

const SLUG = 'Webbadress (slug)';
const SEO = 'Sökmotorer och delning (SEO)';

export const VIEWS: Partial<Record<UID.ContentType, View>> = {
  // Published content
  [STORY]: {
    labels: {
      title: 'Rubrik',
      slug: SLUG,
      lead: 'Ingress',
      body: 'Brödtext',
      images: 'Bilder',
      person: 'Personen',
      kommun: 'Kommun',
      themes: 'Teman',
      featured: 'Utvald (visas på startsidan)',
      seo: SEO,
    },
  },
  [ARTICLE]: {
    labels: {
      title: 'Rubrik',
      slug: SLUG,
      lead: 'Ingress',
      body: 'Brödtext',
      cover: 'Omslagsbild',
      kommuner: 'Kommuner',
      category: 'Kategori',
      seo: SEO,
    },
  },
  [EVENT]: {
    labels: {
      title: 'Rubrik',
      slug: SLUG,
      startsAt: 'Börjar',
      endsAt: 'Slutar',
      place: 'Plats',
      kommun: 'Kommun',
      description: 'Beskrivning',
      signUpUrl: 'Länk till anmälan',
      signUpOpen: 'Anmälan på portalen (formulär, väntelista, kalenderfil)',
      capacity: 'Antal platser (tomt = obegränsat)',
      seo: SEO,
    },
  },
  [ACCESSIBILITY_STATEMENT]: {
    labels: {
      title: 'Rubrik',
      intro: 'Inledning',
      organisation: 'Ansvarig organisation',
      complianceStatus: 'Förenlighet med lagen (DOS-lagen)',
      shortcomings: 'Innehåll som inte är tillgängligt',
      assessmentMethod: 'Hur webbplatsen har granskats',
      assessmentDescription: 'Beskrivning av granskningen',
      preparedOn: 'Redogörelsen upprättades',
      reviewedOn: 'Redogörelsen granskades senast',
      feedbackEmail: 'E-post för synpunkter',
      feedbackPhone: 'Telefon för synpunkter',
      feedbackText: 'Om att lämna synpunkter (svarstid, andra vägar)',
      enforcementUrl: 'Länk till DIGG:s anmälan',
      seo: SEO,
    },
  },
  [AMBASSADOR]: {
    labels: {
      name: 'Namn',
      slug: SLUG,
      photo: 'Foto',
      kommun: 'Kommun',
      bio: 'Presentation',
      topics: 'Ämnen',
      languages: 'Språk',
      consentToPublish: 'Samtycke till publicering',
      contactEmail: 'E-post för kontakt',
      contactPhone: 'Telefon för kontakt',
    },
  },
  [COWORKING_SPACE]: {
    labels: {
      name: 'Namn',
      slug: SLUG,
      kommun: 'Kommun',
      address: 'Adress',
      latitude: 'Latitud',
      longitude: 'Longitud',
      description: 'Beskrivning',
      amenities: 'Utrustning och service',
      openingHours: 'Öppettider',
      website: 'Webbplats',
      image: 'Bild',
    },
  },
  [EDITION]: {
    labels: {
      year: 'År',
      title: 'Titel',
      slug: SLUG,
      cover: 'Omslag',
      description: 'Beskrivning',
      pdf: 'PDF',
      orderable: 'Kan beställas',
    },
  },
  [KOMMUN]: {
    labels: {
      name: 'Namn',
      municipality: 'Kommun (i registret och filtren)',
      slug: SLUG,
      intro: 'Inledning',
      heroImage: 'Toppbild',
      sections: 'Avsnitt',
      guide: 'Flyttvägledare (publik kontakt)',
      // The one register setting on a content page: what the guides' notice mail may carry.
      guideNoticeFullText: 'Hela registreringen i vägledarens mejl',
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
      contact: 'Kontakt',
      kind: 'Typ',
      summary: 'Vad sades eller gjordes',
      occurredAt: 'När',
      performedBy: 'Av',
      direction: 'Riktning (e-post)',
      messageId: 'Meddelande-id',
      attachments: 'Bilagor',
    },
  },
  [GUIDE_ASSIGNMENT]: {
    mainField: 'queue',
    labels: { user: 'Vägledare', queue: 'Kö', receivesReminders: 'Daglig påminnelse' },
  },
  [ORDER]: {
    labels: {
      name: 'Namn',
      address: 'Adress',
      email: 'E-post',
      edition: 'Utgåva',
      quantity: 'Antal',
      orderStatus: 'Status',
      language: 'Språk',
      exportedAt: 'Exporterad',
      shippedAt: 'Skickad',
      contact: 'Kontakt',
    },
  },
  [CONSENT]: {
    mainField: 'summary',
    labels: {
      summary: 'Samtycke',
      kind: 'Gäller',
      event: 'Givet eller återkallat',
      textVersion: 'Samtyckestext (version)',
      at: 'När',
      source: 'Hur',
      recordedBy: 'Registrerat av',
      email: 'E-post',
      contact: 'Kontakt',
    },
    // Append-only: the platform writes it, nobody edits it.
    readOnly: ['summary', 'kind', 'event', 'textVersion', 'at', 'source', 'recordedBy', 'email', 'contact'],
  },
  [SUBSCRIPTION]: {
    // Strapi's default is the first text field, the confirmation token: a secret, and meaningless.
    mainField: 'email',
    labels: {
      email: 'E-post',
      newsletter: 'Nyhetsbrev',
      subscriptionStatus: 'Status',
      interests: 'Intressen',
      municipalities: 'Kommuner',
      language: 'Språk',
      confirmToken: 'Bekräftelsenyckel',
      unsubscribeToken: 'Avregistreringsnyckel',
      consentAt: 'Samtycke',
      consentVersion: 'Samtyckestext (version)',
      confirmSentAt: 'Bekräftelselänk skickad',
      confirmedAt: 'Bekräftad',
      unsubscribedAt: 'Avregistrerad',
      statusLog: 'Statushistorik',
      bounceCount: 'Antal studsar',
      contact: 'Kontakt',
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
      event: 'Evenemang',
      eventTitle: 'Evenemangets rubrik',
      eventStartsAt: 'Evenemanget börjar',
      name: 'Namn',
      email: 'E-post',
      phone: 'Telefon',
      participants: 'Antal personer',
      message: 'Meddelande',
      registrationStatus: 'Status',
      language: 'Språk',
      cancelToken: 'Avanmälningsnyckel',
      consentAt: 'Samtycke',
      promotedAt: 'Fick plats från väntelistan',
      cancelledAt: 'Avanmäld',
      reminderSentAt: 'Påminnelse skickad',
      contact: 'Kontakt',
    },
    readOnly: ['eventTitle', 'eventStartsAt', 'consentAt', 'promotedAt', 'cancelledAt', 'reminderSentAt'],
  },
  [NETWORK_CONTACT]: {
    mainField: 'name',
    labels: {
      kind: 'Nätverk',
      name: 'Namn',
      organisation: 'Organisation',
      municipality: 'Kommun',
      email: 'E-post',
      phone: 'Telefon',
      language: 'Språk',
      consentAt: 'Samtycke till registret',
      publishConsent: 'Samtycker till publicering på portalen',
      notes: 'Anteckningar',
      ambassador: 'Ambassadörssida',
      coworkingSpace: 'Coworkingsida',
    },
  },
  [NEWSLETTER]: {
    mainField: 'name',
    labels: {
      name: 'Namn',
      nameEn: 'Namn på engelska',
      slug: SLUG,
      description: 'Beskrivning',
      descriptionEn: 'Beskrivning på engelska',
      listed: 'Erbjuds i anmälningsformuläret och inställningssidan',
    },
  },
  [CAMPAIGN]: {
    labels: {
      subject: 'Ämnesrad',
      preheader: 'Förhandstext (visas efter ämnesraden)',
      blocks: 'Innehåll',
      language: 'Språk',
      audience: 'Målgrupp',
      newsletter: 'Nyhetsbrev (tomt = Ta Stegets nyhetsbrev)',
      segment: 'Urval',
      campaignStatus: 'Status',
      scheduledAt: 'Schemalagt till',
      sentAt: 'Skickat',
      recipientCount: 'Antal mottagare',
      sentCount: 'Antal skickade',
      failedCount: 'Antal misslyckade',
    },
    // Built in the side panel from lists (admin/newsletter/SegmentBuilder.tsx): nobody types JSON.
    hidden: ['segment'],
    mainField: 'subject',
    list: ['subject', 'campaignStatus', 'scheduledAt', 'sentAt', 'recipientCount'],
  },
  [DELIVERY]: {
    // The default would be the delivery key; the recipient says more.
    mainField: 'email',
    labels: {
      campaign: 'Utskick',
      email: 'E-post',
      deliveryKey: 'Leveransnyckel',
      deliveryStatus: 'Status',
      attempts: 'Försök',
      messageId: 'Meddelande-id',
      lastError: 'Senaste fel',
      sentAt: 'Skickad',
      campaignDocumentId: 'Utskickets dokument-id',
      nextAttemptAt: 'Nästa försök',
      lockedUntil: 'Låst till',
      bounce: 'Studs',
      bouncedAt: 'Studsade',
      complainedAt: 'Spamanmäld',
    },
  },
  [OUTBOX]: {
    // The default would be the mail's kind, shared by many; the subject tells them apart.
    mainField: 'subject',
    labels: {
      kind: 'Typ av mejl',
      to: 'Till',
      subject: 'Ämne',
      html: 'Innehåll (HTML)',
      text: 'Innehåll (text)',
      replyTo: 'Svar till',
      sendStatus: 'Status',
      attempts: 'Försök',
      nextAttemptAt: 'Nästa försök',
      lockedUntil: 'Låst till',
      lastError: 'Senaste fel',
      sentAt: 'Skickad',
      contact: 'Kontakt',
      messageId: 'Meddelande-id',
      from: 'Från',
      inReplyTo: 'Svar på meddelande',
      calendar: 'Kalenderfil',
    },
  },
  [INBOUND]: {
    mainField: 'subject',
    labels: {
      outcome: 'Utfall',
      fromAddress: 'Från',
      subject: 'Ämne',
      text: 'Text',
      receivedAt: 'Mottaget',
      messageKey: 'Meddelandenyckel',
      lastError: 'Fel',
      resolvedAt: 'Hanterat',
      attachments: 'Bilagor',
    },
  },
  [SUPPRESSION]: {
    mainField: 'email',
    labels: {
      email: 'E-post',
      active: 'Spärrad',
      reason: 'Skäl',
      detail: 'Detalj',
      suppressedAt: 'Spärrad sedan',
      softBounces: 'Tillfälliga studsar',
      softWindowStart: 'Räknas sedan',
      history: 'Historik',
    },
    // Lifted through its side panel, with a reason, never by editing.
    readOnly: [
      'email',
      'active',
      'reason',
      'detail',
      'suppressedAt',
      'softBounces',
      'softWindowStart',
      'history',
    ],
  },
  [AUDIT]: {
    mainField: 'action',
    labels: { action: 'Åtgärd', rule: 'Regel', counts: 'Antal', ranAt: 'När', ranBy: 'Utförd av' },
    readOnly: ['action', 'rule', 'counts', 'ranAt', 'ranBy'],
  },
};

/** The components' fields, labelled the same way wherever the component is used. */
export const COMPONENT_VIEWS: Partial<Record<UID.Component, View>> = {
  'shared.address': { labels: { street: 'Gatuadress', postalCode: 'Postnummer', city: 'Ort' } },
  'shared.rich-text': { labels: { body: 'Text' } },
  'shared.cta': {
    labels: { heading: 'Rubrik', text: 'Text', buttonLabel: 'Knapptext', url: 'Länk (URL)' },
  },
  'shared.link': { labels: { label: 'Länktext', url: 'Länk (URL)' } },
  'shared.seo': {
    labels: {
      metaTitle: 'Titel i sökresultat',
      metaDescription: 'Beskrivning i sökresultat',
      shareImage: 'Bild vid delning',
    },
  },
  'accessibility.shortcoming': {
    labels: {
      description: 'Vad är inte tillgängligt',
      reason: 'Skäl',
      wcagCriteria: 'WCAG-kriterier',
      remedy: 'Vad vi gör och när',
    },
  },
  'shared.guide-contact': { labels: { name: 'Namn', title: 'Titel', email: 'E-post', phone: 'Telefon' } },
  'sections.links': { labels: { heading: 'Rubrik', links: 'Länkar' } },
  'sections.theme-section': {
    labels: { theme: 'Tema', heading: 'Rubrik', body: 'Brödtext', image: 'Bild', links: 'Länkar' },
  },
  'sections.ambassadors': { labels: { heading: 'Rubrik', intro: 'Inledning' } },
  'sections.coworking': { labels: { heading: 'Rubrik', intro: 'Inledning' } },
  'story.person': { labels: { name: 'Namn', age: 'Ålder', movedFrom: 'Flyttade från', occupation: 'Yrke' } },
  'register.postal-address': {
    labels: { careOf: 'c/o', street: 'Gatuadress', postalCode: 'Postnummer', city: 'Ort', country: 'Land' },
  },
  'newsletter.intro-text': { labels: { heading: 'Rubrik', text: 'Text' } },
  'newsletter.story': { labels: { story: 'Berättelse', text: 'Text' } },
  'newsletter.article': { labels: { article: 'Nyhet', text: 'Text' } },
  'newsletter.event-invitation': { labels: { event: 'Evenemang', text: 'Text' } },
  'newsletter.magazine': { labels: { edition: 'Utgåva', text: 'Text' } },
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
          place.label = label;
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

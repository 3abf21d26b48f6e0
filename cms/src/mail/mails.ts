import type { Core } from '@strapi/strapi';
import {
  CONTACT_SOURCES,
  MOVE_TIMES,
  PREFERRED_CHANNELS,
  REGION,
  TOPICS,
  formatPhone,
  municipalityName,
  preferenceCentreUrl,
  type Locale,
  type MunicipalitySlug,
  type QueueOwner,
  type Topic,
} from '@tasteget/shared';
import { environment } from '../platform/environment';
import { linkToken } from '../platform/link-tokens';
import { mailLinkUrl } from '../intake/endpoints';
import { subscriberReplyAddress } from './addresses';
import { renderMail } from './layout';
import { CONTACT, KOMMUN } from '../platform/content-types';

/** The mails of the intake: what the visitor, the guides and subscribers receive. */
export interface OutgoingMail {
  kind: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  /**
   * The contact whose conversation this mail is in: its answers come back to the contact's card
   * (Reply-To svar+<token>@, and a Message-ID a reply's In-Reply-To points back with).
   */
  conversation?: string;
  /** Another sender than MAIL_FROM (a guide writing from the card). */
  from?: string;
  /** The message this one answers (threads it in the person's mail program). */
  inReplyTo?: string;
  /** The thread's Message-IDs up to the one answered, space-separated (In-Reply-To's when absent). */
  references?: string;
  /** An iCalendar file sent along (an event the person signed up to). */
  calendar?: string;
}

const FOOTER: Record<Locale, string> = {
  sv: 'Ta Steget – flytta till Jämtland Härjedalen. Ett samarbete mellan Region Jämtland Härjedalen och länets åtta kommuner.',
  en: 'Ta Steget – move to Jämtland Härjedalen. A cooperation of Region Jämtland Härjedalen and the county’s eight municipalities.',
};

const dateFormat = (language: Locale) =>
  new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'Europe/Stockholm',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });

/** The signed link to the person's newsletter preferences (contacts/preferences.ts reads it). */
function preferencesLink(contactDocumentId: string, l: Locale) {
  const token = linkToken('newsletter-preferences', contactDocumentId);
  return {
    label: l === 'sv' ? 'Välj vilka nyhetsbrev du får.' : 'Choose which newsletters you get.',
    url: preferenceCentreUrl(environment().PUBLIC_URL, token),
  };
}

// A card saved before empty choices were stored as lists may hold none at all.
const names = (list: readonly MunicipalitySlug[] | null) => (list ?? []).map(municipalityName).join(', ');
const queueName = (owner: QueueOwner, language: Locale) =>
  owner === REGION ? (language === 'sv' ? 'regionen' : 'the region') : municipalityName(owner);

export interface RegisteredContact {
  documentId: string;
  firstName: string;
  lastName?: string | null;
  email: string;
  phone?: string | null;
  preferredChannel: 'email' | 'phone';
  householdSize?: number | null;
  children?: number | null;
  municipalities: MunicipalitySlug[];
  topics: Topic[];
  occupation?: string | null;
  currentLocation?: string | null;
  plannedMoveTime?: keyof typeof MOVE_TIMES.labels | null;
  source: keyof typeof CONTACT_SOURCES.labels;
  assignedMunicipality: QueueOwner;
  firstResponseDueAt: string | Date;
  firstRespondedAt?: string | Date | null;
  language: Locale;
}

/**
 * What the mails of a registration may promise. The first response's deadline runs from the first
 * registration and a return visit does not move it: while it is ahead it is named; once it has
 * passed unanswered the promise is "as soon as possible"; once answered, no deadline is named
 * (a date from months ago, or one already passed, would be a broken promise).
 */
type FirstResponse = { state: 'due' | 'overdue'; due: Date } | { state: 'answered'; at: Date };
function firstResponse(contact: RegisteredContact, now = new Date()): FirstResponse {
  if (contact.firstRespondedAt) return { state: 'answered', at: new Date(contact.firstRespondedAt) };
  const due = new Date(contact.firstResponseDueAt);
  return { state: due.getTime() >= now.getTime() ? 'due' : 'overdue', due };
}

const fullDateFormat = (language: Locale) =>
  new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'Europe/Stockholm',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

/** The visitor's written receipt, also to those who prefer a phone call. */
/**
 * How the receipt says the way the household will be contacted: a phone number by its last two
 * digits only, enough to recognise it, too little to give it away in a mistyped address's inbox.
 */
function contactBy(contact: RegisteredContact, channel: string, l: Locale): string {
  if (contact.preferredChannel !== 'phone') return `${channel}: ${contact.email}`;
  const digits = contact.phone ? formatPhone(contact.phone).replace(/\D/g, '') : '';
  if (digits.length < 2) return channel;
  const end = digits.slice(-2);
  return l === 'sv' ? `${channel}, numret som slutar på ${end}` : `${channel}, the number ending in ${end}`;
}

const FIRST_SUMMARY: Record<Locale, string> = {
  sv: 'Här är en sammanfattning av det du skickade. Svara på det här mejlet om något behöver ändras.',
  en: 'Here is a summary of what you sent. Reply to this e-mail if anything needs changing.',
};
const RETURN_VISIT: Record<'added' | 'held' | 'summary', Record<Locale, string>> = {
  added: {
    sv: 'Du var redan registrerad hos oss, så det du skickade nu har lagts till din registrering.',
    en: 'You were already registered with us, so what you sent now has been added to your registration.',
  },
  held: {
    sv: 'Namn, telefonnummer, kontaktsätt och språk ändras inte genom formuläret när du redan är registrerad. Svara på det här mejlet om något av dem ska ändras, så hjälper din flyttvägledare dig. Har du inte skickat formuläret själv? Svara och berätta det.',
    en: 'Your name, phone number, way of contact and language do not change through the form once you are registered. Reply to this e-mail if any of them should change, and your relocation guide will help. Did you not send the form yourself? Reply and tell us.',
  },
  summary: {
    sv: 'Så här ser din registrering ut nu. Svara på det här mejlet om något behöver ändras.',
    en: 'This is your registration now. Reply to this e-mail if anything needs changing.',
  },
};

/**
 * A return visit's receipt says the registration was added to, and, when the form gave another
 * name, number, channel or language than the card's, that those change only through the guide
 * (registrations.ts holds them): the address's owner learns of a change they did not make.
 */
export type ReturnVisit = { heldChanges: boolean };

export function registrationReceipt(
  contact: RegisteredContact,
  message: string | undefined,
  returnVisit?: ReturnVisit,
): OutgoingMail {
  const l = contact.language;
  const channel = PREFERRED_CHANNELS.labels[contact.preferredChannel][l].toLowerCase();
  const who = queueName(contact.assignedMunicipality, l);
  const response = firstResponse(contact);
  const promise =
    response.state === 'answered'
      ? l === 'sv'
        ? `Din flyttvägledare i ${who} har fått dina nya uppgifter och hör av sig via ${channel}.`
        : `Your relocation guide in ${who} has your new details and will be in touch by ${channel}.`
      : response.state === 'overdue'
        ? l === 'sv'
          ? `En flyttvägledare i ${who} kontaktar dig via ${channel} så snart som möjligt.`
          : `A relocation guide in ${who} will contact you by ${channel} as soon as possible.`
        : l === 'sv'
          ? `En flyttvägledare i ${who} kontaktar dig via ${channel} senast ${dateFormat(l).format(response.due)}.`
          : `A relocation guide in ${who} will contact you by ${channel} by ${dateFormat(l).format(response.due)}.`;
  const facts: [string, string][] = [
    [
      l === 'sv' ? 'Kommuner' : 'Municipalities',
      names(contact.municipalities) || (l === 'sv' ? 'Ingen vald ännu' : 'None chosen yet'),
    ],
    [l === 'sv' ? 'Ämnen' : 'Topics', contact.topics.map((t) => TOPICS.labels[t][l]).join(', ') || '–'],
    [l === 'sv' ? 'Kontakt via' : 'Contact by', contactBy(contact, channel, l)],
  ];
  // The message is not quoted back: it is the household's own words, often about health, work or
  // family, and this mail goes to whatever address was typed, right or mistyped.
  if (message) {
    facts.push([
      l === 'sv' ? 'Ditt meddelande' : 'Your message',
      l === 'sv'
        ? 'Har kommit fram och finns hos flyttvägledaren.'
        : 'Received; your relocation guide has it.',
    ]);
  }
  const { html, text } = renderMail({
    language: l,
    heading:
      l === 'sv'
        ? `Tack för din registrering, ${contact.firstName}!`
        : `Thank you for registering, ${contact.firstName}!`,
    paragraphs: [
      ...(returnVisit ? [RETURN_VISIT.added[l]] : []),
      promise,
      ...(returnVisit?.heldChanges ? [RETURN_VISIT.held[l]] : []),
      returnVisit ? RETURN_VISIT.summary[l] : FIRST_SUMMARY[l],
    ],
    facts,
    footer: FOOTER[l],
    footerLinks: [
      {
        label:
          l === 'sv'
            ? 'Vill du inte längre bli kontaktad? Återkalla ditt samtycke.'
            : 'No longer want to be contacted? Withdraw your consent.',
        url: mailLinkUrl(
          '/contact-consent/withdraw',
          linkToken('withdraw-contact-consent', contact.documentId),
          environment().PUBLIC_URL,
        ),
      },
      preferencesLink(contact.documentId, l),
    ],
  });
  return {
    kind: 'registration-receipt',
    conversation: contact.documentId,
    to: [contact.email],
    subject: l === 'sv' ? 'Tack för din registrering – Ta Steget' : 'Thank you for registering – Ta Steget',
    html,
    text,
  };
}

/** The guides' addresses a notice goes to, each with whether the full text may go there. */
export type GuideRecipients = { to: string; fullText: boolean }[];

/**
 * Who gets the notice of a new registration: the guide of each chosen municipality (the kommun
 * page's guide, else the region's address), or the region's address when none was chosen. Each
 * municipality's own `guideNoticeFullText` (on its kommun page, not public) says whether its guide
 * gets the household's details; an address standing in for several municipalities gets them only
 * when all of those asked.
 */
export async function guideRecipients(
  strapi: Core.Strapi,
  municipalities: readonly MunicipalitySlug[],
): Promise<GuideRecipients> {
  const region = environment().REGION_GUIDE_EMAIL;
  if (municipalities.length === 0) return [{ to: region, fullText: false }];
  const kommuner = (await strapi.documents(KOMMUN).findMany({
    filters: { municipality: { $in: [...municipalities] } },
    locale: 'sv',
    status: 'published',
    fields: ['municipality', 'guideNoticeFullText'],
    populate: ['guide'],
  } as never)) as unknown as {
    municipality: MunicipalitySlug;
    guideNoticeFullText?: boolean | null;
    guide?: { email?: string | null } | null;
  }[];
  const recipients = new Map<string, boolean>();
  for (const municipality of municipalities) {
    const kommun = kommuner.find((k) => k.municipality === municipality);
    const to = kommun?.guide?.email ?? region;
    const fullText = kommun?.guideNoticeFullText === true;
    recipients.set(to, (recipients.get(to) ?? true) && fullText);
  }
  return [...recipients].map(([to, fullText]) => ({ to, fullText }));
}

/** The contact card in the admin, where guides log the dialog. */
export const contactCardUrl = (documentId: string) =>
  `${environment().PUBLIC_URL}/admin/content-manager/collection-types/${CONTACT}/${documentId}`;

/**
 * The notices to the chosen municipalities' guides: who, which way they want to be reached, by
 * when, and the link to the contact card. Nothing more by default: mail leaves the register, so
 * the household's address, phone, message and circumstances stay on the card. A municipality that
 * wants them in the mail sets `guideNoticeFullText` on its kommun page, and only its guide gets
 * them: one mail to the guides with the full text, one to the others. Guides read Swedish.
 */
export function guideNotices(
  contact: RegisteredContact,
  recipients: GuideRecipients,
  message: string | undefined,
  isReturning: boolean,
  /** A return visit's form gave another name, number, channel or language, held for the guide. */
  heldChanges = false,
): OutgoingMail[] {
  return [true, false].flatMap((fullText) => {
    const to = recipients.filter((r) => r.fullText === fullText).map((r) => r.to);
    return to.length > 0 ? [guideNotice(contact, to, fullText, message, isReturning, heldChanges)] : [];
  });
}

function guideNotice(
  contact: RegisteredContact,
  to: string[],
  fullText: boolean,
  message: string | undefined,
  isReturning: boolean,
  heldChanges: boolean,
): OutgoingMail {
  const response = firstResponse(contact);
  const [deadline, subjectDeadline] =
    response.state === 'answered'
      ? [`Kontakten fick sitt första svar ${fullDateFormat('sv').format(response.at)}.`, 'redan besvarad']
      : response.state === 'overdue'
        ? [
            `Första svar skulle ha getts senast ${fullDateFormat('sv').format(response.due)}: svara snarast, på den kanal kontakten valt.`,
            'svara snarast',
          ]
        : [
            `Första svar senast ${dateFormat('sv').format(response.due)}, på den kanal kontakten valt.`,
            `svara senast ${dateFormat('sv').format(response.due)}`,
          ];
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  const facts: [string, string][] = [
    ['Vill bli kontaktad via', contact.preferredChannel === 'phone' ? 'Telefon' : 'E-post'],
    // The language to answer in, which a form in English says nothing of otherwise.
    ['Språk', contact.language === 'en' ? 'Engelska' : 'Svenska'],
    ['Ansvarig', queueName(contact.assignedMunicipality, 'sv')],
    ['Kommuner', names(contact.municipalities) || 'Ingen (regionens kö)'],
  ];
  if (fullText) {
    facts.push(
      ['Ämnen', (contact.topics ?? []).map((t) => TOPICS.labels[t].sv).join(', ') || '–'],
      [
        'Hushåll',
        contact.householdSize
          ? `${contact.householdSize} personer, varav ${contact.children ?? 'okänt antal'} barn`
          : 'ej angivet',
      ],
      ['Yrke/bransch', contact.occupation ?? '–'],
      ['Bor nu', contact.currentLocation ?? '–'],
      ['Planerad flytt', contact.plannedMoveTime ? MOVE_TIMES.labels[contact.plannedMoveTime].sv : '–'],
      ['Källa', CONTACT_SOURCES.labels[contact.source].sv],
      ['E-post', contact.email],
      ['Telefon', contact.phone ? formatPhone(contact.phone) : '–'],
    );
    if (message) facts.push(['Meddelande', message]);
  }
  const { html, text } = renderMail({
    language: 'sv',
    heading: isReturning ? `Ny registrering från befintlig kontakt: ${name}` : `Ny kontakt: ${name}`,
    paragraphs: [
      deadline,
      // Without the new values: who asks for a change is confirmed on the card's number or address.
      ...(heldChanges
        ? [
            'Formuläret angav ett annat namn, telefonnummer, kontaktsätt eller språk än kortet har. Det står i kortets logg: bekräfta med personen innan du ändrar kortet.',
          ]
        : []),
      ...(fullText ? [] : ['Kontaktuppgifter och meddelande finns på kontaktkortet.']),
    ],
    facts,
    button: {
      label: 'Öppna kontaktkortet',
      url: contactCardUrl(contact.documentId),
    },
    footer: 'Skickat av Ta Stegets kontaktregister.',
  });
  return {
    kind: 'guide-notice',
    to,
    subject: `${isReturning ? 'Ny registrering' : 'Ny kontakt'}: ${name} (${queueName(contact.assignedMunicipality, 'sv')}) – ${subjectDeadline}`,
    html,
    text,
    // Answering the household from the notice is the full text's choice: by default the guide
    // answers from the card, on the channel the household chose.
    ...(fullText ? { replyTo: contact.email } : {}),
  };
}

/**
 * The order's receipt names where it goes by postal code and town only, as the registration's
 * receipt names a phone by its last digits: a mistyped address's inbox learns no one's home.
 */
export function magazineOrderReceipt(order: {
  email: string;
  quantity: number;
  editionTitle: string;
  /** Postal code and town (and the country outside Sweden): never the street or the name. */
  town: string;
  language: Locale;
  /** The orderer's contact, whose card a reply lands on; else a reply goes to the sender's mailbox. */
  conversation?: string;
}): OutgoingMail {
  const l = order.language;
  const { html, text } = renderMail({
    language: l,
    heading: l === 'sv' ? 'Tack för din beställning!' : 'Thank you for your order!',
    paragraphs:
      l === 'sv'
        ? [
            `Vi skickar ${order.quantity} ex av ${order.editionTitle} till dig med posten.`,
            'Stämmer inte orten, eller har du inte beställt? Svara på det här mejlet.',
          ]
        : [
            `We will post ${order.quantity} ${order.quantity === 1 ? 'copy' : 'copies'} of ${order.editionTitle} to you.`,
            'Is the town wrong, or did you not order? Reply to this e-mail.',
          ],
    facts: [[l === 'sv' ? 'Skickas till' : 'Posted to', order.town]],
    footer: FOOTER[l],
  });
  return {
    kind: 'magazine-order-receipt',
    to: [order.email],
    subject: l === 'sv' ? `Din beställning av ${order.editionTitle}` : `Your order of ${order.editionTitle}`,
    html,
    text,
    ...(order.conversation ? { conversation: order.conversation } : {}),
  };
}

/**
 * Double opt-in: the link opens a page whose button confirms (mail scanners follow links). One
 * mail for the newsletters one request asked for. Its replies come back: to the contact's card
 * when the address is a contact's, else to the review list.
 */
export function subscriptionConfirmation(subscription: {
  email: string;
  confirmToken: string;
  language: Locale;
  /** The newsletters to confirm, by name in the subscriber's language. */
  newsletters: readonly string[];
  /** The contact the address belongs to, if any. */
  conversation?: string;
  /** One of the subscriptions, whose reply address a non-contact's answer comes back by. */
  subscriptionDocumentId: string;
}): OutgoingMail {
  const l = subscription.language;
  const url = mailLinkUrl('/newsletter/confirm', subscription.confirmToken, environment().PUBLIC_URL);
  const names = subscription.newsletters.join(', ');
  const several = subscription.newsletters.length > 1;
  // "the newsletter Ta Stegets nyhetsbrev" says it twice: a name that says it needs no word before.
  const named = (word: RegExp, singular: string, plural: string) =>
    subscription.newsletters.every((n) => word.test(n)) ? names : `${several ? plural : singular} ${names}`;
  const { html, text } = renderMail({
    language: l,
    heading: l === 'sv' ? 'Bekräfta din prenumeration' : 'Confirm your subscription',
    paragraphs:
      l === 'sv'
        ? [
            `Du har anmält dig till ${named(/nyhetsbrev/i, 'nyhetsbrevet', 'nyhetsbreven')}. Bekräfta att det var du genom att öppna länken och trycka på knappen.`,
            'Om det inte var du kan du strunta i det här mejlet – då händer ingenting.',
          ]
        : [
            `You signed up for ${named(/newsletter/i, 'the newsletter', 'the newsletters')}. Confirm it was you by opening the link and pressing the button.`,
            'If it was not you, ignore this e-mail and nothing will happen.',
          ],
    button: { label: l === 'sv' ? 'Bekräfta prenumerationen' : 'Confirm the subscription', url },
    footer: FOOTER[l],
  });
  return {
    kind: 'subscription-confirmation',
    to: [subscription.email],
    subject: l === 'sv' ? `Bekräfta din prenumeration: ${names}` : `Confirm your subscription: ${names}`,
    html,
    text,
    ...(subscription.conversation
      ? { conversation: subscription.conversation }
      : { replyTo: subscriberReplyAddress(subscription.subscriptionDocumentId) }),
  };
}

/**
 * The answer to a subscribe form for newsletters the address already receives: the page says the
 * same as to a new subscriber (it must not tell a stranger who subscribes), and this mail tells
 * the address's owner, with the way to their preferences.
 */
export function alreadySubscribed(subscription: {
  email: string;
  language: Locale;
  newsletters: readonly string[];
  /** A subscription's unsubscribe token, which opens the preference centre. */
  preferencesToken: string;
}): OutgoingMail {
  const l = subscription.language;
  const url = preferenceCentreUrl(environment().PUBLIC_URL, subscription.preferencesToken);
  const names = subscription.newsletters.join(', ');
  const { html, text } = renderMail({
    language: l,
    heading: l === 'sv' ? 'Du prenumererar redan' : 'You already subscribe',
    paragraphs:
      l === 'sv'
        ? [
            `Någon anmälde den här adressen till ${names}, som du redan får. Inget har ändrats i vad du får.`,
            'Vill du ändra vilka nyhetsbrev, ämnen eller kommuner du får, gör det i dina inställningar.',
          ]
        : [
            `Someone signed this address up for ${names}, which you already receive. Nothing has changed in what you get.`,
            'To change which newsletters, topics or municipalities you receive, use your preferences.',
          ],
    button: { label: l === 'sv' ? 'Mina inställningar' : 'My preferences', url },
    footer: FOOTER[l],
  });
  return {
    kind: 'subscription-confirmation',
    to: [subscription.email],
    subject: l === 'sv' ? `Du prenumererar redan: ${names}` : `You already subscribe: ${names}`,
    html,
    text,
  };
}

/**
 * The guide's notice that a contact answered by mail: one per conversation (the first answer
 * after the guide last wrote), with the card link. The answer itself stays on the card: mail
 * carries no more than the guide needs to act.
 */
export function replyNotice(
  contact: { documentId: string; firstName: string; lastName?: string | null },
  to: string[],
): OutgoingMail {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  const { html, text } = renderMail({
    language: 'sv',
    heading: `${name} har svarat`,
    paragraphs: ['Svaret finns i dialogen på kontaktkortet. Svara därifrån, så loggas ditt svar också.'],
    button: { label: 'Öppna kontaktkortet', url: contactCardUrl(contact.documentId) },
    footer: 'Skickat av Ta Stegets kontaktregister.',
  });
  return { kind: 'reply-notice', to, subject: `Svar från ${name}`, html, text };
}

/** What an event mail says: signed up, waiting in line, given a place from the line, or tomorrow. */
export type EventMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder' | 'cancelled';

export function eventRegistrationMail(
  kind: EventMailKind,
  event: { title: string; slug: string; startsAt: string; place: string | null; language: Locale },
  registration: {
    name: string;
    email: string;
    participants: number;
    cancelToken: string;
    calendar?: string;
    /** Sent again to a second sign-up from the same address: the first one stands. */
    already?: boolean;
  },
): OutgoingMail {
  const l = event.language;
  const when = new Intl.DateTimeFormat(l === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(event.startsAt));
  const cancelUrl = mailLinkUrl(
    '/event-registrations/cancel',
    registration.cancelToken,
    environment().PUBLIC_URL,
  );
  const texts = {
    confirmed: {
      sv: {
        subject: `Du är anmäld: ${event.title}`,
        lead: `Välkommen! Du är anmäld till ${event.title}. Evenemanget finns i kalenderfilen i mejlet.`,
      },
      en: {
        subject: `You are signed up: ${event.title}`,
        lead: `Welcome! You are signed up for ${event.title}. The event is in the calendar file of this e-mail.`,
      },
    },
    waitlisted: {
      sv: {
        subject: `Du står på väntelistan: ${event.title}`,
        lead: `${event.title} är fullt just nu, så du står på väntelistan. Blir en plats ledig får du ett mejl.`,
      },
      en: {
        subject: `You are on the waiting list: ${event.title}`,
        lead: `${event.title} is full right now, so you are on the waiting list. If a place frees up, you get an e-mail.`,
      },
    },
    promoted: {
      sv: {
        subject: `Du har fått en plats: ${event.title}`,
        lead: `En plats blev ledig och den är din. Evenemanget finns i kalenderfilen i mejlet.`,
      },
      en: {
        subject: `You have a place: ${event.title}`,
        lead: `A place freed up and it is yours. The event is in the calendar file of this e-mail.`,
      },
    },
    reminder: {
      sv: { subject: `I morgon: ${event.title}`, lead: `Påminnelse: ${event.title} är i morgon. Välkommen!` },
      en: { subject: `Tomorrow: ${event.title}`, lead: `A reminder: ${event.title} is tomorrow. Welcome!` },
    },
    cancelled: {
      sv: {
        subject: `Du är avanmäld: ${event.title}`,
        lead: `Din anmälan till ${event.title} är avbokad.${registration.calendar ? ' Hade du evenemanget i kalendern tar kalenderfilen i mejlet bort det.' : ''} Vill du komma ändå är du välkommen att anmäla dig igen.`,
      },
      en: {
        subject: `Your sign-up is cancelled: ${event.title}`,
        lead: `Your sign-up for ${event.title} is cancelled.${registration.calendar ? ' If the event is in your calendar, the calendar file of this e-mail removes it.' : ''} If you want to come after all, you are welcome to sign up again.`,
      },
    },
  }[kind][l];
  const cancelled = kind === 'cancelled';
  const { html, text } = renderMail({
    language: l,
    heading: texts.subject,
    paragraphs: cancelled
      ? [texts.lead]
      : [
          ...(registration.already
            ? [
                l === 'sv'
                  ? `Du var redan anmäld med den här adressen, så den nya anmälan ändrade inget. Vill du ändra antalet personer (nu ${registration.participants}): avanmäl dig via länken och anmäl dig igen.`
                  : `You were already signed up with this address, so the new sign-up changed nothing. To change the number of people (now ${registration.participants}), cancel through the link and sign up again.`,
              ]
            : []),
          texts.lead,
          l === 'sv'
            ? 'Kan du inte komma? Avanmäl dig via länken, så får någon på väntelistan din plats.'
            : 'Cannot come? Cancel through the link, so someone on the waiting list gets your place.',
        ],
    facts: [
      [l === 'sv' ? 'När' : 'When', when],
      ...(event.place ? ([[l === 'sv' ? 'Var' : 'Where', event.place]] as [string, string][]) : []),
      [l === 'sv' ? 'Antal personer' : 'People', String(registration.participants)],
      [l === 'sv' ? 'Namn' : 'Name', registration.name],
    ],
    ...(cancelled
      ? {}
      : { button: { label: l === 'sv' ? 'Avanmäl mig' : 'Cancel my sign-up', url: cancelUrl } }),
    footer: FOOTER[l],
  });
  return {
    kind: `event-${kind}`,
    to: [registration.email],
    subject: texts.subject,
    html,
    text,
    ...(registration.calendar ? { calendar: registration.calendar } : {}),
  };
}

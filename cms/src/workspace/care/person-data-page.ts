import type { Core, UID } from '@strapi/strapi';
import escapeHtml from 'escape-html';
import {
  SUPPRESSION_EVENTS,
  TOPICS,
  enumLabels,
  stockholmDateTime,
  type Label,
  type Locale,
} from '@tasteget/shared';
import type { FieldLabels } from '../../platform/plain-validation';
import { PERSON_DATA_TYPES, type PersonData, type PersonExport } from './person-data';

/**
 * A person's data as the person can read it (GDPR art. 15 and 12: "in a concise, transparent,
 * intelligible and easily accessible form"): one HTML page in their language, a section per kind
 * of record with every field named as staff see it in the admin and every value in words (dates
 * in Swedish time, choices by their labels). The JSON export stays the complete, machine-readable
 * copy; this page leaves out only the sending's bookkeeping (Message-IDs, attempts, locks), and
 * says so.
 */
const SECTIONS: Record<keyof PersonData, Label> = {
  contacts: { sv: 'Kontaktkort', en: 'Contact cards' },
  activities: { sv: 'Dialog och händelser på kontaktkortet', en: 'Dialog and events on the contact card' },
  magazineOrders: { sv: 'Beställningar av magasinet', en: 'Orders of the magazine' },
  newsletterSubscriptions: { sv: 'Prenumerationer på nyhetsbrev', en: 'Newsletter subscriptions' },
  newsletterDeliveries: { sv: 'Nyhetsbrev som skickats till dig', en: 'Newsletters sent to you' },
  outboxMessages: { sv: 'Andra mejl som skickats till dig', en: 'Other e-mail sent to you' },
  consentRecords: { sv: 'Samtycken', en: 'Consents' },
  inboundMessages: { sv: 'Mejl från dig som väntar på granskning', en: 'E-mail from you waiting for review' },
  eventRegistrations: { sv: 'Anmälningar till evenemang', en: 'Event sign-ups' },
  networkContacts: { sv: 'Nätverk (ambassadörer, coworking)', en: 'Networks (ambassadors, coworking)' },
  suppressions: { sv: 'Spärrar mot utskick', en: 'Blocks on sending' },
};

/** The sending's bookkeeping, and links between records: in the JSON copy only. */
const BOOKKEEPING = new Set([
  'id',
  'documentId',
  'locale',
  'localizations',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'html',
  'messageId',
  'inReplyTo',
  'references',
  'attempts',
  'nextAttemptAt',
  'lockedUntil',
  'deliveryKey',
  'campaignDocumentId',
  'replyTo',
  'messageKey',
  'newsletterDocumentId',
]);

/** Strapi's own fields, which no view labels. */
const SYSTEM_LABELS: Record<string, Label> = {
  createdAt: { sv: 'Registrerad', en: 'Recorded' },
  updatedAt: { sv: 'Senast ändrad', en: 'Last changed' },
};

const TEXTS = {
  title: { sv: 'Dina personuppgifter hos Ta Steget', en: 'Your personal data at Ta Steget' },
  intro: {
    sv: (email: string, at: string) =>
      `Det här är allt som Ta Stegets register har om e-postadressen ${email}, uttaget ${at} (svensk tid).`,
    en: (email: string, at: string) =>
      `This is everything the Ta Steget register holds about the e-mail address ${email}, taken out on ${at} (Swedish time).`,
  },
  complete: {
    sv: 'Tekniska uppgifter om utskicken (meddelande-id, sändningsförsök) finns i den maskinläsbara kopian (JSON), som du också kan få.',
    en: 'Technical details of the sending (message IDs, delivery attempts) are in the machine-readable copy (JSON), which you can also have.',
  },
  none: { sv: 'Inga uppgifter.', en: 'Nothing recorded.' },
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
  by: { sv: 'av', en: 'by' },
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A choice's label: the shared vocabularies', by raw value. */
function choice(value: string, l: Locale): string {
  return enumLabels[l][value] ?? (TOPICS.labels as Record<string, Label>)[value]?.[l] ?? value;
}

/** A choice's or a block event's label, by raw value. */
function choiceOrEvent(value: unknown, l: Locale): string | null {
  if (typeof value !== 'string' || !value) return null;
  return (SUPPRESSION_EVENTS.labels as Record<string, Label>)[value]?.[l] ?? choice(value, l);
}

/**
 * An entry of a status log or a block's history ({at, from, to | event, reason, detail, note, by})
 * as one line: "2026-03-15 10:00: Bekräftad → Avregistrerad: Ringde (av Sam)".
 */
function logLine(entry: Record<string, unknown>, l: Locale): string {
  const change =
    'from' in entry || 'to' in entry
      ? [choiceOrEvent(entry.from, l), choiceOrEvent(entry.to, l)].filter(Boolean).join(' → ')
      : [choiceOrEvent(entry.event, l), entry.reason && `(${choiceOrEvent(entry.reason, l)})`]
          .filter(Boolean)
          .join(' ');
  // A status change's reason is the coordinator's words; a block's is a choice, worded above.
  const words = ['from' in entry ? entry.reason : undefined, entry.detail, entry.note]
    .filter((text): text is string => typeof text === 'string' && text !== '')
    .join(' ');
  const by = typeof entry.by === 'string' && entry.by ? ` (${TEXTS.by[l]} ${entry.by})` : '';
  return `${inWords(entry.at, l, false) ?? ''}: ${[change, words].filter(Boolean).join(': ')}${by}`;
}

const isLogEntry = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && 'at' in value && ('event' in value || 'to' in value);

/** A value in words, or null for one that says nothing (empty, null). */
function inWords(value: unknown, l: Locale, isChoice: boolean): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? TEXTS.yes[l] : TEXTS.no[l];
  if (value instanceof Date) return stockholmDateTime(value);
  if (typeof value === 'string') {
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return stockholmDateTime(new Date(value));
    return isChoice ? choice(value, l) : value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every(isLogEntry)) {
    return value.length ? value.map((entry) => logLine(entry, l)).join('\n') : null;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => inWords(item, l, true)).filter((item): item is string => item !== null);
    return items.length ? items.join(', ') : null;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // A person on staff, an edition, an attachment, an address: their words, not their ids.
    if ('firstname' in record) return [record.firstname, record.lastname].filter(Boolean).join(' ');
    if ('title' in record) return String(record.title);
    if ('filename' in record) return String(record.filename);
    const parts = Object.entries(record)
      .filter(([key]) => !BOOKKEEPING.has(key))
      .map(([, inner]) => inWords(inner, l, false))
      .filter((part): part is string => part !== null);
    return parts.length ? parts.join(', ') : null;
  }
  return String(value);
}

function recordTable(
  strapi: Core.Strapi,
  labels: FieldLabels,
  uid: UID.ContentType,
  row: Record<string, unknown>,
  l: Locale,
): string {
  const attributes = strapi.getModel(uid).attributes as Record<string, { type?: string }>;
  // A line of the dialog log the platform wrote in both languages is read in the copy's language.
  const { summaryEn, ...record } = row;
  if (l === 'en' && typeof summaryEn === 'string' && summaryEn) record.summary = summaryEn;
  const rows = Object.entries(record)
    .filter(([field]) => !BOOKKEEPING.has(field))
    .map(([field, value]) => {
      const said = inWords(value, l, attributes[field]?.type === 'enumeration');
      if (said === null) return '';
      const label = labels[uid]?.[field] ?? SYSTEM_LABELS[field];
      return `<tr><th scope="row">${escapeHtml(label?.[l] ?? field)}</th><td>${escapeHtml(said)}</td></tr>`;
    })
    .join('');
  return `<table>${rows}</table>`;
}

export function personDataPage(
  strapi: Core.Strapi,
  labels: FieldLabels,
  data: PersonExport,
  language: Locale,
): string {
  const l = language;
  const e = escapeHtml;
  const sections = (Object.keys(SECTIONS) as (keyof PersonData)[])
    .map((key) => {
      const rows = data[key] as Record<string, unknown>[];
      const body = rows.length
        ? rows.map((row) => recordTable(strapi, labels, PERSON_DATA_TYPES[key], row, l)).join('\n')
        : `<p>${e(TEXTS.none[l])}</p>`;
      return `<section><h2>${e(SECTIONS[key][l])} (${rows.length})</h2>\n${body}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${l}"><head><meta charset="utf-8"><title>${e(TEXTS.title[l])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:Arial,sans-serif;color:#1b2a2f;margin:24px;max-width:60rem;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:0 0 1.25rem}
th,td{border:1px solid #c5cfd2;padding:6px 8px;text-align:left;vertical-align:top}
th{width:16rem;font-weight:600;background:#f3f6f7}td{white-space:pre-wrap;overflow-wrap:anywhere}
@media print{body{margin:0}section{break-inside:avoid-page}}
</style></head>
<body><h1>${e(TEXTS.title[l])}</h1>
<p>${e(TEXTS.intro[l](data.email, stockholmDateTime(new Date(data.exportedAt))))}</p>
<p>${e(TEXTS.complete[l])}</p>
${sections}
</body></html>`;
}

/** The language to write to the person in: their contact card's, else their subscriptions', else Swedish. */
export function personLanguage(data: PersonExport): Locale {
  const said = [...data.contacts, ...data.newsletterSubscriptions]
    .map((row) => (row as { language?: unknown }).language)
    .find((language) => language === 'sv' || language === 'en');
  return (said as Locale | undefined) ?? 'sv';
}

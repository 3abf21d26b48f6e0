import type { Core, UID } from '@strapi/strapi';
import { normalizeEmail } from '@tasteget/shared';
import { activityIdsOf } from '../../contacts/activities';
import { dropWaitingRegistrations } from '../../intake/inbox';
import { writeAudit } from './audit';
import {
  ACTIVITY,
  CONSENT,
  CONTACT,
  DELIVERY,
  EVENT_REGISTRATION,
  NETWORK_CONTACT,
  ORDER,
  OUTBOX,
  INBOUND,
  SUBSCRIPTION,
  SUPPRESSION,
} from '../../platform/content-types';
import { privateFilesIn, removePrivateFiles, type PrivateFile } from '../../platform/private-files';

/**
 * A person's rights under the GDPR, from the admin: everything the register holds about one
 * e-mail address, exported as JSON or erased. Both are logged anonymously (counts only).
 * "Linked to the e-mail" means: contacts with that address, their activities, magazine orders and
 * subscriptions with that address or linked to those contacts, newsletter deliveries to it, and
 * mail in the outbox to it or about those contacts, the consent log of the address or those
 * contacts, sign-ups to events, network contacts with that address, and its entries in the
 * suppression list (with their history and the reasons staff gave).
 */

/** Secrets of ours, not data about the person. */
const OMITTED = new Set(['confirmToken', 'unsubscribeToken', 'cancelToken', 'lockedUntil']);

/**
 * What the person gave and got, without the secrets in it: a link's token (confirm, withdraw,
 * preferences, unsubscribe, cancel) and the signature in our reply and bounce addresses and
 * conversation Message-IDs (`<c.<id>.<signature>.<random>@…>`, in activities, sent and received
 * mail alike) would let whoever holds the export act for the person. Sent mail loses its HTML
 * part: the text part says the same.
 */
const TOKEN_IN_LINK = /([?&]token=)[^&\s"'<>)\]]+/g;
const SIGNATURE_IN_ADDRESS = /\.[a-z2-7]{20}(?=@)/gi;
const SIGNATURE_IN_MESSAGE_ID = /(\bc\.[a-z0-9-]{1,40})\.[a-z2-7]{20}(?=\.)/gi;
function withoutSecrets(value: unknown): unknown {
  if (typeof value === 'string') {
    return value
      .replace(TOKEN_IN_LINK, '$1[borttagen]')
      .replace(SIGNATURE_IN_ADDRESS, '.[borttagen]')
      .replace(SIGNATURE_IN_MESSAGE_ID, '$1.[borttagen]');
  }
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withoutSecrets(inner)]));
  }
  return value;
}
const clean = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => !OMITTED.has(key))
      .map(([key, value]) => [key, withoutSecrets(value)]),
  );
const sentMail = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(clean(row)).filter(([key]) => key !== 'html'));

type Row = Record<string, unknown> & { id: number };

/** What the register holds about a set of e-mail addresses (one person, or a purge's slice). */
export interface PersonData {
  contacts: Row[];
  activities: Row[];
  magazineOrders: Row[];
  newsletterSubscriptions: Row[];
  newsletterDeliveries: Row[];
  outboxMessages: Row[];
  consentRecords: Row[];
  /** Mail from the address that waits for review or was quarantined. */
  inboundMessages: Row[];
  eventRegistrations: Row[];
  networkContacts: Row[];
  /** The address's entries in the suppression list: gone with the person, as nothing is sent to them. */
  suppressions: Row[];
}

/** The content type of each kind of row, for what names its fields. */
export const PERSON_DATA_TYPES: Record<keyof PersonData, UID.ContentType> = {
  contacts: CONTACT,
  activities: ACTIVITY,
  magazineOrders: ORDER,
  newsletterSubscriptions: SUBSCRIPTION,
  newsletterDeliveries: DELIVERY,
  outboxMessages: OUTBOX,
  consentRecords: CONSENT,
  inboundMessages: INBOUND,
  eventRegistrations: EVENT_REGISTRATION,
  networkContacts: NETWORK_CONTACT,
  suppressions: SUPPRESSION,
};

/**
 * Finds every row linked to the given (normalised) addresses. `detail: 'ids'` reads only what
 * deletion needs, for the purge; 'full' reads whole rows with their relations, for an export.
 * `reach: 'contacts'` finds only the contacts with those addresses and what hangs on them: for
 * addresses that stay in the register as network contacts, whose address-bound rows (the network
 * card, suppressions, sign-ups, mail) are not the mover's to take along.
 */
export async function collectPersonData(
  strapi: Core.Strapi,
  emails: string[],
  detail: 'full' | 'ids' = 'full',
  reach: 'person' | 'contacts' = 'person',
): Promise<PersonData> {
  const full = detail === 'full';
  const person = reach === 'person';
  const find = (uid: UID.ContentType, where: Record<string, unknown>, populate?: Record<string, unknown>) =>
    strapi.db.query(uid).findMany({
      where,
      ...(full ? (populate ? { populate } : {}) : { select: ['id', 'documentId'] }),
    }) as Promise<Row[]>;
  // A contact may have thousands of activities: read them in slices of bound variables.
  const findByIds = async (uid: UID.ContentType, ids: number[], populate?: Record<string, unknown>) => {
    const rows: Row[] = [];
    for (let i = 0; i < ids.length; i += 5000) {
      rows.push(...(await find(uid, { id: { $in: ids.slice(i, i + 5000) } }, populate)));
    }
    return rows;
  };
  const contacts = (await strapi.db.query(CONTACT).findMany({
    where: { email: { $in: emails } },
    ...(full ? {} : { select: ['id', 'documentId'] }),
  })) as Row[];
  const contactIds = contacts.map((c) => c.id);
  const ofContacts = contactIds.length ? [{ contact: { id: { $in: contactIds } } }] : [];
  const byAddress = { email: { $in: emails } };
  // With no term left the query engine would match every row: those lists stay empty.
  const none = async (): Promise<Row[]> => [];
  const linked = (
    uid: UID.ContentType,
    populate?: Record<string, unknown>,
    address: Record<string, unknown> = byAddress,
  ) => {
    const terms = [...(person ? [address] : []), ...ofContacts];
    return terms.length ? find(uid, { $or: terms }, populate) : none();
  };
  return {
    contacts,
    activities: await findByIds(ACTIVITY, await activityIdsOf(strapi, contactIds), {
      performedBy: { select: ['firstname', 'lastname'] },
    }),
    magazineOrders: await linked(ORDER, { address: true, edition: { select: ['title', 'year'] } }),
    newsletterSubscriptions: await linked(SUBSCRIPTION),
    newsletterDeliveries: person ? await find(DELIVERY, byAddress) : [],
    outboxMessages: await linked(OUTBOX, undefined, { to: { $in: emails } }),
    consentRecords: await linked(CONSENT),
    inboundMessages: person ? await find(INBOUND, { fromAddress: { $in: emails } }) : [],
    eventRegistrations: await linked(EVENT_REGISTRATION),
    networkContacts: person ? await find(NETWORK_CONTACT, byAddress) : [],
    suppressions: person ? await find(SUPPRESSION, byAddress) : [],
  };
}

export const countPersonData = (data: PersonData) => ({
  contacts: data.contacts.length,
  activities: data.activities.length,
  magazineOrders: data.magazineOrders.length,
  newsletterSubscriptions: data.newsletterSubscriptions.length,
  newsletterDeliveries: data.newsletterDeliveries.length,
  outboxMessages: data.outboxMessages.length,
  consentRecords: data.consentRecords.length,
  inboundMessages: data.inboundMessages.length,
  eventRegistrations: data.eventRegistrations.length,
  networkContacts: data.networkContacts.length,
  suppressions: data.suppressions.length,
});

export const PERSON_RIGHTS_RULE = 'Den registrerades rätt till tillgång och radering (GDPR art. 15 och 17)';

export type PersonExport = Awaited<ReturnType<typeof exportPerson>>;

export async function exportPerson(strapi: Core.Strapi, email: string, ranBy: string) {
  const data = await collectPersonData(strapi, [normalizeEmail(email)]);
  await writeAudit(strapi, {
    action: 'person-export',
    rule: PERSON_RIGHTS_RULE,
    counts: countPersonData(data),
    ranBy,
  });
  const rows = (list: Row[]) => list.map(clean);
  return {
    exportedAt: new Date().toISOString(),
    email: normalizeEmail(email),
    contacts: rows(data.contacts),
    activities: rows(data.activities),
    magazineOrders: rows(data.magazineOrders),
    newsletterSubscriptions: rows(data.newsletterSubscriptions),
    newsletterDeliveries: data.newsletterDeliveries.map(sentMail),
    outboxMessages: data.outboxMessages.map(sentMail),
    consentRecords: rows(data.consentRecords),
    inboundMessages: rows(data.inboundMessages),
    eventRegistrations: rows(data.eventRegistrations),
    networkContacts: rows(data.networkContacts),
    suppressions: rows(data.suppressions),
  };
}

/** Deletes rows by id in slices (SQLite allows at most 32,766 bound variables in one statement). */
async function deleteIds(strapi: Core.Strapi, uid: UID.ContentType, ids: number[]) {
  for (let i = 0; i < ids.length; i += 500) {
    await strapi.db.query(uid).deleteMany({ where: { id: { $in: ids.slice(i, i + 500) } } });
  }
}

/** The private files (mail attachments) of the given activities or inbound messages. */
async function attachmentsOf(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  ids: number[],
): Promise<PrivateFile[]> {
  const files: PrivateFile[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await strapi.db.query(uid).findMany({
      where: { id: { $in: ids.slice(i, i + 500) }, attachments: { $notNull: true } },
      select: ['attachments'],
    })) as { attachments: unknown }[];
    files.push(...rows.flatMap((row) => privateFilesIn(row.attachments)));
  }
  return files;
}

/**
 * Deletes what `collectPersonData` found. Link rows go with their rows (ON DELETE CASCADE); orders
 * go through the document service, which also deletes their address component. Returns the
 * private files that belonged to the deleted rows: the caller removes them once its transaction
 * has committed (a rollback must find them still there).
 */
export async function deletePersonData(strapi: Core.Strapi, data: PersonData): Promise<PrivateFile[]> {
  const ids = (list: Row[]) => list.map((row) => row.id);
  const files = [
    ...(await attachmentsOf(strapi, ACTIVITY, ids(data.activities))),
    ...(await attachmentsOf(strapi, INBOUND, ids(data.inboundMessages))),
  ];
  await deleteIds(strapi, ACTIVITY, ids(data.activities));
  for (const order of data.magazineOrders) {
    await strapi.documents(ORDER).delete({ documentId: String(order.documentId) });
  }
  await deleteIds(strapi, SUBSCRIPTION, ids(data.newsletterSubscriptions));
  await deleteIds(strapi, DELIVERY, ids(data.newsletterDeliveries));
  await deleteIds(strapi, OUTBOX, ids(data.outboxMessages));
  await deleteIds(strapi, CONSENT, ids(data.consentRecords));
  await deleteIds(strapi, INBOUND, ids(data.inboundMessages));
  await deleteIds(strapi, EVENT_REGISTRATION, ids(data.eventRegistrations));
  // Through the document service: a consent to publish that goes with the person takes their
  // ambassador page down (content/ambassador-consent.ts).
  for (const contact of data.networkContacts) {
    await strapi.documents(NETWORK_CONTACT).delete({ documentId: String(contact.documentId) });
  }
  await deleteIds(strapi, SUPPRESSION, ids(data.suppressions));
  await deleteIds(strapi, CONTACT, ids(data.contacts));
  return files;
}

/** Deletes the outbox mails whose text names one of `contacts` by its card's id; returns how many. */
async function deleteMailMentioning(strapi: Core.Strapi, contacts: Row[]): Promise<number> {
  if (contacts.length === 0) return 0;
  const mentioning = (await strapi.db.query(OUTBOX).findMany({
    where: { $or: contacts.map((c) => ({ text: { $contains: String(c.documentId) } })) },
    select: ['id'],
  })) as Row[];
  await deleteIds(
    strapi,
    OUTBOX,
    mentioning.map((row) => row.id),
  );
  return mentioning.length;
}

export async function erasePerson(strapi: Core.Strapi, email: string, ranBy: string) {
  const address = normalizeEmail(email);
  const { erased, files } = await strapi.db.transaction(async ({ trx }) => {
    // First what is still on its way: a registration sent a moment ago, not yet a contact.
    const waitingRegistrations = await dropWaitingRegistrations(trx, address);
    const data = await collectPersonData(strapi, [address]);
    const files = await deletePersonData(strapi, data);
    // Mail to staff that names the person (notices, reminders) links to their card by its id.
    const mentions = await deleteMailMentioning(strapi, data.contacts);
    const counts = countPersonData(data);
    const erased = { ...counts, outboxMessages: counts.outboxMessages + mentions, waitingRegistrations };
    await writeAudit(strapi, { action: 'person-erase', rule: PERSON_RIGHTS_RULE, counts: erased, ranBy });
    return { erased, files };
  });
  await removePrivateFiles(files);
  return erased;
}

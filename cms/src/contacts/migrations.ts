import type { Core } from '@strapi/strapi';
import { CONSENT_KINDS, normalizePhone, normalizePostcode } from '@tasteget/shared';
import { logActivity } from './activities';
import { recordConsent } from './consent-log';
import { ambassadorsIntoTheNetwork } from './network';
import { everyoneOnTheCountyNewsletter } from './newsletters';
import { CONSENT, CONTACT, NEWSLETTER, ORDER, SUBSCRIPTION } from '../platform/content-types';
import type { Migration } from '../platform/migrations';

/**
 * The register's data migrations, oldest first (platform/migrations.ts runs each once).
 *
 * 2026-12-03: the consent log from the consent fields (below), and phones to E.164 and Swedish postcodes to `NNN NN`, as the portal and the admin now
 * store them. A phone that cannot be read stays as it was, and the contact card says so for a
 * guide to fix.
 */
const PAGE = 500;

async function phonesToE164(strapi: Core.Strapi) {
  const counts = { phonesConverted: 0, phonesKept: 0 };
  for (let lastId = 0; ;) {
    const rows = (await strapi.db.query(CONTACT).findMany({
      where: { id: { $gt: lastId }, phone: { $notNull: true } },
      select: ['id', 'phone'],
      orderBy: { id: 'asc' },
      limit: PAGE,
    })) as { id: number; phone: string }[];
    if (rows.length === 0) return counts;
    lastId = rows[rows.length - 1].id;
    for (const row of rows) {
      const phone = normalizePhone(row.phone);
      if (phone === row.phone) continue;
      if (phone) {
        await strapi.db.query(CONTACT).update({ where: { id: row.id }, data: { phone } });
        counts.phonesConverted += 1;
      } else {
        counts.phonesKept += 1;
        await logActivity(
          strapi,
          { id: row.id },
          {
            kind: 'system',
            summary: `Telefonnumret ”${row.phone}” kunde inte tolkas och står kvar som det skrevs. Rätta det på kortet.`,
          },
          { contactAlreadyTouched: true },
        );
      }
    }
  }
}

async function postcodesWritten(strapi: Core.Strapi) {
  const counts = { postcodesNormalised: 0 };
  const attribute = strapi.getModel(ORDER).attributes.address as unknown as { component: string };
  const tableName = strapi.components[attribute.component as never].collectionName;
  // Through the migration's transaction: on SQLite it holds the only connection.
  return strapi.db.transaction(async ({ trx }) => {
    const rows = (await trx(tableName).select('id', 'postal_code', 'country')) as {
      id: number;
      postal_code: string | null;
      country: string | null;
    }[];
    for (const row of rows) {
      if (!row.postal_code) continue;
      const postalCode = normalizePostcode(row.postal_code, row.country ?? 'SE');
      if (postalCode === row.postal_code) continue;
      await trx(tableName).where({ id: row.id }).update({ postal_code: postalCode });
      counts.postcodesNormalised += 1;
    }
    return counts;
  });
}

/**
 * The consent log from the consent fields kept before it: a contact's consent to be contacted
 * and to the newsletter (given via the form, with the version stored), and each subscription's
 * confirmation and unsubscribe (via the mail's links). Rows are marked `migration` as their
 * source is no longer known for certain.
 */
async function consentLogFromFields(strapi: Core.Strapi) {
  const counts = { consentRecords: 0 };
  const add = async (entry: Parameters<typeof recordConsent>[1]) => {
    await recordConsent(strapi, entry);
    counts.consentRecords += 1;
  };
  for (let lastId = 0; ;) {
    const rows = (await strapi.db.query(CONTACT).findMany({
      where: { id: { $gt: lastId } },
      select: [
        'id',
        'email',
        'contactConsentAt',
        'contactConsentVersion',
        'newsletterConsentAt',
        'newsletterConsentVersion',
      ],
      orderBy: { id: 'asc' },
      limit: PAGE,
    })) as {
      id: number;
      email: string;
      contactConsentAt: string | null;
      contactConsentVersion: string | null;
      newsletterConsentAt: string | null;
      newsletterConsentVersion: string | null;
    }[];
    if (rows.length === 0) break;
    lastId = rows[rows.length - 1].id;
    for (const row of rows) {
      const base = {
        email: row.email,
        contactId: row.id,
        event: 'given' as const,
        source: 'migration' as const,
      };
      if (row.contactConsentAt)
        await add({
          ...base,
          kind: 'contact',
          textVersion: row.contactConsentVersion,
          at: new Date(row.contactConsentAt),
        });
      if (row.newsletterConsentAt)
        await add({
          ...base,
          kind: 'newsletter',
          textVersion: row.newsletterConsentVersion,
          at: new Date(row.newsletterConsentAt),
        });
    }
  }
  for (let lastId = 0; ;) {
    const rows = (await strapi.db.query(SUBSCRIPTION).findMany({
      where: { id: { $gt: lastId } },
      select: ['id', 'email', 'consentVersion', 'confirmedAt', 'unsubscribedAt'],
      populate: { contact: { select: ['id'] } },
      orderBy: { id: 'asc' },
      limit: PAGE,
    })) as {
      id: number;
      email: string;
      consentVersion: string | null;
      confirmedAt: string | null;
      unsubscribedAt: string | null;
      contact: { id: number } | null;
    }[];
    if (rows.length === 0) break;
    lastId = rows[rows.length - 1].id;
    for (const row of rows) {
      const base = {
        email: row.email,
        contactId: row.contact?.id ?? null,
        kind: 'newsletter' as const,
        textVersion: row.consentVersion,
        source: 'migration' as const,
      };
      if (row.confirmedAt) await add({ ...base, event: 'given', at: new Date(row.confirmedAt) });
      if (row.unsubscribedAt) await add({ ...base, event: 'withdrawn', at: new Date(row.unsubscribedAt) });
    }
  }
  return counts;
}

/**
 * The consent log's newsletter rows named their newsletter only in the line the card shows
 * ("Nyhetsbrev (namn): …"), which a rename breaks. Each row whose line names a newsletter by its
 * present name gets that newsletter's documentId; a row written under an older name cannot be
 * told apart and keeps its line alone (counted as `consentRowsUnnamed`).
 */
async function consentLogNewsletterIds(strapi: Core.Strapi) {
  const counts = { consentRowsNamed: 0, consentRowsUnnamed: 0 };
  const newsletters = (await strapi.db.query(NEWSLETTER).findMany({
    select: ['documentId', 'name'],
  })) as { documentId: string; name: string }[];
  const lines = newsletters.map((n) => ({
    documentId: n.documentId,
    prefix: `${CONSENT_KINDS.labels.newsletter.sv} (${n.name}): `,
  }));
  for (let lastId = 0; ;) {
    const rows = (await strapi.db.query(CONSENT).findMany({
      where: { id: { $gt: lastId }, kind: 'newsletter', newsletterDocumentId: { $null: true } },
      select: ['id', 'summary'],
      orderBy: { id: 'asc' },
      limit: PAGE,
    })) as { id: number; summary: string }[];
    if (rows.length === 0) return counts;
    lastId = rows[rows.length - 1].id;
    for (const row of rows) {
      const named = lines.find((l) => row.summary.startsWith(l.prefix));
      if (!named) {
        counts.consentRowsUnnamed += 1;
        continue;
      }
      await strapi.db.query(CONSENT).update({
        where: { id: row.id },
        data: { newsletterDocumentId: named.documentId },
      });
      counts.consentRowsNamed += 1;
    }
  }
}

export const REGISTER_MIGRATIONS: readonly Migration[] = [
  {
    name: '2026-12-03 phones E.164, postcodes NNN NN',
    run: async (strapi) => ({ ...(await phonesToE164(strapi)), ...(await postcodesWritten(strapi)) }),
  },
  { name: '2026-12-03 consent log from consent fields', run: consentLogFromFields },
  { name: '2026-12-05 subscriptions to the county newsletter', run: everyoneOnTheCountyNewsletter },
  { name: '2026-12-05 ambassadors into the network register', run: ambassadorsIntoTheNetwork },
  { name: '2026-12-06 consent log names newsletters by id', run: consentLogNewsletterIds },
];

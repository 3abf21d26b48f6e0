import type { Core } from '@strapi/strapi';
import type { PrivateFile } from '../platform/private-files';
import type { ActivityKind, Label } from '@tasteget/shared';
import { ACTIVITY, CONTACT } from '../platform/content-types';

/**
 * How long an entry of the dialog log may be: a whole mail as written (the card's compose takes
 * 5,000 characters and a subject) and a long reply. Longer text is cut visibly, never silently.
 */
export const SUMMARY_MAX = 20_000;
const CUT = '\n\n[…] (förkortat / shortened)';
export const clippedSummary = (text: string): string =>
  text.length <= SUMMARY_MAX ? text : text.slice(0, SUMMARY_MAX - CUT.length) + CUT;

/** A contact as the register's internal writes need it. */
export interface ContactRef {
  id: number;
}

/**
 * Writes one entry of a contact's dialog log and moves its last-activity time, so the contact card
 * always shows the whole history. The last-activity time is what the five-year purge counts from,
 * so only what the person or a guide does moves it (a registration, an order, a subscription
 * or consent given, a reply, a logged dialog), and never the person leaving; mail the platform
 * sends on its own (a newsletter, later an invitation) is logged as `outbound` and leaves it.
 * Written through the query engine (the rows are the register's own log, already validated): a
 * third of the queries of the document service, which matters on the intake's hot path. Register types have no drafts, so rows are stored as published.
 */
export async function logActivity(
  strapi: Core.Strapi,
  contact: ContactRef,
  /**
   * A line the platform writes may come in both languages: the Swedish is the record (search,
   * exports, the Content Manager), the English what an admin in English reads on the card.
   */
  entry: { kind: ActivityKind; summary: string | Label; at?: Date },
  options: {
    contactAlreadyTouched?: boolean;
    outbound?: boolean;
    /**
     * The person leaving (an unsubscribe, a withdrawn consent): logged, but it keeps the clock.
     * Leaving must not keep their data five more years; "subscribers stay until they leave".
     */
    leaving?: boolean;
    /** A mail on the card: which way it went, and its Message-ID (threads replies). */
    direction?: 'in' | 'out';
    messageId?: string | null;
    /** Files that came with a mail (private: platform/private-files.ts). */
    attachments?: readonly PrivateFile[];
  } = {},
) {
  const at = entry.at ?? new Date();
  await strapi.db.query(ACTIVITY).create({
    data: {
      contact: contact.id,
      kind: entry.kind,
      ...(typeof entry.summary === 'string'
        ? { summary: clippedSummary(entry.summary) }
        : { summary: clippedSummary(entry.summary.sv), summaryEn: clippedSummary(entry.summary.en) }),
      occurredAt: at,
      publishedAt: at,
      ...(options.direction ? { direction: options.direction } : {}),
      ...(options.messageId ? { messageId: options.messageId.slice(0, 998) } : {}),
      ...(options.attachments?.length ? { attachments: options.attachments } : {}),
    },
  });
  if (!options.contactAlreadyTouched && !options.outbound && !options.leaving)
    await touchLastActivity(strapi, contact.id, at);
}

/**
 * Moves a contact's last-activity time to `at`, only ever forward: a mail read late (the worker
 * catching up, a review linked by hand) is dated when it came, and must not make the contact look
 * older than its latest activity, nor bring the five-year purge closer.
 */
export async function touchLastActivity(strapi: Core.Strapi, contactId: number, at: Date) {
  await strapi.db.query(CONTACT).updateMany({
    where: { id: contactId, $or: [{ lastActivityAt: { $null: true } }, { lastActivityAt: { $lt: at } }] },
    data: { lastActivityAt: at },
  });
}

/**
 * The ids of the activities of the given contacts, read from the relation's link table by its
 * contact index. Strapi's relational filter joins the whole activity table first, which costs
 * 200 ms on a register of a million activities; this is an index lookup.
 */
export async function activityIdsOf(strapi: Core.Strapi, contactIds: number[]): Promise<number[]> {
  if (contactIds.length === 0) return [];
  const link = (
    strapi.db.metadata.get(ACTIVITY).attributes.contact as unknown as {
      joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
    }
  ).joinTable;
  // Through the caller's transaction when there is one: on SQLite it holds the only connection.
  const rows = (await strapi.db.transaction(({ trx }) =>
    trx(link.name).whereIn(link.inverseJoinColumn.name, contactIds).select(link.joinColumn.name),
  )) as Record<string, number>[];
  return rows.map((row) => Number(row[link.joinColumn.name]));
}

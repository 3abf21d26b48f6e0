import type { Core } from '@strapi/strapi';
import type { ActivityKind } from '@tasteget/shared';

const ACTIVITY = 'api::contact-activity.contact-activity';
const CONTACT = 'api::contact.contact';

/** A contact as the register's internal writes need it. */
export interface ContactRef {
  id: number;
}

/**
 * Writes one entry of a contact's dialog log and moves its last-activity time, so the contact card
 * always shows the whole history. Written through the query engine (the rows are the register's
 * own log, already validated): a third of the queries of the document service, which matters on
 * the intake's hot path. Register types have no drafts, so rows are stored as published.
 */
export async function logActivity(
  strapi: Core.Strapi,
  contact: ContactRef,
  entry: { kind: ActivityKind; summary: string; at?: Date },
  options: { contactAlreadyTouched?: boolean } = {},
) {
  const at = entry.at ?? new Date();
  await strapi.db.query(ACTIVITY).create({
    data: {
      contact: contact.id,
      kind: entry.kind,
      summary: entry.summary.slice(0, 5000),
      occurredAt: at,
      publishedAt: at,
    },
  });
  if (!options.contactAlreadyTouched) {
    await strapi.db.query(CONTACT).update({ where: { id: contact.id }, data: { lastActivityAt: at } });
  }
}

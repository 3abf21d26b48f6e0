import type { Core } from '@strapi/strapi';
import type { ActivityKind } from '@tasteget/shared';

const ACTIVITY = 'api::contact-activity.contact-activity';
const CONTACT = 'api::contact.contact';

/**
 * Writes one entry of a contact's dialog log and moves its last-activity time, in one step, so the
 * contact card always shows the whole history.
 */
export async function logActivity(
  strapi: Core.Strapi,
  contactDocumentId: string,
  entry: { kind: ActivityKind; summary: string; at?: Date },
) {
  const at = entry.at ?? new Date();
  await strapi.documents(ACTIVITY).create({
    data: {
      contact: contactDocumentId,
      kind: entry.kind,
      summary: entry.summary.slice(0, 5000),
      occurredAt: at,
    },
  } as never);
  await strapi
    .documents(CONTACT)
    .update({ documentId: contactDocumentId, data: { lastActivityAt: at } } as never);
}

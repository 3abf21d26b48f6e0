import type { Core } from '@strapi/strapi';
import { normalizeEmail } from '@tasteget/shared';
import { logActivity } from '../contacts/activities';
import { wakeMailQueue } from '../mail/outbox';
import { CONTACT, INBOUND } from '../platform/content-types';
import { privateFilesIn } from '../platform/private-files';
import { CONTACT_FIELDS, firstAnswerSinceGuideWrote, noticeOfReply, type ContactRow } from './outcomes';

/**
 * The review list's one action: a person who recognises an unmatched mail puts it on the right
 * contact card. It becomes the same incoming e-mail activity a matched reply is, marked as linked
 * by hand, the contact's guide is told as of any reply (once per conversation), and the review
 * row is resolved: it keeps no copy of the mail, and is removed by the retention rule.
 */
/** What a linked review row says instead of the mail, which is on the card. */
const LINKED_SUBJECT = '(kopplat till ett kontaktkort)';

export type LinkOutcome = 'linked' | 'no-message' | 'no-contact' | 'already-resolved';

export async function linkToContact(
  strapi: Core.Strapi,
  input: { documentId: string; contactEmail: string; by: string },
): Promise<LinkOutcome> {
  const outcome = await strapi.db.transaction(async () => {
    const message = (await strapi.db.query(INBOUND).findOne({
      where: { documentId: input.documentId, outcome: 'review' },
      select: ['id', 'subject', 'text', 'receivedAt', 'resolvedAt', 'fromAddress', 'attachments'],
    })) as {
      id: number;
      subject: string | null;
      text: string | null;
      receivedAt: string;
      resolvedAt: string | null;
      fromAddress: string | null;
      attachments: unknown;
    } | null;
    if (!message) return 'no-message';
    if (message.resolvedAt) return 'already-resolved';
    const contact = (await strapi.db.query(CONTACT).findOne({
      where: { email: normalizeEmail(input.contactEmail) },
      select: CONTACT_FIELDS,
    })) as ContactRow | null;
    if (!contact) return 'no-contact';
    const notify = await firstAnswerSinceGuideWrote(strapi, contact.id);
    await logActivity(
      strapi,
      contact,
      {
        kind: 'email',
        summary: {
          sv: `Svar via e-post (kopplat för hand av ${input.by}, från ${message.fromAddress ?? 'okänd'}): ${message.subject ?? ''}\n\n${message.text ?? ''}`,
          en: `Reply by e-mail (linked by hand by ${input.by}, from ${message.fromAddress ?? 'unknown'}): ${message.subject ?? ''}\n\n${message.text ?? ''}`,
        },
        at: new Date(message.receivedAt),
      },
      // The files go with the mail: the activity references the same private files.
      { direction: 'in', attachments: privateFilesIn(message.attachments) },
    );
    // The mail is the card's now: the review row keeps no copy of it (an erasure of the person
    // finds it on the card), and its files are the activity's, which the row's removal after 90
    // days must not take.
    await strapi.db.query(INBOUND).update({
      where: { id: message.id },
      data: {
        resolvedAt: new Date(),
        attachments: null,
        fromAddress: null,
        subject: LINKED_SUBJECT,
        text: `Kopplat till ett kontaktkort av ${input.by}.`,
      },
    });
    if (notify) await noticeOfReply(strapi, contact);
    return 'linked' as const;
  });
  if (outcome === 'linked') wakeMailQueue();
  return outcome;
}

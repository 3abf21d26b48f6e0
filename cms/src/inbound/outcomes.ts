import type { Core } from '@strapi/strapi';
import { REGION, type Label, type Locale, type MunicipalitySlug, type QueueOwner } from '@tasteget/shared';
import { activityIdsOf, clippedSummary, logActivity, touchLastActivity } from '../contacts/activities';
import { changeSubscriptionStatusByStaff, unsubscribe } from '../contacts/subscriptions';
import type { SentRef } from '../mail/addresses';
import { guideRecipients, replyNotice } from '../mail/mails';
import { enqueueMail, wakeMailQueue } from '../mail/outbox';
import { countSoftBounce, suppress } from '../mail/suppression';
import {
  ACTIVITY,
  CONTACT,
  DELIVERY,
  INBOUND,
  KOMMUN,
  OUTBOX,
  SUBSCRIPTION,
} from '../platform/content-types';
import { environment } from '../platform/environment';

/** The guide contact a kommun page shows, whose address is the municipality's mailbox. */
import { applyGuideActivity } from '../workspace/dialog';
import { caresForRegister, queueOfUser, type AdminUser } from '../workspace/guides';
import { storePrivateFile, type PrivateFile } from '../platform/private-files';
import type { InboundAttachment, Verdict } from './classify';

/**
 * Where an inbound mail ends: exactly one place each. Applied inside the transaction that marks the
 * message processed, so a crash leaves it either wholly done or not done at all.
 */
export type Place =
  'activity' | 'auto-reply' | 'bounce' | 'complaint' | 'unsubscribe' | 'review' | 'quarantine';

export interface InboundMeta {
  key: string;
  receivedAt: Date;
}

export type ContactRow = {
  id: number;
  documentId: string;
  firstName: string;
  lastName: string | null;
  email: string | null;
  assignedMunicipality: QueueOwner;
};
export const CONTACT_FIELDS = ['id', 'documentId', 'firstName', 'lastName', 'email', 'assignedMunicipality'];

export async function applyVerdict(
  strapi: Core.Strapi,
  verdict: Verdict,
  meta: InboundMeta,
  afterCommit: (fn: () => void) => void,
): Promise<Place> {
  switch (verdict.kind) {
    case 'bounce':
      return applyBounce(strapi, verdict, meta);
    case 'complaint':
      return applyComplaint(strapi, verdict);
    case 'unsubscribe':
      // Left now: the mailbox's arrival time has whole seconds only.
      return (await unsubscribe(strapi, verdict.token, new Date(), 'unsubscribe-mail'))
        ? 'unsubscribe'
        : review(strapi, meta, {
            from: null,
            subject: 'unsubscribe',
            text: 'Avregistrering med okänd kod.',
            attachments: [],
          });
    case 'message':
      return applyMessage(strapi, verdict, meta, afterCommit);
  }
}

/** Unmatched mail is never dropped: it waits in the admin's review list. */
async function review(
  strapi: Core.Strapi,
  meta: InboundMeta,
  mail: { from: string | null; subject: string; text: string; attachments: InboundAttachment[] },
): Promise<Place> {
  const attachments = await keepAttachments(mail.attachments);
  await strapi.db.query(INBOUND).create({
    data: {
      outcome: 'review',
      // Strapi's strings are varchar(255) on PostgreSQL.
      fromAddress: mail.from?.slice(0, 254) ?? null,
      subject: mail.subject.slice(0, 255),
      text: mail.text.slice(0, 5000),
      receivedAt: meta.receivedAt,
      messageKey: meta.key.slice(0, 255),
      ...(attachments.length ? { attachments } : {}),
      publishedAt: new Date(),
    },
  });
  return 'review';
}

/**
 * A mail's attachments as private files, stored before the outcome commits. A rollback leaves them
 * unreferenced under `inbound/` (the message is read again and stores its own); nothing links to
 * them, and they hold only what the person sent.
 */
function keepAttachments(attachments: InboundAttachment[]): Promise<PrivateFile[]> {
  return Promise.all(attachments.map((a) => storePrivateFile('inbound', a)));
}

/** A message that could not be processed: kept for a person, with the error. */
export async function quarantine(
  strapi: Core.Strapi,
  meta: InboundMeta,
  error: string,
  mail?: { from?: string | null; subject?: string },
) {
  await strapi.db.query(INBOUND).create({
    data: {
      outcome: 'quarantine',
      fromAddress: mail?.from?.slice(0, 254) ?? null,
      subject: (mail?.subject ?? '').slice(0, 255),
      lastError: error.slice(0, 2000),
      receivedAt: meta.receivedAt,
      messageKey: meta.key.slice(0, 255),
      publishedAt: new Date(),
    },
  });
}

async function applyMessage(
  strapi: Core.Strapi,
  verdict: Extract<Verdict, { kind: 'message' }>,
  meta: InboundMeta,
  afterCommit: (fn: () => void) => void,
): Promise<Place> {
  let contact: ContactRow | null = null;
  let matchedBy = verdict.matchedBy;
  if (verdict.contactDocumentId) {
    contact = (await strapi.db.query(CONTACT).findOne({
      where: { documentId: verdict.contactDocumentId },
      select: CONTACT_FIELDS,
    })) as ContactRow | null;
  }
  if (!contact && verdict.subscriptionDocumentId) {
    // A subscriber's answer: the card of the contact the subscription is linked to, if any.
    const subscription = (await strapi.db.query(SUBSCRIPTION).findOne({
      where: { documentId: verdict.subscriptionDocumentId },
      populate: { contact: { select: CONTACT_FIELDS } },
    })) as { contact: ContactRow | null } | null;
    contact = subscription?.contact ?? null;
  }
  const staff = verdict.from ? await programmeSender(strapi, verdict.from) : null;
  if (!contact && verdict.from && !staff) {
    // The last resort: exactly one contact with the sender's address.
    const found = (await strapi.db.query(CONTACT).findMany({
      where: { email: verdict.from },
      select: CONTACT_FIELDS,
      limit: 2,
    })) as ContactRow[];
    if (found.length === 1) {
      contact = found[0];
      matchedBy = null;
    }
  }
  if (!contact) return review(strapi, meta, verdict);
  // Said when the sender is not the contact's own address (a partner, a forward, a stranger).
  const otherSender = verdict.from && verdict.from.toLowerCase() !== contact.email?.toLowerCase();
  // How the card line says the mail was matched, in both languages (the Swedish is the record).
  const how: Label = {
    sv:
      (matchedBy === 'token' ? '' : matchedBy === 'thread' ? ' (känd tråd)' : ' (känd avsändare)') +
      (otherSender ? ` från ${verdict.from}` : ''),
    en:
      (matchedBy === 'token' ? '' : matchedBy === 'thread' ? ' (known thread)' : ' (known sender)') +
      (otherSender ? ` from ${verdict.from}` : ''),
  };

  // A guide's mail from Outlook (their own address, or the municipality's or region's mailbox the
  // notices go to) with the card's log address in Bcc: the programme wrote. It answers for the
  // contact when the sender answers for the contact's queue; another queue's mail is logged only.
  if (staff && verdict.toLogAddress) {
    const answers = staff.queues === 'any' || staff.queues.includes(contact.assignedMunicipality);
    const attachments = await keepAttachments(verdict.attachments);
    await strapi.db.query(ACTIVITY).create({
      data: {
        contact: contact.id,
        kind: 'email',
        direction: 'out',
        summary: clippedSummary(
          `${staff.id ? '' : `Från ${verdict.from}: `}${verdict.subject}${answers ? '' : ` ${NOT_THE_QUEUE.sv}`}\n\n${verdict.text}`,
        ),
        summaryEn: clippedSummary(
          `${staff.id ? '' : `From ${verdict.from}: `}${verdict.subject}${answers ? '' : ` ${NOT_THE_QUEUE.en}`}\n\n${verdict.text}`,
        ),
        occurredAt: meta.receivedAt,
        performedBy: staff.id,
        messageId: verdict.messageId?.slice(0, 998),
        ...(attachments.length ? { attachments } : {}),
        publishedAt: new Date(),
      },
    });
    // Another queue's mail answers nothing, but it is a dialog with the person: it keeps them alive.
    if (answers) {
      await applyGuideActivity(strapi, { contactId: contact.id, kind: 'email', occurredAt: meta.receivedAt });
    } else {
      await touchLastActivity(strapi, contact.id, meta.receivedAt);
    }
    return 'activity';
  }

  if (verdict.automatic) {
    // Marked as automatic; it is not the person's doing, so it moves no clock and notifies nobody.
    await logActivity(
      strapi,
      contact,
      // With its words: "back on 4 January" tells the guide when to try again.
      {
        kind: 'email',
        summary: {
          sv: `Automatiskt svar${how.sv}: ${verdict.subject}\n\n${verdict.text}`,
          en: `Automatic reply${how.en}: ${verdict.subject}\n\n${verdict.text}`,
        },
        at: meta.receivedAt,
      },
      { outbound: true, direction: 'in', messageId: verdict.messageId },
    );
    return 'auto-reply';
  }

  const notify = await firstAnswerSinceGuideWrote(strapi, contact.id);
  const attachments = await keepAttachments(verdict.attachments);
  await logActivity(
    strapi,
    contact,
    {
      kind: 'email',
      summary: {
        sv: `Svar via e-post${how.sv}: ${verdict.subject}\n\n${verdict.text}${attachmentNote(attachments, 'sv')}`,
        en: `Reply by e-mail${how.en}: ${verdict.subject}\n\n${verdict.text}${attachmentNote(attachments, 'en')}`,
      },
      at: meta.receivedAt,
    },
    { direction: 'in', messageId: verdict.messageId, attachments },
  );
  if (notify) {
    await noticeOfReply(strapi, contact);
    afterCommit(wakeMailQueue);
  }
  return 'activity';
}

/**
 * Tells the guide who answers the contact that a reply came: the responsible queue's, not every
 * chosen municipality's. The caller wakes the mail queue once its transaction has committed.
 */
export async function noticeOfReply(strapi: Core.Strapi, contact: ContactRow) {
  const queue = contact.assignedMunicipality;
  const guides = await guideRecipients(strapi, queue === REGION ? [] : [queue]);
  await enqueueMail(
    strapi,
    replyNotice(
      contact,
      guides.map((g) => g.to),
    ),
    // On the contact's card, so it is erased with the person (it names them).
    contact.id,
  );
}

/** The log line names the attachments; the Dialog panel offers them for download. */
const attachmentNote = (files: PrivateFile[], l: Locale) =>
  files.length === 0
    ? ''
    : `\n\n${l === 'sv' ? 'Bilagor' : 'Attachments'}: ${files.map((f) => f.filename).join(', ')}`;

const NOT_THE_QUEUE: Label = {
  sv: '(från en annan kö än kontaktens: räknas inte som svar)',
  en: "(from another queue than the contact's: not counted as an answer)",
};

/** Who wrote for the programme, and the queues whose contacts they answer. */
type ProgrammeSender = { id: number | null; queues: QueueOwner[] | 'any' };

/**
 * Who writes for the programme: an admin user (performedBy), answering for their queue (the
 * coordinator for all), or one of its mailboxes without a user of its own: the programme's sender
 * address (all), the region's guide address (the region's queue) and each municipality's guide
 * address on its kommun page (that municipality's), where the notices go and from which guides
 * answer in Outlook.
 */
async function programmeSender(strapi: Core.Strapi, email: string): Promise<ProgrammeSender | null> {
  const user = (await strapi.db.query('admin::user').findOne({
    where: { email: { $eqi: email } },
    select: ['id', 'email'],
    populate: { roles: { select: ['code'] } },
  })) as AdminUser | null;
  if (user) {
    if (caresForRegister(user)) return { id: user.id, queues: 'any' };
    const queue = await queueOfUser(strapi, user);
    return { id: user.id, queues: queue ? [queue] : [] };
  }
  const env = environment();
  const address = email.toLowerCase();
  const sender = /<([^>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM;
  if (sender.toLowerCase() === address) return { id: null, queues: 'any' };
  if (env.REGION_GUIDE_EMAIL.toLowerCase() === address) return { id: null, queues: [REGION] };
  const pages = (await strapi.db.query(KOMMUN).findMany({
    where: { guide: { email: { $eqi: address } } },
    select: ['municipality'],
  })) as { municipality: MunicipalitySlug }[];
  return pages.length > 0 ? { id: null, queues: [...new Set(pages.map((p) => p.municipality))] } : null;
}

/**
 * One notice per conversation: only when no answer from the person is already waiting, that is,
 * when the newest mail-like entry on the card is not an incoming one.
 */
export async function firstAnswerSinceGuideWrote(strapi: Core.Strapi, contactId: number): Promise<boolean> {
  const recent = (await strapi.db.query(ACTIVITY).findMany({
    where: {
      id: { $in: await activityIdsOf(strapi, [contactId]) },
      $or: [{ direction: { $notNull: true } }, { performedBy: { id: { $notNull: true } } }],
    },
    select: ['direction', 'summary'],
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    limit: 20,
  })) as { direction: 'in' | 'out' | null; summary: string }[];
  const latest = recent.find((a) => !(a.direction === 'in' && a.summary.startsWith('Automatiskt svar')));
  return latest?.direction !== 'in';
}

async function applyBounce(
  strapi: Core.Strapi,
  verdict: Extract<Verdict, { kind: 'bounce' }>,
  meta: InboundMeta,
): Promise<Place> {
  const failed = verdict.report.recipients.filter((r) => r.action === 'failed');
  for (const recipient of failed) {
    const detail = [recipient.status, recipient.diagnostic].filter(Boolean).join(' ');
    if (recipient.permanent)
      await suppress(strapi, recipient.address, 'hard-bounce', detail, meta.receivedAt);
    else await countSoftBounce(strapi, recipient.address, detail, meta.receivedAt);
  }
  if (failed.length === 0) return 'bounce'; // a delay warning: nothing to do, and nothing lost
  const hard = failed.some((r) => r.permanent);
  const ref = verdict.ref ?? (await deliveryOfMessageId(strapi, verdict.report.original.messageId));
  if (ref?.kind === 'delivery') {
    const delivery = (await strapi.db
      .query(DELIVERY)
      .findOne({ where: { id: ref.id }, select: ['id', 'bounce'] })) as {
      id: number;
      bounce: string | null;
    } | null;
    if (delivery && delivery.bounce !== 'hard') {
      await strapi.db.query(DELIVERY).update({
        where: { id: delivery.id },
        data: { bounce: hard ? 'hard' : 'soft', bouncedAt: meta.receivedAt },
      });
    }
  } else if (ref?.kind === 'outbox') {
    const row = (await strapi.db.query(OUTBOX).findOne({
      where: { id: ref.id },
      select: ['id', 'subject'],
      populate: { contact: { select: ['id'] } },
    })) as { subject: string; contact: { id: number } | null } | null;
    if (row?.contact) {
      const first = failed[0];
      await logActivity(
        strapi,
        row.contact,
        {
          kind: 'system',
          summary: {
            sv: `E-post kom inte fram (${hard ? 'permanent' : 'tillfälligt'} fel ${first.status}): ${row.subject}`,
            en: `E-mail did not arrive (${hard ? 'permanent' : 'temporary'} failure ${first.status}): ${row.subject}`,
          },
          at: meta.receivedAt,
        },
        { outbound: true },
      );
    }
  }
  return 'bounce';
}

async function deliveryOfMessageId(strapi: Core.Strapi, messageId: string | null): Promise<SentRef | null> {
  if (!messageId) return null;
  const row = (await strapi.db.query(DELIVERY).findOne({ where: { messageId }, select: ['id'] })) as {
    id: number;
  } | null;
  return row ? { kind: 'delivery', id: row.id } : null;
}

async function applyComplaint(
  strapi: Core.Strapi,
  verdict: Extract<Verdict, { kind: 'complaint' }>,
): Promise<Place> {
  const ref = verdict.ref ?? (await deliveryOfMessageId(strapi, verdict.report.original.messageId));
  const addresses = new Set(verdict.report.recipients);
  // The unsubscribe happens now (the mailbox's arrival time has whole seconds only).
  const now = new Date();
  if (ref?.kind === 'delivery') {
    const delivery = (await strapi.db
      .query(DELIVERY)
      .findOne({ where: { id: ref.id }, select: ['id', 'email'] })) as {
      id: number;
      email: string;
    } | null;
    if (delivery) {
      addresses.add(delivery.email.toLowerCase());
      await strapi.db.query(DELIVERY).update({ where: { id: delivery.id }, data: { complainedAt: now } });
    }
  }
  for (const address of addresses) {
    // Unsubscribed from everything, and no mail goes there again.
    const subscriptions = (await strapi.db.query(SUBSCRIPTION).findMany({
      where: { email: address, subscriptionStatus: { $ne: 'unsubscribed' } },
      select: ['documentId'],
    })) as { documentId: string }[];
    for (const { documentId } of subscriptions) {
      await changeSubscriptionStatusByStaff(
        strapi,
        documentId,
        {
          status: 'unsubscribed',
          reason: 'Mottagaren anmälde nyhetsbrevet som skräppost.',
          by: 'E-postsystemet',
          source: 'spam-report',
        },
        now,
      );
    }
    await suppress(strapi, address, 'complaint', `Spamanmälan (${verdict.report.feedbackType})`, now);
  }
  return 'complaint';
}

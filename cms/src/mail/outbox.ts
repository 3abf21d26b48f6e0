import type { Core } from '@strapi/strapi';
import { environment } from '../platform/environment';
import { contentTypeQueue } from '../platform/leased-queue';
import { processLoop } from '../platform/work-loop';
import { randomBytes } from 'node:crypto';
import { bounceAddress, conversationMessageId, inboundDomain, replyAddress } from './addresses';
import type { OutgoingMail } from './mails';
import { suppressedAmong } from './suppression';
import { OUTBOX } from '../platform/content-types';

/**
 * The durable mail outbox. Mail is written in the same transaction as the data it is about, so a
 * registration is never told "sent" without its mail queued, and never mailed without being
 * stored. A dispatcher in every CMS process claims due messages one by one (a short lease, so two
 * processes never send the same message at once), sends them through the e-mail plugin, and on
 * failure retries with doubling delays until OUTBOX_MAX_ATTEMPTS. Delivery is at least once: a
 * process killed between the SMTP server's acceptance and the "sent" mark resends after the lease.
 */
const LEASE_MS = 2 * 60_000;
const BATCH = 50;

type OutboxRow = {
  id: number;
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo: string | null;
  messageId: string | null;
  from: string | null;
  inReplyTo: string | null;
  references: string | null;
  calendar: string | null;
  attempts: number;
};

/** Queues a mail in the caller's transaction; returns its Message-ID. */
export async function enqueueMail(
  strapi: Core.Strapi,
  mail: OutgoingMail,
  contactId?: number,
): Promise<string> {
  const now = new Date();
  const unique = randomBytes(9).toString('hex');
  // Fixed before the first attempt, so a resend is the same message to the receiver.
  const messageId = mail.conversation
    ? conversationMessageId(mail.conversation, unique)
    : `<m.${unique}@${inboundDomain()}>`;
  await strapi.db.query(OUTBOX).create({
    data: {
      kind: mail.kind,
      to: mail.to.join(', '),
      // A string column holds 255 characters on PostgreSQL; a notice names the person in full.
      subject: mail.subject.slice(0, 255),
      html: mail.html,
      text: mail.text,
      replyTo: mail.conversation ? replyAddress(mail.conversation) : mail.replyTo,
      from: mail.from,
      inReplyTo: mail.inReplyTo,
      references: mail.references ?? mail.inReplyTo ?? null,
      calendar: mail.calendar ?? null,
      messageId,
      sendStatus: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      publishedAt: now,
      ...(contactId ? { contact: contactId } : {}),
    },
  });
  return messageId;
}

/** The outbox as a leased queue (platform/leased-queue.ts): pending until sent, failed when given up. */
const outboxQueue = (strapi: Core.Strapi) =>
  contentTypeQueue(strapi, OUTBOX, { attribute: 'sendStatus', waiting: 'pending', deadLetter: 'failed' });

/** Sends what is due; returns how many messages were sent. */
export async function dispatchDueMail(
  strapi: Core.Strapi,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  const env = environment();
  const queue = outboxQueue(strapi);
  const policy = {
    baseMs: env.OUTBOX_RETRY_BASE_MS,
    maxMs: env.OUTBOX_RETRY_MAX_MS,
    maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
  };
  let sent = 0;
  for (;;) {
    const due = await queue.due<{ id: number }>(BATCH, ['id']);
    if (due.length === 0) return sent;

    for (const { id } of due) {
      if (shouldStop()) return sent;
      if (!(await queue.claim(id, LEASE_MS))) continue; // another process has it
      const message = (await strapi.db.query(OUTBOX).findOne({ where: { id } })) as OutboxRow;
      try {
        // The suppression list is read at the send, not when the mail was queued.
        const addresses = message.to.split(',').map((a) => a.trim());
        const suppressed = await suppressedAmong(strapi, addresses);
        const to = addresses.filter((a) => !suppressed.has(a.toLowerCase()));
        if (to.length === 0) {
          await strapi.db.query(OUTBOX).update({
            where: { id },
            data: { sendStatus: 'suppressed', lockedUntil: null, lastError: 'Spärrad adress' },
          });
          continue;
        }
        await strapi
          .plugin('email')
          .service('email')
          .send({
            to: to.join(', '),
            subject: message.subject,
            html: message.html,
            text: message.text,
            ...(message.replyTo ? { replyTo: message.replyTo } : {}),
            ...(message.messageId ? { messageId: message.messageId } : {}),
            ...(message.from ? { from: message.from } : {}),
            ...(message.inReplyTo
              ? { inReplyTo: message.inReplyTo, references: message.references ?? message.inReplyTo }
              : {}),
            ...(message.calendar
              ? {
                  attachments: [
                    {
                      filename: 'evenemang.ics',
                      content: message.calendar,
                      // The file's own METHOD (PUBLISH, or CANCEL for a cancelled sign-up).
                      contentType: `text/calendar; charset=utf-8; method=${/^METHOD:([A-Z-]+)/m.exec(message.calendar)?.[1] ?? 'PUBLISH'}`,
                    },
                  ],
                }
              : {}),
            // VERP: a bounce names this row, whenever it comes back.
            envelope: { from: bounceAddress({ kind: 'outbox', id }), to },
          });
        await strapi.db.query(OUTBOX).update({
          where: { id },
          data: {
            sendStatus: 'sent',
            sentAt: new Date(),
            attempts: message.attempts + 1,
            lockedUntil: null,
            lastError: null,
          },
        });
        sent += 1;
      } catch (error) {
        const { attempts, gaveUp } = await queue.fail(message, error, policy);
        if (gaveUp) strapi.log.error(`Outbox: gave up on message ${id} after ${attempts} attempts`);
      }
    }
  }
}

/** This process's outbox loop: sends due mail. */
export const outboxLoop = processLoop('Outbox', dispatchDueMail);

/** Sends queued mail now instead of at the next poll; call after the queuing transaction commits. */
export function wakeMailQueue() {
  outboxLoop.wake();
}

/** Sent mail holds personal data and is only needed for troubleshooting: keep it 30 days. */
export const SENT_MAIL_RETENTION_DAYS = 30;

export async function pruneSentMail(strapi: Core.Strapi, now = new Date()) {
  const before = new Date(now.getTime() - SENT_MAIL_RETENTION_DAYS * 86_400_000);
  await strapi.db.query(OUTBOX).deleteMany({ where: { sendStatus: 'sent', sentAt: { $lt: before } } });
}

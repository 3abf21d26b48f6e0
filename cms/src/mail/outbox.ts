import type { Core } from '@strapi/strapi';
import { environment } from '../platform/environment';
import { processLoop } from '../platform/work-loop';
import type { OutgoingMail } from './mails';
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
  attempts: number;
};

export async function enqueueMail(strapi: Core.Strapi, mail: OutgoingMail, contactId?: number) {
  const now = new Date();
  await strapi.db.query(OUTBOX).create({
    data: {
      kind: mail.kind,
      to: mail.to.join(', '),
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      replyTo: mail.replyTo,
      sendStatus: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      publishedAt: now,
      ...(contactId ? { contact: contactId } : {}),
    },
  });
}

export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
}

/** Sends what is due; returns how many messages were sent. */
export async function dispatchDueMail(
  strapi: Core.Strapi,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  const env = environment();
  const query = strapi.db.query(OUTBOX);
  let sent = 0;
  for (;;) {
    const now = new Date();
    const due = (await query.findMany({
      where: {
        sendStatus: 'pending',
        nextAttemptAt: { $lte: now },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
      },
      orderBy: { id: 'asc' },
      limit: BATCH,
    })) as OutboxRow[];
    if (due.length === 0) return sent;

    for (const message of due) {
      if (shouldStop()) return sent;
      const claimedAt = new Date();
      const { count } = await query.updateMany({
        where: {
          id: message.id,
          sendStatus: 'pending',
          $or: [{ lockedUntil: null }, { lockedUntil: { $lt: claimedAt } }],
        },
        data: { lockedUntil: new Date(claimedAt.getTime() + LEASE_MS) },
      });
      if (count !== 1) continue; // another process has it

      const attempts = message.attempts + 1;
      try {
        await strapi
          .plugin('email')
          .service('email')
          .send({
            to: message.to,
            subject: message.subject,
            html: message.html,
            text: message.text,
            ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          });
        await query.update({
          where: { id: message.id },
          data: { sendStatus: 'sent', sentAt: new Date(), attempts, lockedUntil: null, lastError: null },
        });
        sent += 1;
      } catch (error) {
        const giveUp = attempts >= env.OUTBOX_MAX_ATTEMPTS;
        await query.update({
          where: { id: message.id },
          data: {
            sendStatus: giveUp ? 'failed' : 'pending',
            attempts,
            lockedUntil: null,
            lastError: String((error as Error)?.message ?? error).slice(0, 2000),
            nextAttemptAt: new Date(
              Date.now() + retryDelay(attempts, env.OUTBOX_RETRY_BASE_MS, env.OUTBOX_RETRY_MAX_MS),
            ),
          },
        });
        if (giveUp) strapi.log.error(`Outbox: gave up on message ${message.id} after ${attempts} attempts`);
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

import type { Core } from '@strapi/strapi';
import { classifySendError, type DeliverySender, type SendableCampaign } from '@tasteget/newsletter';
import { exclusionReason, normalizeEmail } from '@tasteget/shared';
import { environment } from '../platform/environment';
import { logActivity } from '../contacts/activities';
import { bounceAddress } from '../mail/addresses';
import { suppressedAmong } from '../mail/suppression';

import { campaignAudience, campaignNotRenderable, loadCampaign, type CampaignRow } from './campaign-content';
import { finishIfDone, pauseForSenderProblem, storeCounts } from './campaign-status';
import { sendRate, type SendRate } from './send-rate';
import { claimDeliveries, deliveryQueue, keepLeased, releaseDeliveries, type ClaimedDelivery } from './claim';
import type { WorkerConfig } from './config';
import { deliveryColumn } from './deliveries';
import { ensureUnsubscribeToken, recipientsByEmail, type Audience, type Recipient } from './recipients';
import { deliveryJob, sendableFor } from './render';
import { deliverySender } from './transport';
import { CAMPAIGN, DELIVERY, SUBSCRIPTION } from '../platform/content-types';

/**
 * One pass of a worker: for each campaign being sent, claim a batch, send it, repeat until nothing
 * is due. A delivery is marked `sent` the moment the SMTP server accepts it; the batch is sent in
 * as many lanes as the pool has connections, and a lane sends its next mail only once the last
 * one's mark is written, so at most that many accepted mails can lack their mark if the process
 * dies (they are resent with the same Message-ID after the lease). Marks of lanes that finish
 * while another mark is being written go out together in one UPDATE (see `sentMarks`).
 *
 * The next batch is claimed, and its recipients read, while the current one is sent: otherwise
 * every lane waits on those queries between two batches (an eighth of the sending time, measured).
 * A batch claimed ahead is leased and renewed like the one being sent, and given back at once
 * when the worker stops.
 */
const STATUS_RECHECK_MS = 250;

export async function sendQueued(
  strapi: Core.Strapi,
  config: WorkerConfig,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  let sent = 0;
  const counts = progressCounts(strapi);
  const nextBatch = batchClaimer(strapi, config, shouldStop);
  try {
    let current = await nextBatch();
    while (current) {
      const upcoming = nextBatch();
      upcoming.catch(() => undefined); // awaited below, whatever happens to this batch
      try {
        sent += await sendBatch(strapi, config, current, shouldStop);
        await counts.afterBatch(current.ready.campaign.documentId);
      } catch (error) {
        await upcoming.then(
          (batch) => giveBack(strapi, batch),
          () => undefined,
        );
        throw error;
      }
      if (shouldStop()) {
        await giveBack(strapi, await upcoming);
        return sent;
      }
      // A round claimed while a batch was in flight cannot have seen that batch finish its
      // campaign: when it found nothing, one more round, with nothing in flight, settles it.
      current = (await upcoming) ?? (await nextBatch());
    }
    return sent;
  } finally {
    await counts.flush();
  }
}

/** A batch claimed for sending: leased (and kept leased), with its recipients as they are now. */
interface ClaimedBatch {
  ready: ReadyCampaign;
  deliveries: ClaimedDelivery[];
  recipients: Map<string, Recipient>;
  /** Addresses on the suppression list now (a bounce or complaint since "Skicka"). */
  suppressed: Set<string>;
  stopRenewing: () => Promise<void>;
}

/**
 * The batches of a pass, one per call, taking the campaigns being sent in turn (one batch each
 * per round). Null once a whole round claimed nothing; the call after that starts a fresh round.
 */
function batchClaimer(strapi: Core.Strapi, config: WorkerConfig, shouldStop: () => boolean) {
  let round: string[] | null = null;
  let claimedThisRound = false;
  return async (): Promise<ClaimedBatch | null> => {
    for (;;) {
      if (shouldStop()) return null;
      if (!round) {
        round = await sendingCampaigns(strapi);
        claimedThisRound = false;
      }
      const documentId = round.shift();
      if (documentId === undefined) {
        round = null;
        if (claimedThisRound) continue;
        return null;
      }
      // Rendered before the claim: a first compile (MJML loaded, related content read) must not
      // eat into the lease.
      const ready = await readyToSend(strapi, config, documentId);
      if (!ready) continue;
      const deliveries = await claimDeliveries(strapi, documentId, batchSize(config), config.leaseMs);
      if (deliveries.length === 0) {
        await finishIfDone(strapi, documentId);
        continue;
      }
      claimedThisRound = true;
      const ids = deliveries.map((d) => d.id);
      const stopRenewing = keepLeased(strapi, ids, config.leaseMs);
      try {
        const emails = deliveries.map((d) => d.email);
        const recipients = await recipientsByEmail(strapi, ready.audience, emails);
        const suppressed = await suppressedAmong(strapi, emails);
        return { ready, deliveries, recipients, suppressed, stopRenewing };
      } catch (error) {
        await stopRenewing();
        await releaseDeliveries(strapi, ids);
        throw error;
      }
    }
  };
}

async function sendingCampaigns(strapi: Core.Strapi): Promise<string[]> {
  const rows = (await strapi.db.query(CAMPAIGN).findMany({
    where: { campaignStatus: 'sending' },
    select: ['documentId'],
    orderBy: { id: 'asc' },
  })) as { documentId: string }[];
  return rows.map((r) => r.documentId);
}

/** A claimed batch not sent after all: its lease ends now, and another worker may take it. */
async function giveBack(strapi: Core.Strapi, batch: ClaimedBatch | null) {
  if (!batch) return;
  await batch.stopRenewing();
  await releaseDeliveries(
    strapi,
    batch.deliveries.map((d) => d.id),
  );
}

/**
 * The sent and failed counts the admin's list shows while a campaign is sent: counting a large
 * campaign's deliveries after every batch is work that grows with the campaign, so they are written
 * at most once a second, and when the pass ends (a finished campaign's are written as it finishes).
 */
const COUNTS_EVERY_MS = 1000;

function progressCounts(strapi: Core.Strapi) {
  const storedAt = new Map<string, number>();
  const unstored = new Set<string>();
  const store = async (documentId: string) => {
    unstored.delete(documentId);
    storedAt.set(documentId, Date.now());
    await storeCounts(strapi, documentId);
  };
  return {
    async afterBatch(documentId: string) {
      if (Date.now() - (storedAt.get(documentId) ?? 0) >= COUNTS_EVERY_MS) await store(documentId);
      else unstored.add(documentId);
    },
    async flush() {
      for (const documentId of [...unstored]) await store(documentId);
    },
  };
}

/**
 * A batch must be sent well within its lease, or another worker takes it while it is still being
 * sent: under a rate limit, a batch is at most a quarter of what the lease allows.
 */
export function batchSize(config: WorkerConfig): number {
  const rate = config.sender.NEWSLETTER_RATE_LIMIT;
  if (rate <= 0) return config.batchSize;
  return Math.max(1, Math.min(config.batchSize, Math.floor((rate * config.leaseMs) / 1000 / 4)));
}

/** A campaign that is being sent, with its message rendered, as loaded at `loadedAt` (ms). */
interface ReadyCampaign {
  campaign: CampaignRow;
  audience: Audience;
  sendable: SendableCampaign;
  loadedAt: number;
}

/** The campaign ready to send; null when it is not being sent or no longer renders (then paused). */
async function readyToSend(
  strapi: Core.Strapi,
  config: WorkerConfig,
  documentId: string,
): Promise<ReadyCampaign | null> {
  const loadedAt = Date.now();
  const campaign = await loadCampaign(strapi, documentId);
  if (!campaign || campaign.campaignStatus !== 'sending') return null;
  try {
    return {
      campaign,
      audience: await campaignAudience(strapi, campaign),
      sendable: await sendableFor(strapi, campaign, config.identity),
      loadedAt,
    };
  } catch (error) {
    // A moment's failure (the database, a lost connection) is the loop's to retry: the campaign
    // goes on by itself at the next pass, rather than wait for someone to resume it.
    if (!campaignNotRenderable(error)) throw error;
    // Content changed after "Skicka" and no longer renders: nobody gets a broken mail.
    await pauseForSenderProblem(strapi, documentId, (error as Error).message);
    return null;
  }
}

async function sendBatch(
  strapi: Core.Strapi,
  config: WorkerConfig,
  batch: ClaimedBatch,
  shouldStop: () => boolean,
): Promise<number> {
  try {
    return await sendLeasedBatch(strapi, config, batch, shouldStop);
  } finally {
    await batch.stopRenewing();
  }
}

async function sendLeasedBatch(
  strapi: Core.Strapi,
  config: WorkerConfig,
  { ready, deliveries, recipients, suppressed }: ClaimedBatch,
  shouldStop: () => boolean,
): Promise<number> {
  const { campaign, sendable, audience } = ready;
  // A batch claimed ahead waited its turn: its campaign's status is as old as its load, not its start.
  const active = campaignActivity(strapi, campaign.documentId, ready.loadedAt);
  const publicUrl = environment().PUBLIC_URL;
  const sender = deliverySender(config.sender, config.identity);
  const pace = await sendRate(strapi, config.sender.NEWSLETTER_RATE_LIMIT);
  const markSent = sentMarks(strapi);

  let next = 0;
  let sent = 0;
  const unsent: number[] = [];
  const lane = async () => {
    for (let delivery = deliveries[next++]; delivery; delivery = deliveries[next++]) {
      if (shouldStop() || !(await active())) {
        unsent.push(delivery.id);
        continue;
      }
      const outcome = await sendOne(
        strapi,
        config,
        campaign,
        audience,
        sendable,
        sender,
        delivery,
        recipients,
        suppressed,
        publicUrl,
        markSent,
        pace,
      );
      if (outcome === 'sent') sent += 1;
      if (outcome === 'sender-problem') unsent.push(delivery.id);
    }
  };
  await Promise.all(Array.from({ length: config.sender.NEWSLETTER_POOL_SIZE }, lane));
  await releaseDeliveries(strapi, unsent);
  return sent;
}

/**
 * Group commit of `sent` marks: a mark is written in the next turn of the event loop, together
 * with every other mark that arrived by then (acceptances from the sending threads come in
 * bursts) and, while a write is running, with those that arrive during it: one UPDATE per
 * attempt count (usually one). Nothing waits for a timer, so "marked as soon as accepted" holds,
 * and each caller's promise settles only when its own row is written.
 */
export function sentMarks(strapi: Core.Strapi) {
  type Mark = { id: number; attempts: number; at: Date; done: () => void; fail: (e: unknown) => void };
  const markSent = markSentStatement(strapi);
  let waiting: Mark[] = [];
  let writing = false;
  const write = async () => {
    while (waiting.length > 0) {
      const marks = waiting;
      waiting = [];
      const byAttempts = new Map<number, Mark[]>();
      for (const mark of marks)
        byAttempts.set(mark.attempts, [...(byAttempts.get(mark.attempts) ?? []), mark]);
      for (const [attempts, group] of byAttempts) {
        try {
          await markSent(
            group.map((m) => m.id),
            attempts,
            group[group.length - 1].at,
          );
          for (const mark of group) mark.done();
        } catch (error) {
          for (const mark of group) mark.fail(error);
        }
      }
    }
    writing = false;
  };
  return (id: number, attempts: number, at: Date) =>
    new Promise<void>((done, fail) => {
      waiting.push({ id, attempts, at, done, fail });
      if (writing) return;
      writing = true;
      setImmediate(() => void write());
    });
}

/**
 * The mark as one plain UPDATE, its SQL written once: on SQLite every mark is a statement of its
 * own (its writes never overlap), and through Strapi's query layer each cost several times the
 * statement itself, a third of the worker's time per mail.
 */
function markSentStatement(strapi: Core.Strapi) {
  const table = strapi.db.metadata.get(DELIVERY).tableName;
  const column = (attribute: string) => deliveryColumn(strapi, attribute);
  const knex = strapi.db.connection;
  const name = (identifier: string) => knex.raw('??', [identifier]).toQuery();
  const sql =
    `UPDATE ${name(table)} SET ${name(column('deliveryStatus'))} = 'sent', ` +
    `${name(column('sentAt'))} = ?, ${name(column('attempts'))} = ?, ` +
    `${name(column('lockedUntil'))} = NULL, ${name(column('lastError'))} = NULL WHERE id IN`;
  return async (ids: number[], attempts: number, at: Date) => {
    await knex.raw(`${sql} (${ids.map(() => '?').join(', ')})`, [at, attempts, ...ids]);
  };
}

/**
 * Whether the campaign is still `sending` (it was at `checkedAt`, re-read at most every 250 ms):
 * pause and cancel act mid-batch.
 */
function campaignActivity(strapi: Core.Strapi, documentId: string, checkedAt: number) {
  let sending = true;
  return async () => {
    if (sending && Date.now() - checkedAt >= STATUS_RECHECK_MS) {
      checkedAt = Date.now();
      const row = await strapi.db
        .query(CAMPAIGN)
        .findOne({ where: { documentId }, select: ['campaignStatus'] });
      sending = row?.campaignStatus === 'sending';
    }
    return sending;
  };
}

type Outcome = 'sent' | 'skipped' | 'failed' | 'retry' | 'sender-problem';

async function sendOne(
  strapi: Core.Strapi,
  config: WorkerConfig,
  campaign: CampaignRow,
  audience: Audience,
  sendable: SendableCampaign,
  sender: DeliverySender,
  delivery: ClaimedDelivery,
  recipients: Map<string, Recipient>,
  suppressed: Set<string>,
  publicUrl: string,
  markSent: (id: number, attempts: number, at: Date) => Promise<void>,
  pace: SendRate | null,
): Promise<Outcome> {
  // updateMany, not update: one UPDATE statement, where update also reads the row before and after.
  const deliveries = strapi.db.query(DELIVERY);
  // The recipient as they are now: an unsubscribe, bounce or erasure since "Skicka" stops the mail.
  const recipient = recipients.get(normalizeEmail(delivery.email));
  const reason = suppressed.has(normalizeEmail(delivery.email))
    ? 'suppressed'
    : recipient
      ? exclusionReason(recipient.profile)
      : 'erased';
  if (!recipient || reason) {
    await deliveries.updateMany({
      where: { id: delivery.id },
      data: { deliveryStatus: 'skipped', lastError: reason, lockedUntil: null },
    });
    return 'skipped';
  }

  const attempts = delivery.attempts + 1;
  try {
    const token = await ensureUnsubscribeToken(strapi, recipient, audience.newsletterId);
    await pace?.take();
    await sender.send(sendable, {
      ...deliveryJob(config.identity, recipient, delivery.email, delivery.messageId, token, publicUrl),
      // VERP: a bounce names this delivery, however late it comes back.
      returnPath: bounceAddress({ kind: 'delivery', id: delivery.id }),
    });
  } catch (error) {
    return failed(strapi, config, campaign, delivery, recipient, error);
  }
  const now = new Date();
  await markSent(delivery.id, attempts, now);
  if (recipient.contactId) {
    await logActivity(
      strapi,
      { id: recipient.contactId },
      { kind: 'newsletter', at: now, summary: `Fick nyhetsbrevet ”${campaign.subject}”.` },
      { outbound: true },
    );
  }
  return 'sent';
}

async function failed(
  strapi: Core.Strapi,
  config: WorkerConfig,
  campaign: CampaignRow,
  delivery: ClaimedDelivery,
  recipient: Recipient,
  error: unknown,
): Promise<Outcome> {
  const message = String((error as Error)?.message ?? error).slice(0, 2000);
  const kind = classifySendError(error);
  if (kind === 'sender') {
    // The relay refuses us, not this recipient: pause rather than fail every delivery.
    await pauseForSenderProblem(strapi, campaign.documentId, message);
    return 'sender-problem';
  }
  const permanent = kind === 'permanent';
  const { gaveUp } = await deliveryQueue(strapi).fail(delivery, error, config.retry, {
    jitter: 0.2,
    giveUp: permanent,
  });
  if (!gaveUp) return 'retry';
  if (permanent) await countBounce(strapi, recipient.subscriptionIds);
  return 'failed';
}

/** A permanent refusal counts one bounce on the address's subscriptions (atomically, in SQL). */
async function countBounce(strapi: Core.Strapi, subscriptionIds: number[]) {
  if (subscriptionIds.length === 0) return;
  const meta = strapi.db.metadata.get(SUBSCRIPTION);
  const columnName = (meta.attributes.bounceCount as { columnName?: string }).columnName ?? 'bounce_count';
  await strapi.db
    .connection(meta.tableName)
    .whereIn('id', subscriptionIds)
    .update({ [columnName]: strapi.db.connection.raw('COALESCE(??, 0) + 1', [columnName]) });
}

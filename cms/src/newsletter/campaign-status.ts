import type { Core } from '@strapi/strapi';
import type { CampaignAudience, CampaignStatus } from '@tasteget/shared';

import { deliveryColumn } from './deliveries';
import { CampaignNotFoundError, CampaignStateError } from './freeze';
import { unnamedAudienceNewsletter } from './invitations';
import { CAMPAIGN, CONSENT, DELIVERY, NEWSLETTER, SUBSCRIPTION } from '../platform/content-types';

/**
 * A campaign's state after "Skicka": pause, resume, cancel, progress, and the move to `sent` once
 * nothing is left queued. Every change is a conditional update, so two admins (or an admin and a
 * worker) pressing at once cannot step over each other.
 */

export interface CampaignProgress {
  documentId: string;
  status: CampaignStatus;
  recipientCount: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Queued deliveries, including those waiting for a retry. */
  remaining: number;
  /** Mails accepted per second over the last ten seconds. */
  ratePerSecond: number;
  sentAt: string | null;
  /** What came back (cms/src/inbound): bounces by kind, spam complaints, unsubscribes since. */
  returns: CampaignReturns;
}

export interface CampaignReturns {
  /** Sent and not bounced. */
  delivered: number;
  bouncedHard: number;
  bouncedSoft: number;
  complaints: number;
  /**
   * Deliveries whose recipient left the campaign's newsletter after this campaign reached them,
   * each once (`campaignUnsubscribes`).
   */
  unsubscribes: number;
  /** Shares of the sent mail that still exists, 0–1. */
  bounceRate: number;
  complaintRate: number;
  unsubscribeRate: number;
  /** Above 0.1 %: Gmail and Yahoo throttle bulk senders from 0.3 %, so act well before. */
  complaintWarning: boolean;
}

/** The complaint rate the admin warns at. */
export const COMPLAINT_WARNING_RATE = 0.001;

const RATE_WINDOW_MS = 10_000;

async function campaignRow(strapi: Core.Strapi, documentId: string) {
  const row = (await strapi.db.query(CAMPAIGN).findOne({
    where: { documentId },
    select: ['id', 'documentId', 'campaignStatus', 'recipientCount', 'sentAt', 'audience'],
    populate: { newsletter: { select: ['id'] } },
  })) as {
    id: number;
    documentId: string;
    campaignStatus: CampaignStatus;
    recipientCount: number | null;
    sentAt: string | null;
    audience: CampaignAudience;
    newsletter: { id: number } | null;
  } | null;
  if (!row) throw new CampaignNotFoundError(documentId);
  return row;
}

/** The campaign's deliveries by status, in one grouped count over the delivery index. */
async function deliveryCounts(strapi: Core.Strapi, documentId: string) {
  const status = deliveryColumn(strapi, 'deliveryStatus');
  const rows = (await strapi.db
    .connection(strapi.db.metadata.get(DELIVERY).tableName)
    .select({ status })
    .count({ n: '*' })
    .where(deliveryColumn(strapi, 'campaignDocumentId'), documentId)
    .groupBy(status)) as { status: string; n: number | string }[];
  // PostgreSQL's COUNT is a bigint, which its driver hands over as a string.
  const of = (wanted: string) => Number(rows.find((r) => r.status === wanted)?.n ?? 0);
  return { sent: of('sent'), failed: of('failed'), skipped: of('skipped'), remaining: of('queued') };
}

export async function campaignProgress(strapi: Core.Strapi, documentId: string): Promise<CampaignProgress> {
  const row = await campaignRow(strapi, documentId);
  const counts = await deliveryCounts(strapi, documentId);
  const recent = await strapi.db.query(DELIVERY).count({
    where: {
      campaignDocumentId: documentId,
      deliveryStatus: 'sent',
      sentAt: { $gte: new Date(Date.now() - RATE_WINDOW_MS) },
    },
  });
  return {
    documentId,
    status: row.campaignStatus,
    recipientCount: row.recipientCount ?? 0,
    ...counts,
    ratePerSecond: Math.round((recent / (RATE_WINDOW_MS / 1000)) * 10) / 10,
    sentAt: row.sentAt,
    returns: await campaignReturns(strapi, row, counts.sent),
  };
}

/**
 * What came back of a campaign, counted over its deliveries that were sent and still exist (an
 * erased person's delivery goes with them, from the counts and from the base of the shares alike):
 * their bounce and complaint marks, and unsubscribes. So no share exceeds 100 %.
 */
async function campaignReturns(
  strapi: Core.Strapi,
  campaign: { documentId: string; audience: CampaignAudience; newsletter: { id: number } | null },
  sent: number,
): Promise<CampaignReturns> {
  const { documentId } = campaign;
  const column = (field: string) => deliveryColumn(strapi, field);
  const deliveries = strapi.db.metadata.get(DELIVERY).tableName;
  const knex = strapi.db.connection;
  const [marks] = (await knex(deliveries)
    .where(column('campaignDocumentId'), documentId)
    .where(column('deliveryStatus'), 'sent')
    .select(
      knex.raw('SUM(CASE WHEN ?? = ? THEN 1 ELSE 0 END) AS hard', [column('bounce'), 'hard']),
      knex.raw('SUM(CASE WHEN ?? = ? THEN 1 ELSE 0 END) AS soft', [column('bounce'), 'soft']),
      knex.raw('SUM(CASE WHEN ?? IS NOT NULL THEN 1 ELSE 0 END) AS complaints', [column('complainedAt')]),
    )) as {
    hard: number | string | null;
    soft: number | string | null;
    complaints: number | string | null;
  }[];
  const bouncedHard = Number(marks?.hard ?? 0);
  const bouncedSoft = Number(marks?.soft ?? 0);
  const complaints = Number(marks?.complaints ?? 0);
  const unsubscribes = await campaignUnsubscribes(strapi, campaign);
  // Every count is of these deliveries, so no share exceeds 1.
  const share = (n: number) => (sent > 0 ? n / sent : 0);
  return {
    delivered: Math.max(0, sent - bouncedHard - bouncedSoft),
    bouncedHard,
    bouncedSoft,
    complaints,
    unsubscribes,
    bounceRate: share(bouncedHard + bouncedSoft),
    complaintRate: share(complaints),
    unsubscribeRate: share(unsubscribes),
    complaintWarning: share(complaints) > COMPLAINT_WARNING_RATE,
  };
}

/**
 * The campaign's sent deliveries whose recipient left the campaign's own newsletter (the one it
 * reached: `audienceNewsletterId`) at or after the delivery, each delivery once. Leaving is read
 * from two records: the address's subscription to that newsletter, ended since the delivery and
 * still ended; and the consent log's withdrawals for that newsletter since the delivery, which
 * stay when the person comes back (re-subscribing does not undo having left after this mail).
 * Nothing another newsletter's subscription does counts. The consent log names the newsletter by
 * its documentId, so a renamed newsletter keeps its withdrawals.
 */
async function campaignUnsubscribes(
  strapi: Core.Strapi,
  campaign: { documentId: string; audience: CampaignAudience; newsletter: { id: number } | null },
): Promise<number> {
  const newsletter = campaign.newsletter
    ? ((await strapi.db.query(NEWSLETTER).findOne({
        where: { id: campaign.newsletter.id },
        select: ['id', 'documentId'],
      })) as { id: number; documentId: string } | null)
    : await unnamedAudienceNewsletter(strapi, campaign.audience);
  if (!newsletter) return 0;
  const knex = strapi.db.connection;
  const d = (field: string) => `d.${deliveryColumn(strapi, field)}`;
  const subscriptions = strapi.db.metadata.get(SUBSCRIPTION);
  const s = (field: string) => `s.${columnOf(subscriptions, field)}`;
  const link = (subscriptions.attributes.newsletter as unknown as { joinTable: Link }).joinTable;
  const consents = strapi.db.metadata.get(CONSENT);
  const c = (field: string) => `c.${columnOf(consents, field)}`;

  const sentOfCampaign = () =>
    knex(`${strapi.db.metadata.get(DELIVERY).tableName} as d`)
      .select(`d.id`)
      .where(d('campaignDocumentId'), campaign.documentId)
      .where(d('deliveryStatus'), 'sent')
      // A spam report unsubscribes too, but it is counted as a complaint, not once more here.
      .whereNull(d('complainedAt'));
  const stillLeft = sentOfCampaign()
    .join(`${subscriptions.tableName} as s`, s('email'), d('email'))
    .join(`${link.name} as l`, `l.${link.joinColumn.name}`, 's.id')
    .where(`l.${link.inverseJoinColumn.name}`, newsletter.id)
    .where(s('subscriptionStatus'), 'unsubscribed')
    .whereRaw('?? >= ??', [s('unsubscribedAt'), d('sentAt')]);
  const withdrew = sentOfCampaign()
    .join(`${consents.tableName} as c`, c('email'), d('email'))
    .where(c('kind'), 'newsletter')
    .where(c('event'), 'withdrawn')
    .whereRaw('?? >= ??', [c('at'), d('sentAt')])
    .where(c('newsletterDocumentId'), newsletter.documentId);
  const [row] = (await knex.from(stillLeft.union(withdrew).as('left_after')).count({ n: '*' })) as {
    n: number | string;
  }[];
  return Number(row?.n ?? 0);
}

type Link = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };

const columnOf = (meta: { attributes: Record<string, unknown> }, field: string) =>
  (meta.attributes[field] as { columnName?: string } | undefined)?.columnName ?? field;

async function transition(
  strapi: Core.Strapi,
  documentId: string,
  from: CampaignStatus[],
  to: CampaignStatus,
  refusal: { sv: string; en: string },
) {
  const row = await campaignRow(strapi, documentId);
  if (row.campaignStatus === to) return;
  const { count } = await strapi.db.query(CAMPAIGN).updateMany({
    where: { id: row.id, campaignStatus: { $in: from } },
    data: { campaignStatus: to },
  });
  if (count !== 1) throw new CampaignStateError(refusal);
}

export async function pauseCampaign(strapi: Core.Strapi, documentId: string) {
  await transition(strapi, documentId, ['sending'], 'paused', {
    sv: 'Bara ett utskick som skickas kan pausas.',
    en: 'Only a campaign being sent can be paused.',
  });
}

export async function resumeCampaign(strapi: Core.Strapi, documentId: string) {
  await transition(strapi, documentId, ['paused'], 'sending', {
    sv: 'Bara ett pausat utskick kan återupptas.',
    en: 'Only a paused campaign can be resumed.',
  });
}

/** Cancels a campaign; its deliveries still queued are marked `skipped`. */
export async function cancelCampaign(strapi: Core.Strapi, documentId: string) {
  await transition(strapi, documentId, ['draft', 'scheduled', 'sending', 'paused'], 'cancelled', {
    sv: 'Ett skickat utskick kan inte avbrytas.',
    en: 'A sent campaign cannot be cancelled.',
  });
  await strapi.db.query(DELIVERY).updateMany({
    where: { campaignDocumentId: documentId, deliveryStatus: 'queued' },
    data: { deliveryStatus: 'skipped', lastError: 'cancelled', lockedUntil: null },
  });
  await storeCounts(strapi, documentId);
}

/** Writes the sent and failed counts onto the campaign (the admin's list shows them while sending). */
export async function storeCounts(
  strapi: Core.Strapi,
  documentId: string,
  extra: Record<string, unknown> = {},
) {
  const counts = await deliveryCounts(strapi, documentId);
  await strapi.db.query(CAMPAIGN).update({
    where: { documentId },
    data: { sentCount: counts.sent, failedCount: counts.failed, ...extra },
  });
  return counts;
}

/** A sending campaign with nothing left queued is `sent`; returns whether it just became so. */
export async function finishIfDone(strapi: Core.Strapi, documentId: string): Promise<boolean> {
  const remaining = await strapi.db
    .query(DELIVERY)
    .count({ where: { campaignDocumentId: documentId, deliveryStatus: 'queued' } });
  if (remaining > 0) return false;
  const { count } = await strapi.db.query(CAMPAIGN).updateMany({
    where: { documentId, campaignStatus: 'sending' },
    data: { campaignStatus: 'sent', sentAt: new Date() },
  });
  if (count === 1) await storeCounts(strapi, documentId);
  return count === 1;
}

/** The sender's credentials were refused: stop every worker on this campaign until someone resumes it. */
export async function pauseForSenderProblem(strapi: Core.Strapi, documentId: string, reason: string) {
  const { count } = await strapi.db.query(CAMPAIGN).updateMany({
    where: { documentId, campaignStatus: 'sending' },
    data: { campaignStatus: 'paused' },
  });
  if (count === 1) strapi.log.error(`Newsletter: paused campaign ${documentId}: ${reason}`);
}

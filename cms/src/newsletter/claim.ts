import type { Core } from '@strapi/strapi';
import { DELIVERY } from '../platform/content-types';
import { contentTypeQueue } from '../platform/leased-queue';
import { deliveryColumn } from './deliveries';

/**
 * Newsletter deliveries as a leased queue (platform/leased-queue.ts): a worker claims a batch of
 * a campaign's queued deliveries with a lease that keeps every other worker, in this process or
 * another, off those rows until it ends or is released. A worker that dies leaves its lease to
 * run out; its deliveries are then claimed again. A delivery given up on is `failed`.
 */
export interface ClaimedDelivery {
  id: number;
  email: string;
  deliveryKey: string;
  messageId: string;
  attempts: number;
}

/** The deliveries' queue: queued until sent, failed when given up. */
export const deliveryQueue = (strapi: Core.Strapi) =>
  contentTypeQueue(strapi, DELIVERY, {
    attribute: 'deliveryStatus',
    waiting: 'queued',
    deadLetter: 'failed',
  });

export async function claimDeliveries(
  strapi: Core.Strapi,
  campaignDocumentId: string,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const [campaign, key, messageId] = ['campaignDocumentId', 'deliveryKey', 'messageId'].map((a) =>
    deliveryColumn(strapi, a),
  );
  const rows = await deliveryQueue(strapi).claimBatch<Record<string, unknown> & { id: number }>(
    limit,
    leaseMs,
    ['id', 'email', key, messageId, 'attempts'],
    { [campaign]: campaignDocumentId },
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email as string,
    deliveryKey: row[key] as string,
    messageId: row[messageId] as string,
    attempts: Number(row.attempts ?? 0),
  }));
}

/** Gives unsent deliveries back at once (a worker stopping or a campaign paused mid-batch). */
export async function releaseDeliveries(strapi: Core.Strapi, ids: number[]) {
  await deliveryQueue(strapi).release(ids);
}

/**
 * Keeps a batch's lease while its worker is still at it: a batch (or the first one's sending
 * thread starting) may take longer than the lease on a busy machine, which let another worker send
 * the same mails.
 */
export function keepLeased(strapi: Core.Strapi, ids: number[], leaseMs: number): () => Promise<void> {
  return deliveryQueue(strapi).keepLeased(ids, leaseMs, (error) => {
    strapi.log.warn(`Newsletter: a lease could not be renewed: ${String(error)}`);
  });
}

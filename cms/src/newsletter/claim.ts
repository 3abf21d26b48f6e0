import type { Core } from '@strapi/strapi';
import { DELIVERY } from './freeze';

/**
 * Claiming a batch of a campaign's queued deliveries: a lease (`lockedUntil`) that keeps every
 * other worker, in this process or another, off those rows until it ends or is released. A worker
 * that dies leaves its lease to run out; its deliveries are then claimed again.
 *
 * PostgreSQL: one transaction selects due rows `FOR UPDATE SKIP LOCKED` and leases them, so
 * workers claiming at the same moment take disjoint batches without waiting for each other.
 * SQLite (one writer at a time): each row is leased by a conditional update that only succeeds
 * while the row is still free.
 */
export interface ClaimedDelivery {
  id: number;
  email: string;
  deliveryKey: string;
  messageId: string;
  attempts: number;
}

const FIELDS = ['id', 'email', 'deliveryKey', 'messageId', 'attempts'];

function column(strapi: Core.Strapi, attribute: string): string {
  const attr = strapi.db.metadata.get(DELIVERY).attributes[attribute] as { columnName?: string };
  return attr.columnName ?? attribute;
}

/** Due and not leased: queued, its retry time reached, no live lease. */
function dueWhere(campaignDocumentId: string, now: Date) {
  return {
    campaignDocumentId,
    deliveryStatus: 'queued',
    $and: [
      { $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] },
      { $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
    ],
  };
}

export async function claimDeliveries(
  strapi: Core.Strapi,
  campaignDocumentId: string,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const query = strapi.db.query(DELIVERY);
  if (strapi.db.dialect.client === 'postgres') {
    return strapi.db.transaction(async ({ trx }) => {
      const now = new Date();
      const table = strapi.db.metadata.get(DELIVERY).tableName;
      const [campaign, status, next, locked] = [
        'campaignDocumentId',
        'deliveryStatus',
        'nextAttemptAt',
        'lockedUntil',
      ].map((a) => column(strapi, a));
      const { rows } = (await trx.raw(
        `SELECT id FROM ?? WHERE ?? = ? AND ?? = 'queued' AND (?? IS NULL OR ?? <= ?) AND (?? IS NULL OR ?? < ?)
         ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
        [table, campaign, campaignDocumentId, status, next, next, now, locked, locked, now, limit],
      )) as { rows: { id: number }[] };
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      await query.updateMany({
        where: { id: { $in: ids } },
        data: { lockedUntil: new Date(now.getTime() + leaseMs) },
      });
      return (await query.findMany({
        where: { id: { $in: ids } },
        select: FIELDS,
        orderBy: { id: 'asc' },
      })) as ClaimedDelivery[];
    });
  }

  const claimed: ClaimedDelivery[] = [];
  // Rows another worker leased meanwhile drop out of the next look; stop when none are left.
  while (claimed.length < limit) {
    const candidates = (await query.findMany({
      where: dueWhere(campaignDocumentId, new Date()),
      select: FIELDS,
      orderBy: { id: 'asc' },
      limit: limit - claimed.length,
    })) as ClaimedDelivery[];
    if (candidates.length === 0) break;
    for (const delivery of candidates) {
      const now = new Date();
      const { count } = await query.updateMany({
        where: { id: delivery.id, ...dueWhere(campaignDocumentId, now) },
        data: { lockedUntil: new Date(now.getTime() + leaseMs) },
      });
      if (count === 1) claimed.push(delivery);
    }
  }
  return claimed;
}

/** Gives unsent deliveries back at once (a worker stopping or a campaign paused mid-batch). */
export async function releaseDeliveries(strapi: Core.Strapi, ids: number[]) {
  if (ids.length === 0) return;
  await strapi.db.query(DELIVERY).updateMany({
    where: { id: { $in: ids }, deliveryStatus: 'queued' },
    data: { lockedUntil: null },
  });
}

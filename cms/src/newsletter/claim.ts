import type { Core } from '@strapi/strapi';
import { deliveryColumn } from './deliveries';
import { DELIVERY } from '../platform/content-types';

/**
 * Claiming a batch of a campaign's queued deliveries: a lease (`lockedUntil`) that keeps every
 * other worker, in this process or another, off those rows until it ends or is released. A worker
 * that dies leaves its lease to run out; its deliveries are then claimed again.
 *
 * PostgreSQL: one transaction selects due rows `FOR UPDATE SKIP LOCKED` and leases them, so
 * workers claiming at the same moment take disjoint batches without waiting for each other.
 * SQLite (one writer at a time): one `UPDATE … RETURNING` leases the due rows and returns them.
 */
export interface ClaimedDelivery {
  id: number;
  email: string;
  deliveryKey: string;
  messageId: string;
  attempts: number;
}

const FIELDS = ['id', 'email', 'deliveryKey', 'messageId', 'attempts'];

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
      ].map((a) => deliveryColumn(strapi, a));
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

  // SQLite: one statement leases the batch and returns it (UPDATE … RETURNING, SQLite 3.35+). A
  // statement is atomic under SQLite's single writer, so two workers never lease the same row,
  // and a batch costs one write instead of one per row.
  const now = new Date();
  const table = strapi.db.metadata.get(DELIVERY).tableName;
  const [campaign, status, next, locked, key, messageId] = [
    'campaignDocumentId',
    'deliveryStatus',
    'nextAttemptAt',
    'lockedUntil',
    'deliveryKey',
    'messageId',
  ].map((a) => deliveryColumn(strapi, a));
  const rows = (await strapi.db.connection.raw(
    `UPDATE ?? SET ?? = ? WHERE id IN (
       SELECT id FROM ?? WHERE ?? = ? AND ?? = 'queued' AND (?? IS NULL OR ?? <= ?) AND (?? IS NULL OR ?? < ?)
       ORDER BY id LIMIT ?)
     RETURNING id, email, ?? AS deliveryKey, ?? AS messageId, attempts`,
    [
      table,
      locked,
      new Date(now.getTime() + leaseMs),
      table,
      campaign,
      campaignDocumentId,
      status,
      next,
      next,
      now,
      locked,
      locked,
      now,
      limit,
      key,
      messageId,
    ],
  )) as ClaimedDelivery[];
  return rows.map((r) => ({ ...r, attempts: r.attempts ?? 0 })).sort((a, b) => a.id - b.id);
}

/** Gives unsent deliveries back at once (a worker stopping or a campaign paused mid-batch). */
export async function releaseDeliveries(strapi: Core.Strapi, ids: number[]) {
  if (ids.length === 0) return;
  await strapi.db.query(DELIVERY).updateMany({
    where: { id: { $in: ids }, deliveryStatus: 'queued' },
    data: { lockedUntil: null },
  });
}

/**
 * Keeps a batch's lease while its worker is still at it: a lease is meant to run out only when its
 * worker died, not when a batch (or the first one's sending thread starting) takes longer than the
 * lease on a busy machine, which let another worker send the same mails. Renews the rows of `ids`
 * still queued and leased, every third of the lease, until the returned stop is called.
 */
export function keepLeased(strapi: Core.Strapi, ids: number[], leaseMs: number): () => Promise<void> {
  let renewing: Promise<void> = Promise.resolve();
  const renew = () =>
    strapi.db
      .query(DELIVERY)
      .updateMany({
        where: { id: { $in: ids }, deliveryStatus: 'queued', lockedUntil: { $notNull: true } },
        data: { lockedUntil: new Date(Date.now() + leaseMs) },
      })
      .then(
        () => undefined,
        (error: unknown) => {
          strapi.log.warn(`Newsletter: a lease could not be renewed: ${String(error)}`);
        },
      );
  const timer = setInterval(
    () => {
      renewing = renewing.then(renew);
    },
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  return async () => {
    clearInterval(timer);
    await renewing;
  };
}

import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Runs `work` in a database transaction that no other write for the same e-mail address can
 * interleave with, in this process or another: on PostgreSQL a transaction-scoped advisory lock
 * on the address; on SQLite the single connection already serialises transactions.
 * `afterCommit` callbacks run once the data is durable (to wake the mail outbox, for instance).
 * Raw queries inside `work` must go through `trx`: on SQLite the transaction holds the only
 * connection.
 */
export async function inEmailTransaction<T>(
  strapi: Core.Strapi,
  email: string,
  work: (afterCommit: (fn: () => void) => void, trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  const callbacks: (() => void)[] = [];
  const result = await strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [email]);
    }
    return work((fn) => callbacks.push(fn), trx);
  });
  for (const fn of callbacks) fn();
  return result;
}

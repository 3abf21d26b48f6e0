import type { Core, UID } from '@strapi/strapi';
import { retryDelay, type RetryPolicy } from '@tasteget/shared';
import type { Knex } from 'knex';

/**
 * The leased queue under the intake inbox, the mail outbox and newsletter deliveries: rows wait
 * in a table until due, a worker claims them with a lease, and a failed row waits out a doubling
 * delay or, after the policy's last attempt, is dead-lettered. The invariants are in README.md
 * beside this file. Statements are plain SQL on the table (knex), the same on SQLite and
 * PostgreSQL apart from PostgreSQL's row locks when a batch is claimed.
 */
export interface QueueTable {
  table: string;
  /** The bookkeeping columns (snake_case in the database). */
  columns: { attempts: string; nextAttemptAt: string; lockedUntil: string; lastError: string };
  /** Own tables keep epoch milliseconds; Strapi's content types keep timestamps. */
  clock: 'epoch-ms' | 'timestamp';
  /**
   * A status column, for queues that keep rows once done: rows with `waiting` are the queue; a
   * row given up on gets `deadLetter`. Without one, a row is the queue until its owner deletes it.
   */
  status?: { column: string; waiting: string; deadLetter: string };
}

/** The bookkeeping columns of the project's own queue tables (`own-tables.ts`), by one name. */
export const OWN_QUEUE_COLUMNS: QueueTable['columns'] = {
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  lockedUntil: 'locked_until',
  lastError: 'last_error',
};

/** Equality conditions on other columns (a campaign's deliveries, say). */
export type QueueScope = Record<string, string | number>;

/** How a failed row goes on: tried again after a delay, or dead-lettered. */
export type FailureOutcome = { attempts: number; gaveUp: boolean };

/**
 * Thrown by `finish` when the row is no longer waiting: this worker's lease ran out and another
 * worker finished the row. Thrown inside the work's transaction, it rolls the work back.
 */
export class LeaseLost extends Error {
  constructor(table: string, id: number) {
    super(`${table} row ${id} was finished by another worker after this one's lease ran out`);
    this.name = 'LeaseLost';
  }
}

const contentTypeQueues = new WeakMap<Core.Strapi, Map<string, LeasedQueue>>();

/**
 * A content type's queue (the outbox, newsletter deliveries), one per Strapi instance: its table
 * and columns are read from Strapi's metadata on first use.
 */
export function contentTypeQueue(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  status: { attribute: string; waiting: string; deadLetter: string },
): LeasedQueue {
  const queues = contentTypeQueues.get(strapi) ?? new Map<string, LeasedQueue>();
  contentTypeQueues.set(strapi, queues);
  const known = queues.get(uid);
  if (known) return known;
  let described: QueueTable | undefined;
  const queue = leasedQueue(strapi, () => {
    if (described) return described;
    const meta = strapi.db.metadata.get(uid);
    const column = (attribute: string) =>
      (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName ?? attribute;
    described = {
      table: meta.tableName,
      columns: {
        attempts: column('attempts'),
        nextAttemptAt: column('nextAttemptAt'),
        lockedUntil: column('lockedUntil'),
        lastError: column('lastError'),
      },
      clock: 'timestamp',
      status: { column: column(status.attribute), waiting: status.waiting, deadLetter: status.deadLetter },
    };
    return described;
  });
  queues.set(uid, queue);
  return queue;
}

export function leasedQueue(strapi: Core.Strapi, describe: () => QueueTable) {
  const knex = () => strapi.db.connection;
  const stamp = (ms: number) => (describe().clock === 'epoch-ms' ? ms : new Date(ms));

  /** Waiting rows of the scope, due and not leased at `now`. */
  const claimable = (query: Knex.QueryBuilder, now: number, scope: QueueScope = {}) => {
    const { columns, status } = describe();
    if (Object.keys(scope).length > 0) query.where(scope);
    if (status) query.andWhere(status.column, status.waiting);
    return query
      .andWhere((q) => q.whereNull(columns.nextAttemptAt).orWhere(columns.nextAttemptAt, '<=', stamp(now)))
      .andWhere((q) => q.whereNull(columns.lockedUntil).orWhere(columns.lockedUntil, '<', stamp(now)));
  };

  /** Leased rows this worker still holds (waiting, with a lease). */
  const held = (query: Knex.QueryBuilder, ids: number[]) => {
    const { columns, status } = describe();
    query.whereIn('id', ids).whereNotNull(columns.lockedUntil);
    if (status) query.andWhere(status.column, status.waiting);
    return query;
  };

  /** Extends the lease of the rows this worker still holds. */
  const renew = async (ids: number[], leaseMs: number) => {
    if (ids.length === 0) return;
    await held(knex()(describe().table), ids).update({
      [describe().columns.lockedUntil]: stamp(Date.now() + leaseMs),
    });
  };

  return {
    /** Up to `limit` claimable rows, oldest first, without leasing them (claim each with `claim`). */
    async due<Row = Record<string, unknown>>(
      limit: number,
      select: string[] = ['*'],
      scope?: QueueScope,
    ): Promise<Row[]> {
      const query = knex()(describe().table).select(select);
      return (await claimable(query, Date.now(), scope).orderBy('id').limit(limit)) as Row[];
    },

    /** Leases one row; false when it is no longer claimable (another worker has it, or it is done). */
    async claim(id: number, leaseMs: number): Promise<boolean> {
      const now = Date.now();
      const query = knex()(describe().table).where('id', id);
      const count = await claimable(query, now).update({
        [describe().columns.lockedUntil]: stamp(now + leaseMs),
      });
      return count === 1;
    },

    /**
     * Leases up to `limit` claimable rows of the scope in one statement and returns `returning` of
     * each, oldest first. On PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED`, so workers
     * claiming at the same moment take disjoint batches without waiting for each other; SQLite's
     * single writer makes the statement atomic by itself.
     */
    async claimBatch<Row extends { id: number }>(
      limit: number,
      leaseMs: number,
      returning: string[],
      scope?: QueueScope,
    ): Promise<Row[]> {
      const now = Date.now();
      const { table, columns } = describe();
      const pick = claimable(knex()(table).select('id'), now, scope).orderBy('id').limit(limit);
      if (strapi.db.dialect.client === 'postgres') pick.forUpdate().skipLocked();
      const rows = (await knex()(table)
        .whereIn('id', pick)
        .update({ [columns.lockedUntil]: stamp(now + leaseMs) }, returning)) as unknown as Row[];
      return rows.sort((a, b) => a.id - b.id);
    },

    renew,

    /**
     * Marks a row done inside the transaction of its work: deletes it (a queue without a status)
     * or sets `done` on it, in a statement that must find it still waiting. When it does not, the
     * row was finished by a worker that claimed it after this one's lease ran out (a process
     * frozen past its lease), and `LeaseLost` rolls this worker's copy of the work back.
     * `unfinished` names another condition for "not done yet" (a queue that dead-letters a row
     * before its owner finishes it).
     */
    async finish(
      trx: Knex.Transaction,
      id: number,
      done: Record<string, unknown> = {},
      unfinished?: Record<string, string | null>,
    ) {
      const { table, status } = describe();
      const query = trx(table).where('id', id);
      const count = status
        ? await query.andWhere(unfinished ?? { [status.column]: status.waiting }).update(done)
        : await query.delete();
      if (count !== 1) throw new LeaseLost(table, id);
    },

    /**
     * Keeps a batch leased while its worker is still at it, renewing every third of the lease until
     * the returned stop is called: a lease is meant to run out only when its worker died.
     */
    keepLeased(ids: number[], leaseMs: number, onError: (error: unknown) => void): () => Promise<void> {
      let renewing: Promise<void> = Promise.resolve();
      const timer = setInterval(
        () => {
          renewing = renewing.then(() => renew(ids, leaseMs)).catch(onError);
        },
        Math.max(1, Math.floor(leaseMs / 3)),
      );
      return async () => {
        clearInterval(timer);
        await renewing;
      };
    },

    /** Gives held rows back at once (a worker stopping, a campaign paused mid-batch). */
    async release(ids: number[]) {
      if (ids.length === 0) return;
      await held(knex()(describe().table), ids).update({ [describe().columns.lockedUntil]: null });
    },

    /**
     * Records a failed attempt: the row waits `retryDelay` (with `jitter`) before it is claimable
     * again, or is dead-lettered once it has had `policy.maxAttempts` attempts, or at once with
     * `giveUp` (a failure no retry can mend). The lease ends either way.
     */
    async fail(
      row: { id: number; attempts: number },
      error: unknown,
      policy: RetryPolicy,
      options: { jitter?: number; giveUp?: boolean } = {},
    ): Promise<FailureOutcome> {
      const { table, columns, status } = describe();
      const attempts = row.attempts + 1;
      const gaveUp = Boolean(status) && (options.giveUp === true || attempts >= policy.maxAttempts);
      await knex()(table)
        .where('id', row.id)
        .update({
          [columns.attempts]: attempts,
          [columns.lockedUntil]: null,
          [columns.lastError]: String((error as Error)?.message ?? error).slice(0, 2000),
          ...(gaveUp && status
            ? { [status.column]: status.deadLetter }
            : {
                [columns.nextAttemptAt]: stamp(
                  Date.now() + retryDelay(attempts, policy, options.jitter ?? 0),
                ),
              }),
        });
      return { attempts, gaveUp };
    },
  };
}

export type LeasedQueue = ReturnType<typeof leasedQueue>;

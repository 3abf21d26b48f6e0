import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import {
  contentTypeQueue,
  LeaseLost,
  leasedQueue,
  type QueueTable,
} from '../../cms/src/platform/leased-queue';
import { ensureOwnTables } from '../../cms/src/platform/own-tables';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * The leased queue under the intake inbox, the outbox and newsletter deliveries
 * (cms/src/platform/README.md), on a table of its own in a real CMS database: SQLite here,
 * PostgreSQL with DATABASE_URL. Each invariant of the README is one test.
 */
const TABLE = 'test_leased_queue';
const WITH_STATUS: QueueTable = {
  table: TABLE,
  columns: {
    attempts: 'attempts',
    nextAttemptAt: 'next_at',
    lockedUntil: 'locked_until',
    lastError: 'last_error',
  },
  clock: 'epoch-ms',
  status: { column: 'state', waiting: 'waiting', deadLetter: 'dead' },
};
const WITHOUT_STATUS: QueueTable = { ...WITH_STATUS, status: undefined };
const POLICY = { baseMs: 60_000, maxMs: 600_000, maxAttempts: 3 };

let app: TestStrapi;
beforeAll(async () => {
  app = await startStrapi();
  await ensureOwnTables(app.strapi, [
    {
      name: TABLE,
      columns: (table) => {
        table.increments('id');
        table.string('state', 20).notNullable();
        table.integer('attempts').notNullable().defaultTo(0);
        table.bigInteger('next_at');
        table.bigInteger('locked_until');
        table.text('last_error');
      },
    },
  ]);
});
afterAll(async () => {
  await app?.stop();
});
beforeEach(async () => {
  const knex = app.strapi.db.connection;
  await knex(TABLE).delete();
  await knex(TABLE).insert(
    Array.from({ length: 8 }, () => ({ state: 'waiting', attempts: 0, next_at: null })),
  );
});

const queue = (table: QueueTable = WITH_STATUS) => leasedQueue(app.strapi, () => table);
const ids = async () => (await queue().due<{ id: number }>(100, ['id'])).map((row) => row.id);
const row = async (id: number) =>
  (await app.strapi.db.connection(TABLE).where('id', id).first()) as {
    state: string;
    attempts: number;
    next_at: string | number | null;
    locked_until: string | number | null;
    last_error: string | null;
  };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('leased queue', () => {
  it('claims a row once: a leased row is neither due nor claimable until its lease ends', async () => {
    const [first] = await ids();
    expect(await queue().claim(first, 60_000)).toBe(true);
    expect(await queue().claim(first, 60_000)).toBe(false);
    expect(await ids()).not.toContain(first);

    expect(await queue().claim(first + 1, 1)).toBe(true);
    await sleep(20);
    expect(await ids()).toContain(first + 1);
    expect(await queue().claim(first + 1, 60_000)).toBe(true);
  });

  it('hands batches claimed at the same moment out disjoint, oldest first', async () => {
    const all = await ids();
    const batches = await Promise.all(
      [1, 2, 3].map(() => queue().claimBatch<{ id: number }>(3, 60_000, ['id'])),
    );
    const claimed = batches.flat().map((r) => r.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect([...claimed].sort((a, b) => a - b)).toEqual(all);
    for (const batch of batches)
      expect(batch.map((r) => r.id)).toEqual([...batch.map((r) => r.id)].sort((a, b) => a - b));
    expect(await ids()).toEqual([]);
  });

  it('claims only within its scope and only waiting rows', async () => {
    const [first, second] = await ids();
    await app.strapi.db.connection(TABLE).where('id', first).update({ state: 'done' });
    const claimed = await queue().claimBatch<{ id: number }>(10, 60_000, ['id'], { state: 'waiting' });
    expect(claimed.map((r) => r.id)).not.toContain(first);
    expect(claimed.map((r) => r.id)).toContain(second);
  });

  it('renews and releases only the rows it holds', async () => {
    const [first, second] = await ids();
    await queue().claimBatch(2, 100, ['id']);
    await queue().renew([first], 60_000);
    await sleep(150);
    expect(await ids()).not.toContain(first);
    expect(await ids()).toContain(second);

    await queue().release([first]);
    expect(await ids()).toContain(first);
    // A row done meanwhile is not put back by a release.
    await app.strapi.db.connection(TABLE).where('id', second).update({ state: 'done', locked_until: 1 });
    await queue().release([second]);
    expect((await row(second)).locked_until).not.toBeNull();
  });

  it('keeps a batch leased while its worker is at it, and lets the lease run out once stopped', async () => {
    const [first] = await ids();
    await queue().claimBatch(1, 600, ['id']);
    const stop = queue().keepLeased([first], 600, (error) => {
      throw error;
    });
    await sleep(1500);
    expect(await ids()).not.toContain(first);
    await stop();
    await sleep(700);
    expect(await ids()).toContain(first);
  });

  it('retries a failure after the backoff, and dead-letters it after the last attempt', async () => {
    const [first, second] = await ids();
    await queue().claim(first, 60_000);
    const before = Date.now();
    expect(await queue().fail({ id: first, attempts: 0 }, new Error('451 try later'), POLICY)).toEqual({
      attempts: 1,
      gaveUp: false,
    });
    const retried = await row(first);
    expect(retried).toMatchObject({
      state: 'waiting',
      attempts: 1,
      locked_until: null,
      last_error: '451 try later',
    });
    expect(Number(retried.next_at)).toBeGreaterThanOrEqual(before + POLICY.baseMs);
    expect(await ids()).not.toContain(first);

    expect(await queue().fail({ id: first, attempts: 2 }, 'still failing', POLICY)).toEqual({
      attempts: 3,
      gaveUp: true,
    });
    expect(await row(first)).toMatchObject({ state: 'dead', attempts: 3, locked_until: null });

    // A failure no retry can mend is dead-lettered at once.
    expect(
      await queue().fail({ id: second, attempts: 0 }, '550 no such user', POLICY, { giveUp: true }),
    ).toEqual({
      attempts: 1,
      gaveUp: true,
    });
    expect((await row(second)).state).toBe('dead');
  });

  it('never gives up on a queue without a status (the intake inbox)', async () => {
    const [first] = await ids();
    const outcome = await queue(WITHOUT_STATUS).fail({ id: first, attempts: 99 }, 'down', POLICY, {
      giveUp: true,
    });
    expect(outcome).toEqual({ attempts: 100, gaveUp: false });
    expect((await row(first)).next_at).not.toBeNull();
  });

  it('finishes a row once: the work of a worker whose lease ran out, and whose row another finished, rolls back', async () => {
    const knex = app.strapi.db.connection;
    const [first, second] = await ids();
    // The work of a finish: one more row, written in the same transaction.
    const work = (trx: Knex.Transaction, by: string) => trx(TABLE).insert({ state: by, attempts: 0 });
    const finishedBy = async (by: string, id: number, table = WITH_STATUS) =>
      app.strapi.db.transaction(async ({ trx }) => {
        await work(trx, by);
        await queue(table).finish(trx, id, { state: 'done' });
      });
    const worksBy = async (by: string) =>
      Number((await knex(TABLE).where('state', by).count({ n: '*' }))[0].n);

    // A claims, freezes past its lease; B claims and finishes; then A comes back.
    expect(await queue().claim(first, 1)).toBe(true);
    await sleep(20);
    expect(await queue().claim(first, 60_000)).toBe(true);
    await finishedBy('work-b', first);
    await expect(finishedBy('work-a', first)).rejects.toBeInstanceOf(LeaseLost);
    expect((await row(first)).state).toBe('done');
    expect([await worksBy('work-b'), await worksBy('work-a')]).toEqual([1, 0]);

    // Without a status (the inbox) finishing deletes the row, and a second finish finds none.
    await finishedBy('work-c', second, WITHOUT_STATUS);
    expect(await knex(TABLE).where('id', second).first()).toBeUndefined();
    await expect(finishedBy('work-d', second, WITHOUT_STATUS)).rejects.toBeInstanceOf(LeaseLost);
    expect(await worksBy('work-d')).toBe(0);

    // Another condition for "not done yet" (the inbound mail's claims: a message given up on is
    // dead-lettered first and placed after, once).
    const [third] = await ids();
    await knex(TABLE).where('id', third).update({ state: 'dead' });
    await expect(finishedBy('work-e', third)).rejects.toBeInstanceOf(LeaseLost);
    const placed = (by: string) =>
      app.strapi.db.transaction(async ({ trx }) => {
        await work(trx, by);
        await queue().finish(trx, third, { last_error: 'placed' }, { last_error: null });
      });
    await placed('work-f');
    await expect(placed('work-g')).rejects.toBeInstanceOf(LeaseLost);
    expect([await worksBy('work-e'), await worksBy('work-f'), await worksBy('work-g')]).toEqual([0, 1, 0]);
  });

  it('serves a content type with timestamp columns (the outbox)', async () => {
    const outbox = app.strapi.db.query('api::outbox-message.outbox-message');
    const now = new Date();
    const message = (await outbox.create({
      data: {
        kind: 'test',
        to: 'a@example.se',
        subject: 'Köad',
        html: '<p>x</p>',
        text: 'x',
        sendStatus: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        publishedAt: now,
      },
    })) as { id: number };
    const queue = contentTypeQueue(app.strapi, 'api::outbox-message.outbox-message', {
      attribute: 'sendStatus',
      waiting: 'pending',
      deadLetter: 'failed',
    });
    expect((await queue.due<{ id: number }>(10, ['id'])).map((r) => r.id)).toContain(message.id);
    expect(await queue.claim(message.id, 60_000)).toBe(true);
    expect((await queue.due<{ id: number }>(10, ['id'])).map((r) => r.id)).not.toContain(message.id);
    await queue.fail({ id: message.id, attempts: 0 }, 'down', { ...POLICY, maxAttempts: 1 });
    const failed = (await outbox.findOne({ where: { id: message.id } })) as {
      sendStatus: string;
      lockedUntil: unknown;
    };
    expect(failed).toMatchObject({ sendStatus: 'failed', lockedUntil: null });
  });
});

import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { normalizeEmail, registrationSchema, type Registration } from '@tasteget/shared';
import { environment } from '../platform/environment';
import { registerHousehold } from '../contacts/registrations';
import type { OwnTable } from '../platform/own-tables';
import { LeaseLost, leasedQueue, OWN_QUEUE_COLUMNS, type LeasedQueue } from '../platform/leased-queue';
import { processLoop } from '../platform/work-loop';
import { insertWithProof, type Proof } from './challenge';

/**
 * The intake inbox: a registration is acknowledged as soon as it is durably stored here (one
 * insert), and a background worker folds it into the register (dedupe, assignment, deadline,
 * activity, mail) right after. This keeps the public endpoint fast under load and its answer
 * independent of the register's locks, while nothing a visitor was told succeeded can be lost:
 * a row leaves the inbox in the same transaction that stores its contact, so it is folded in
 * exactly once even if a process dies half-way.
 * Rows are claimed with a lease, so several CMS processes share the inbox; the registration time
 * is the time of receipt, so the deadline does not depend on when the worker ran.
 */
const INBOX = 'intake_inbox';
const LEASE_MS = 2 * 60_000;
const BATCH = 50;

export type InboxRow = { id: number; payload: string; received_at: string | number; attempts: number };

/**
 * The inbox as a leased queue (platform/leased-queue.ts). A row leaves it only by being folded:
 * it is never given up on, since the visitor was told it was received.
 */
const inboxQueue = (strapi: Core.Strapi) =>
  leasedQueue(strapi, () => ({
    table: INBOX,
    columns: OWN_QUEUE_COLUMNS,
    clock: 'epoch-ms',
  }));

export const INBOX_TABLE: OwnTable = {
  name: INBOX,
  columns: (table) => {
    table.increments('id');
    table.text('payload').notNullable();
    table.bigInteger('received_at').notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.bigInteger('next_attempt_at').notNullable().index();
    table.bigInteger('locked_until');
    table.text('last_error');
  },
};

/**
 * When this process last acknowledged a registration. While registrations keep arriving the
 * worker holds back, so that a burst is answered at full speed; it folds as soon as the portal is
 * quiet, and never leaves a registration waiting longer than INTAKE_MAX_DEFER_MS.
 */
let lastAcceptedAt = 0;

/**
 * Stores a validated registration for the worker, with its form's proof of work spent in the same
 * step (`insertWithProof`). Resolves once it is durable; 'reused' (and nothing stored) when the
 * proof was spent already.
 */
export async function acceptRegistration(
  strapi: Core.Strapi,
  input: Registration,
  proof: Proof,
  receivedAt = new Date(),
): Promise<'ok' | 'reused'> {
  lastAcceptedAt = Date.now();
  return insertWithProof(strapi, proof, INBOX, {
    payload: JSON.stringify(input),
    received_at: receivedAt.getTime(),
    next_attempt_at: receivedAt.getTime(),
  });
}

/** Registrations acknowledged but not yet in the register. */
export async function inboxSize(strapi: Core.Strapi): Promise<number> {
  const [{ count }] = await strapi.db.connection(INBOX).count({ count: '*' });
  return Number(count);
}

/** Folds due inbox rows into the register, oldest first; returns how many. */
export async function processInbox(
  strapi: Core.Strapi,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  const env = environment();
  const queue = inboxQueue(strapi);
  let processed = 0;
  for (;;) {
    const due = await queue.due<InboxRow>(BATCH, ['id', 'payload', 'received_at', 'attempts']);
    if (due.length === 0) return processed;

    // One at a time: on two cores, folding in parallel only takes CPU from the answers, and one
    // person's registrations stay in the order they came.
    for (const row of due) {
      // SQLite answers synchronously: without a turn of the event loop between rows, folding a
      // backlog would hold every connection for its whole length (and a kept-alive socket's
      // overdue timer would then close it under a client's next request).
      await new Promise((resolve) => setImmediate(resolve));
      await yieldToVisitors(row, env, shouldStop);
      if (shouldStop()) return processed;
      if (await processRow(strapi, queue, row, env)) processed += 1;
    }
  }
}

/** Waits while visitors are registering, unless the row has waited its longest already. */
async function yieldToVisitors(
  row: InboxRow,
  env: ReturnType<typeof environment>,
  shouldStop: () => boolean,
) {
  const foldAt = Number(row.received_at) + env.INTAKE_MAX_DEFER_MS;
  for (;;) {
    const now = Date.now();
    const quietAt = lastAcceptedAt + env.INTAKE_QUIET_MS;
    if (shouldStop() || now >= quietAt || now >= foldAt) return;
    // Sleep until whichever comes first; at most a second, so that stopping is never held up.
    await new Promise((resolve) => setTimeout(resolve, Math.min(quietAt, foldAt, now + 1000) - now));
  }
}

/** Claims one inbox row and folds it into the register; false when another process had it or it failed. */
async function processRow(
  strapi: Core.Strapi,
  queue: LeasedQueue,
  row: InboxRow,
  env: ReturnType<typeof environment>,
): Promise<boolean> {
  if (!(await queue.claim(row.id, LEASE_MS))) return false; // another process has it
  return foldRow(strapi, row, queue, env);
}

/**
 * Folds a row this worker claimed; false when it failed, or when it was folded meanwhile by a
 * process that claimed it after this one's lease ran out (its delete then finds no row, and this
 * fold rolls back: `LeaseLost`). Exported for the test of that case.
 */
export async function foldRow(
  strapi: Core.Strapi,
  row: InboxRow,
  queue: LeasedQueue = inboxQueue(strapi),
  env: ReturnType<typeof environment> = environment(),
): Promise<boolean> {
  try {
    // Parsed again: the schema's defaults and normalisation are the worker's input too.
    const input = registrationSchema.parse(JSON.parse(row.payload));
    await registerHousehold(strapi, input, new Date(Number(row.received_at)), {
      onDone: (trx) => queue.finish(trx, row.id),
    });
    return true;
  } catch (error) {
    if (error instanceof LeaseLost) return false; // folded once already, by the other worker
    const { attempts } = await queue.fail(row, error, {
      baseMs: env.OUTBOX_RETRY_BASE_MS,
      maxMs: env.OUTBOX_RETRY_MAX_MS,
      maxAttempts: Infinity,
    });
    strapi.log.error(
      `Intake inbox: registration ${row.id} failed (attempt ${attempts}): ${(error as Error).message}`,
    );
    return false;
  }
}

/**
 * Drops the registrations from `email` still waiting in the inbox (an erasure right after the
 * form was sent): inside the caller's transaction, before it looks for the contact. A worker
 * folding one of them at that moment then finds its row gone and rolls back (`LeaseLost`); one
 * that committed first left a contact the caller finds. Returns how many were dropped.
 */
export async function dropWaitingRegistrations(trx: Knex.Transaction, email: string): Promise<number> {
  const rows = (await trx(INBOX).select('id', 'payload')) as Pick<InboxRow, 'id' | 'payload'>[];
  const theirs = rows
    // By the address alone: a payload the worker cannot fold is the person's data all the same.
    .filter((row) => {
      const payload = safeJson(row.payload) as { email?: unknown } | null;
      return typeof payload?.email === 'string' && normalizeEmail(payload.email) === email;
    })
    .map((row) => row.id);
  if (theirs.length === 0) return 0;
  return trx(INBOX).whereIn('id', theirs).delete();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** This process's inbox loop: folds acknowledged registrations into contacts. */
export const inboxLoop = processLoop('Intake inbox', processInbox);

/** Folds acknowledged registrations into contacts now instead of at the next poll. */
export function wakeIntake() {
  inboxLoop.wake();
}

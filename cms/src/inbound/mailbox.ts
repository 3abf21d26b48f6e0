import type { Core } from '@strapi/strapi';
import type { ImapFlow } from 'imapflow';
import type { Knex } from 'knex';
import type { ParsedMail } from 'mailparser';
import { workerConfig } from '../newsletter/config';
import { environment } from '../platform/environment';
import { LeaseLost, leasedQueue, OWN_QUEUE_COLUMNS } from '../platform/leased-queue';
import type { OwnTable } from '../platform/own-tables';
import { onFirstUse } from '../platform/on-first-use';
import { processLoop } from '../platform/work-loop';
import { classify, parseInbound } from './classify';
import { applyVerdict, quarantine, type InboundMeta, type Place } from './outcomes';

/**
 * The inbound mail worker: reads one mailbox over IMAP (imapflow), puts each message in exactly
 * one place (outcomes.ts), and moves it out of the inbox to a folder of its outcome. Invariants
 * in README.md beside this file.
 */
export const PROCESSED_FOLDER = 'Processed';
export const QUARANTINE_FOLDER = 'Quarantine';

const CLAIMS = 'tasteget_inbound_claims';
export const INBOUND_CLAIMS_TABLE: OwnTable = {
  name: CLAIMS,
  columns: (table) => {
    table.increments('id');
    // mailbox, UIDVALIDITY and UID: unique for the mailbox's life.
    table.string('message_key', 300).notNullable().unique();
    table.string('status', 20).notNullable(); // waiting, done, quarantined
    table.string('place', 20);
    table.integer('attempts').notNullable().defaultTo(0);
    table.bigInteger('next_attempt_at');
    table.bigInteger('locked_until');
    table.text('last_error');
    table.bigInteger('done_at');
  },
};

/** The processed-message record as a leased queue: once done, a message is never done again. */
const claims = (strapi: Core.Strapi) =>
  leasedQueue(strapi, () => ({
    table: CLAIMS,
    columns: OWN_QUEUE_COLUMNS,
    clock: 'epoch-ms',
    status: { column: 'status', waiting: 'waiting', deadLetter: 'quarantined' },
  }));

type ClaimRow = { id: number; status: string; place: string | null; attempts: number };

// Only when a mailbox is configured: the newsletter worker and a CMS without one never need it.
const imapflow = onFirstUse<typeof import('imapflow')>('imapflow');

/** A client of the inbound mailbox; `idle` keeps it in IMAP IDLE between commands (the watcher). */
export function imapClient({ idle = false } = {}): ImapFlow | null {
  const env = environment();
  if (!env.INBOUND_IMAP_HOST || !env.INBOUND_IMAP_USER) return null;
  return new (imapflow().ImapFlow)({
    host: env.INBOUND_IMAP_HOST,
    port: env.INBOUND_IMAP_PORT,
    secure: env.INBOUND_IMAP_SECURE,
    auth: env.INBOUND_IMAP_ACCESS_TOKEN
      ? { user: env.INBOUND_IMAP_USER, accessToken: env.INBOUND_IMAP_ACCESS_TOKEN }
      : { user: env.INBOUND_IMAP_USER, pass: env.INBOUND_IMAP_PASSWORD ?? '' },
    logger: false,
    disableAutoIdle: !idle,
    // The watcher sends nothing but IDLE: enter it at once, not after imapflow's 15 s of quiet,
    // or mail arriving in that gap waits for it.
    ...(idle ? { autoIdleDelay: 100 } : {}),
    // Servers drop an IDLE after 30 minutes or less: renew it well before.
    maxIdleTime: 5 * 60_000,
  });
}

/** One pass over the mailbox: returns how many messages were put somewhere. */
export async function readMailbox(
  strapi: Core.Strapi,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  const client = imapClient();
  if (!client) return 0;
  const env = environment();
  client.on('error', (error: Error) => strapi.log.warn(`Inbound mail: ${error.message}`));
  await client.connect();
  let placed = 0;
  try {
    for (const folder of [PROCESSED_FOLDER, QUARANTINE_FOLDER]) {
      const exists = (await client.list()).some((box) => box.path === folder);
      if (!exists) await client.mailboxCreate(folder).catch(() => undefined); // another worker made it
    }
    const lock = await client.getMailboxLock(env.INBOUND_MAILBOX);
    const maxBytes = env.INBOUND_MAX_MESSAGE_KB * 1024;
    try {
      const mailbox = client.mailbox;
      if (!mailbox) return 0;
      const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
      const keyOf = (uid: number) => `${env.INBOUND_MAILBOX}:${mailbox.uidValidity}:${uid}`;
      for (let i = 0; i < uids.length && !shouldStop(); i += env.INBOUND_BATCH_SIZE) {
        const batch = uids.slice(i, i + env.INBOUND_BATCH_SIZE);
        const sizes = new Map<number, number>();
        for await (const message of client.fetch(batch.join(','), { uid: true, size: true }, { uid: true })) {
          sizes.set(message.uid, message.size ?? 0);
        }
        const present = batch.filter((uid) => sizes.has(uid)); // the rest moved away meanwhile
        const rows = await claimRows(strapi, present.map(keyOf));
        const moves: Record<string, number[]> = { [PROCESSED_FOLDER]: [], [QUARANTINE_FOLDER]: [] };
        // Sources are fetched a few megabytes at a time, in one FETCH each, and dropped once used.
        for (const part of bySize(present, sizes, FETCH_BYTES)) {
          if (shouldStop()) break;
          const wanted = part.filter((uid) => !rows.get(keyOf(uid))?.place && sizes.get(uid)! <= maxBytes);
          const sources = new Map<number, FetchedMessage>();
          if (wanted.length > 0) {
            for await (const message of client.fetch(
              wanted.join(','),
              { uid: true, source: true, internalDate: true },
              { uid: true },
            )) {
              if (message.source) sources.set(message.uid, message);
            }
          }
          for (const uid of part) {
            if (shouldStop()) break;
            const key = keyOf(uid);
            const place = await processMessage(
              strapi,
              key,
              rows.get(key)!,
              sizes.get(uid)!,
              sources.get(uid),
            );
            if (!place) continue;
            moves[place === 'quarantine' ? QUARANTINE_FOLDER : PROCESSED_FOLDER].push(uid);
            placed += 1;
          }
        }
        // Moved after the outcome is committed: a crash in between leaves the message in the
        // inbox, where the next pass finds it done and only moves it.
        for (const [folder, done] of Object.entries(moves)) {
          if (done.length > 0) await client.messageMove(done.join(','), folder, { uid: true });
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return placed;
}

type FetchedMessage = { source?: Buffer; internalDate?: Date | string };

/** How many bytes of message sources one FETCH may bring (a single larger message comes alone). */
const FETCH_BYTES = 4 * 1024 * 1024;

/** The UIDs in order, in runs whose sizes add up to at most `limit` bytes. */
function bySize(uids: number[], sizes: Map<number, number>, limit: number): number[][] {
  const parts: number[][] = [];
  let part: number[] = [];
  let bytes = 0;
  for (const uid of uids) {
    const size = sizes.get(uid) ?? 0;
    if (part.length > 0 && bytes + size > limit) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(uid);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** The processed-message records of a batch, made where missing: two statements for the batch. */
async function claimRows(strapi: Core.Strapi, keys: string[]): Promise<Map<string, ClaimRow>> {
  const knex = strapi.db.connection;
  const rows = new Map<string, ClaimRow>();
  if (keys.length === 0) return rows;
  await knex(CLAIMS)
    .insert(keys.map((key) => ({ message_key: key, status: 'waiting', attempts: 0 })))
    .onConflict('message_key')
    .ignore();
  const found = (await knex(CLAIMS)
    .whereIn('message_key', keys)
    .select('id', 'message_key', 'status', 'place', 'attempts')) as (ClaimRow & { message_key: string })[];
  for (const row of found) rows.set(row.message_key, row);
  return rows;
}

/** Puts one message in its place; the place, or null when another worker has it or it waits to retry. */
async function processMessage(
  strapi: Core.Strapi,
  key: string,
  claimed: ClaimRow,
  size: number,
  message: FetchedMessage | undefined,
): Promise<Place | null> {
  const env = environment();
  const queue = claims(strapi);
  let row = claimed;
  if (row.status === 'quarantined' && !row.place) {
    if (!(await finishQuarantine(strapi, row, { key, receivedAt: new Date() }, 'gave up'))) return null;
    row = { ...row, place: 'quarantine' };
  }
  if (row.place) return row.place as Place;
  if (!(await queue.claim(row.id, env.INBOUND_LEASE_MS))) return null;

  const meta: InboundMeta = { key, receivedAt: new Date() };
  let mail: ParsedMail | null = null;
  try {
    if (size > env.INBOUND_MAX_MESSAGE_KB * 1024) {
      const message = `Meddelandet är större än ${env.INBOUND_MAX_MESSAGE_KB} kB.`;
      return (await finishQuarantine(strapi, row, meta, message)) ? 'quarantine' : null;
    }
    if (!message?.source) return null; // gone: another worker moved it
    if (message.internalDate) meta.receivedAt = new Date(message.internalDate);
    mail = await parseInbound(message.source);
    const verdict = await classify(mail, workerConfig().identity.unsubscribeMailbox);
    const callbacks: (() => void)[] = [];
    const place = await strapi.db.transaction(async ({ trx }) => {
      const outcome = await applyVerdict(strapi, verdict, meta, (fn) => callbacks.push(fn));
      await markDone(strapi, trx, row.id, outcome);
      return outcome;
    });
    for (const fn of callbacks) fn();
    return place;
  } catch (error) {
    if (error instanceof LeaseLost) return null; // placed once already, by the other worker
    const { gaveUp } = await queue.fail(row, error, {
      baseMs: 1000,
      maxMs: 10 * 60_000,
      maxAttempts: env.INBOUND_MAX_ATTEMPTS,
    });
    strapi.log.warn(`Inbound mail ${key}: ${(error as Error).message}`);
    if (!gaveUp) return null;
    const placed = await finishQuarantine(strapi, row, meta, String((error as Error).message ?? error), mail);
    return placed ? 'quarantine' : null;
  }
}

/**
 * Inside the outcome's transaction (`trx`: on SQLite it holds the only connection). A message is
 * finished while it has no place yet (a given-up one is dead-lettered first, then placed); one
 * placed meanwhile by a worker whose claim followed this one's lapsed lease throws `LeaseLost`.
 */
async function markDone(strapi: Core.Strapi, trx: Knex.Transaction, id: number, place: Place) {
  await claims(strapi).finish(
    trx,
    id,
    {
      status: place === 'quarantine' ? 'quarantined' : 'done',
      place,
      locked_until: null,
      done_at: Date.now(),
    },
    { place: null },
  );
}

async function finishQuarantine(
  strapi: Core.Strapi,
  row: ClaimRow,
  meta: InboundMeta,
  error: string,
  mail?: ParsedMail | null,
): Promise<boolean> {
  try {
    await strapi.db.transaction(async ({ trx }) => {
      await quarantine(strapi, meta, error, {
        from: mail?.from?.value[0]?.address ?? null,
        subject: mail?.subject ?? '',
      });
      await markDone(strapi, trx, row.id, 'quarantine');
    });
    return true;
  } catch (lost) {
    if (lost instanceof LeaseLost) return false; // another worker placed it
    throw lost;
  }
}

/** Processed-message records are kept 30 days: long after their messages left the inbox. */
export async function pruneInboundClaims(strapi: Core.Strapi, now = Date.now()) {
  await strapi.db
    .connection(CLAIMS)
    .whereNotNull('done_at')
    .where('done_at', '<', now - 30 * 86_400_000)
    .delete();
}

/** This process's inbound loop. */
export const inboundLoop = processLoop('Inbound mail', readMailbox);

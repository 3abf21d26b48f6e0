import type { Core } from '@strapi/strapi';
import {
  normalizeEmail,
  stockholmDate,
  type SuppressionEventKind,
  type SuppressionReason,
} from '@tasteget/shared';
import { environment } from '../platform/environment';
import type { OwnIndex } from '../platform/own-tables';
import { SUBSCRIPTION, SUPPRESSION } from '../platform/content-types';

/**
 * The suppression list: addresses no mail goes to, because they bounced for good, bounced
 * softly too often, or complained. Every send consults it (the outbox, a campaign's freeze, test
 * sends); only mail the law requires (a reply to a data-subject request) passes. One row per
 * address ever reported: soft bounces are counted there before they suppress, and a lifted entry
 * keeps its history.
 */
export type SuppressionEvent = {
  at: string;
  event: SuppressionEventKind;
  reason?: SuppressionReason;
  detail?: string;
  by?: string;
};

/** Every send looks addresses up here: by an index (a schema's `unique` is no database index). */
export const SUPPRESSION_INDEXES: readonly OwnIndex[] = [{ uid: SUPPRESSION, fields: ['email'] }];

type SuppressionRow = {
  id: number;
  email: string;
  active: boolean;
  softBounces: number | null;
  softWindowStart: string | null;
  history: SuppressionEvent[] | null;
};

const history = (row: SuppressionRow | null) => (Array.isArray(row?.history) ? row.history : []);

async function rowOf(strapi: Core.Strapi, email: string) {
  return (await strapi.db.query(SUPPRESSION).findOne({ where: { email } })) as SuppressionRow | null;
}

async function write(
  strapi: Core.Strapi,
  row: SuppressionRow | null,
  email: string,
  data: Record<string, unknown>,
) {
  if (row) await strapi.db.query(SUPPRESSION).update({ where: { id: row.id }, data });
  else await strapi.db.query(SUPPRESSION).create({ data: { email, publishedAt: new Date(), ...data } });
}

/** Suppresses an address at once (a hard bounce, a complaint). Idempotent. */
export async function suppress(
  strapi: Core.Strapi,
  address: string,
  reason: SuppressionReason,
  detail: string,
  now = new Date(),
) {
  const email = normalizeEmail(address);
  const row = await rowOf(strapi, email);
  if (row?.active) return;
  await write(strapi, row, email, {
    active: true,
    reason,
    detail: detail.slice(0, 500),
    suppressedAt: now,
    history: [
      ...history(row),
      { at: now.toISOString(), event: 'suppressed', reason, detail: detail.slice(0, 500) },
    ],
  });
}

/**
 * Counts a transient failure; the BOUNCE_SOFT_LIMIT-th within BOUNCE_SOFT_WINDOW_DAYS suppresses
 * the address. Returns whether it is suppressed now.
 */
export async function countSoftBounce(
  strapi: Core.Strapi,
  address: string,
  detail: string,
  now = new Date(),
) {
  const { BOUNCE_SOFT_LIMIT, BOUNCE_SOFT_WINDOW_DAYS } = environment();
  const email = normalizeEmail(address);
  const row = await rowOf(strapi, email);
  if (row?.active) return true;
  const windowStart = row?.softWindowStart ? new Date(row.softWindowStart) : null;
  const fresh = !windowStart || now.getTime() - windowStart.getTime() > BOUNCE_SOFT_WINDOW_DAYS * 86_400_000;
  const count = (fresh ? 0 : (row?.softBounces ?? 0)) + 1;
  const entries = [
    ...history(row),
    { at: now.toISOString(), event: 'soft-bounce' as const, detail: detail.slice(0, 500) },
  ];
  const limitReached = count >= BOUNCE_SOFT_LIMIT;
  await write(strapi, row, email, {
    softBounces: count,
    softWindowStart: fresh ? now : windowStart,
    ...(limitReached
      ? {
          active: true,
          reason: 'soft-bounces',
          detail: `${count} tillfälliga studsar sedan ${stockholmDate(fresh ? now : windowStart!)}`,
          suppressedAt: now,
          history: [...entries, { at: now.toISOString(), event: 'suppressed', reason: 'soft-bounces' }],
        }
      : { history: entries }),
  });
  return limitReached;
}

/** The coordinator lifts an entry, with a reason; logged in its history. False when none is active. */
export async function liftSuppression(
  strapi: Core.Strapi,
  address: string,
  change: { reason: string; by: string },
  now = new Date(),
): Promise<boolean> {
  const email = normalizeEmail(address);
  const row = await rowOf(strapi, email);
  if (!row?.active) return false;
  await write(strapi, row, email, {
    active: false,
    softBounces: 0,
    softWindowStart: null,
    history: [
      ...history(row),
      { at: now.toISOString(), event: 'lifted', detail: change.reason, by: change.by },
    ],
  });
  // Lifted because the address works again: the bounces that left its subscriptions out go too.
  await strapi.db.query(SUBSCRIPTION).updateMany({ where: { email }, data: { bounceCount: 0 } });
  return true;
}

/** The suppressed addresses among `addresses` (normalised), in one query. */
export async function suppressedAmong(
  strapi: Core.Strapi,
  addresses: readonly string[],
): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const emails = [...new Set(addresses.map(normalizeEmail))];
  const found = new Set<string>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = (await strapi.db.query(SUPPRESSION).findMany({
      where: { email: { $in: emails.slice(i, i + 500) }, active: true },
      select: ['email'],
    })) as { email: string }[];
    for (const row of rows) found.add(row.email);
  }
  return found;
}

/**
 * Every address blocked now. A register has few (bounces for good, complaints), so a segment's
 * count and selection read them all at once rather than asking per recipient.
 */
export async function blockedAddresses(strapi: Core.Strapi): Promise<Set<string>> {
  const rows = (await strapi.db.query(SUPPRESSION).findMany({
    where: { active: true },
    select: ['email'],
  })) as { email: string }[];
  return new Set(rows.map((row) => row.email));
}

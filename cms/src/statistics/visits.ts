import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { stockholmDate, type Beacon } from '@tasteget/shared';
import type { OwnTable } from '../platform/own-tables';

/**
 * Cookie-free visitor statistics: counters per day, never a row per visit. Invariants in
 * README.md beside this file.
 */
export const VIEWS = 'tasteget_stats_views';
export const VISITORS = 'tasteget_stats_visitors';
export const UNIQUES = 'tasteget_stats_uniques';
export const SALTS = 'tasteget_stats_salts';
export const CONVERSIONS = 'tasteget_stats_conversions';

// Dimensions are '' rather than NULL, so the unique keys (which never match NULLs) hold.
const dimension = (table: Parameters<OwnTable['columns']>[0], name: string, length: number) =>
  table.string(name, length).notNullable().defaultTo('');

export const STATISTICS_TABLES: OwnTable[] = [
  {
    name: VIEWS,
    columns: (table) => {
      table.string('day', 10).notNullable();
      dimension(table, 'path', 300);
      dimension(table, 'referrer', 200);
      dimension(table, 'utm_source', 100);
      dimension(table, 'utm_medium', 100);
      dimension(table, 'utm_campaign', 100);
      table.integer('views').notNullable().defaultTo(0);
      table.unique(['day', 'path', 'referrer', 'utm_source', 'utm_medium', 'utm_campaign']);
    },
  },
  {
    // Today's visitor hashes only: yesterday's are counted into UNIQUES and deleted with their salt.
    name: VISITORS,
    columns: (table) => {
      table.string('day', 10).notNullable();
      table.string('visitor', 32).notNullable();
      table.unique(['day', 'visitor']);
    },
  },
  {
    name: UNIQUES,
    columns: (table) => {
      table.string('day', 10).notNullable().unique();
      table.integer('visitors').notNullable();
    },
  },
  {
    name: SALTS,
    columns: (table) => {
      table.string('day', 10).notNullable().unique();
      table.string('salt', 64).notNullable();
    },
  },
  {
    name: CONVERSIONS,
    columns: (table) => {
      table.string('day', 10).notNullable();
      dimension(table, 'kind', 30);
      dimension(table, 'landing', 300);
      dimension(table, 'source', 200);
      dimension(table, 'municipality', 30);
      table.integer('count').notNullable().defaultTo(0);
      table.unique(['day', 'kind', 'landing', 'source', 'municipality']);
    },
  },
];

/** What the request says that is not in the beacon: used for the day's visitor hash, never stored. */
export interface VisitOrigin {
  ip: string;
  userAgent: string;
  /** The portal's own host: a referrer from it is a move within the site, not a source. */
  siteHost: string;
}

/** The referring site's host, or '' for none, an unreadable one, or the portal itself. */
export function referrerHost(referrer: string, siteHost: string): string {
  if (!referrer) return '';
  try {
    const host = new URL(referrer).hostname.toLowerCase().replace(/^www\./, '');
    return host === siteHost.replace(/^www\./, '') ? '' : host.slice(0, 200);
  } catch {
    return '';
  }
}

/** Today's salt, shared by every process; made by the first visit of the day. */
async function saltOf(strapi: Core.Strapi, day: string): Promise<string> {
  const knex = strapi.db.connection;
  await knex(SALTS)
    .insert({ day, salt: randomBytes(32).toString('hex') })
    .onConflict('day')
    .ignore();
  const row = (await knex(SALTS).where({ day }).first()) as { salt: string };
  return row.salt;
}

/**
 * Ends the days before `today`: their visitor hashes become a count, and the hashes and the
 * salts are deleted, so nothing links a visit to another day's. Idempotent; every process may run it.
 */
export async function closeVisitorDays(strapi: Core.Strapi, today: string) {
  const knex = strapi.db.connection;
  await knex.transaction(async (trx) => {
    const days = (await trx(VISITORS)
      .where('day', '<', today)
      .groupBy('day')
      .select('day')
      .count({ n: '*' })) as {
      day: string;
      n: number | string;
    }[];
    for (const { day, n } of days) {
      await trx(UNIQUES)
        .insert({ day, visitors: Number(n) })
        .onConflict('day')
        .merge();
    }
    await trx(VISITORS).where('day', '<', today).delete();
    await trx(SALTS).where('day', '<', today).delete();
  });
}

let closedThrough = '';

/** Counts one page view, and the visitor once a day. */
export async function countView(
  strapi: Core.Strapi,
  beacon: Extract<Beacon, { t: 'view' }>,
  origin: VisitOrigin,
  now = new Date(),
) {
  const knex = strapi.db.connection;
  const day = stockholmDate(now);
  if (closedThrough !== day) {
    await closeVisitorDays(strapi, day);
    closedThrough = day;
  }
  const row = {
    day,
    path: beacon.p,
    referrer: referrerHost(beacon.r, origin.siteHost),
    utm_source: beacon.us,
    utm_medium: beacon.um,
    utm_campaign: beacon.uc,
  };
  await knex(VIEWS)
    .insert({ ...row, views: 1 })
    .onConflict(['day', 'path', 'referrer', 'utm_source', 'utm_medium', 'utm_campaign'])
    .merge({ views: knex.raw('??.?? + 1', [VIEWS, 'views']) });
  const visitor = createHash('sha256')
    .update(`${await saltOf(strapi, day)}\n${origin.ip}\n${origin.userAgent}\n${origin.siteHost}`)
    .digest('hex')
    .slice(0, 32);
  await knex(VISITORS).insert({ day, visitor }).onConflict(['day', 'visitor']).ignore();
}

/** Counts one conversion: a form sent, by the visit's landing page and source. */
export async function countConversion(
  strapi: Core.Strapi,
  beacon: Extract<Beacon, { t: 'conversion' }>,
  now = new Date(),
) {
  const knex = strapi.db.connection;
  await knex(CONVERSIONS)
    .insert({
      day: stockholmDate(now),
      kind: beacon.e,
      landing: beacon.l,
      source: beacon.s,
      municipality: beacon.k ?? '',
      count: 1,
    })
    .onConflict(['day', 'kind', 'landing', 'source', 'municipality'])
    .merge({ count: knex.raw('??.?? + 1', [CONVERSIONS, 'count']) });
}

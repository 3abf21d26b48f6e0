import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import {
  COUNTY_TIES,
  QUEUE_OWNERS,
  REGION,
  stockholmInstant,
  type CountyTie,
  type QueueOwner,
} from '@tasteget/shared';
import { CONTACT, ORDER, SUBSCRIPTION } from '../platform/content-types';

/**
 * The programme's figures for a period (Stockholm calendar days, both ends included), per queue
 * (the eight municipalities and the region) and in total:
 * - registered: households registered in the period, in the queue responsible for them;
 * - moved: households marked moved with a move date in the period, in the municipality they moved to;
 * - magazineOrders: orders placed in the period, in the queue of the ordering contact (orders
 *   from people not in the register are the region's: it publishes the magazine);
 * - confirmedSubscribers: subscriptions confirmed and not ended at the end of the period, in each
 *   municipality the subscriber follows (none: the region); in the total each subscriber once;
 * - of the households registered in the period whose answer is settled (answered, or the deadline
 *   passed unanswered while the contact was open): the share answered by the deadline, and the
 *   median first-response time. One closed unanswered before its deadline counts in neither;
 *   contacts closed before `closedAt` was kept (2026-12-07) have none and count as before;
 * - `ties`: registered and moved households by their tie to the county (returners, family here,
 *   seasonal residents, none, not told), target groups of their own.
 */

const ymd = z.iso.date({
  error: 'Ange ett giltigt datum som ÅÅÅÅ-MM-DD. / Give a real date as YYYY-MM-DD.',
});
export const periodSchema = z.object({ from: ymd, to: ymd }).refine((p) => p.from <= p.to, {
  error: 'Periodens början måste ligga före slutet. / The period must start before it ends.',
  path: ['to'],
});
export type Period = z.infer<typeof periodSchema>;

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

export function quarterPeriod(year: number, quarter: Quarter): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, firstMonth + 2, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(firstMonth + 2)}-${pad(lastDay)}` };
}

export interface KpiFigures {
  registered: number;
  moved: number;
  magazineOrders: number;
  confirmedSubscribers: number;
  /** Registered households whose first response is settled (answered, or late and unanswered). */
  settled: number;
  answeredInTime: number;
  /** answeredInTime / settled, or null with nothing settled. */
  shareAnsweredInTime: number | null;
  /** Median hours from registration to first response, or null with no answer yet. */
  medianFirstResponseHours: number | null;
}
export type KpiRow = KpiFigures & { queue: QueueOwner | 'total' };
/** The period's households by their tie to the county: returners and seasonal residents apart. */
export interface TieRow {
  tie: CountyTie | 'unknown';
  registered: number;
  moved: number;
}
export interface KpiReport {
  period: Period;
  generatedAt: string;
  rows: KpiRow[];
  ties: TieRow[];
}

const emptyFigures = (): KpiFigures => ({
  registered: 0,
  moved: 0,
  magazineOrders: 0,
  confirmedSubscribers: 0,
  settled: 0,
  answeredInTime: 0,
  shareAnsweredInTime: null,
  medianFirstResponseHours: null,
});

/** The median of values given as a histogram (value → how many). */
export function medianOfHistogram(histogram: Map<number, number>): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const sorted = [...histogram.entries()].sort(([a], [b]) => a - b);
  const at = (position: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (seen > position) return value;
    }
    return sorted[sorted.length - 1][0];
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/**
 * Households registered in [start, end], per responsible queue, counted in the database: a
 * register of 100,000 contacts must not be read row by row for a dashboard. First-response
 * times come back as a histogram of tenths of hours, from which the median is exact to the
 * tenth of an hour the dashboard shows.
 */
async function registeredHouseholds(strapi: Core.Strapi, start: Date, end: Date, now: Date) {
  const meta = strapi.db.metadata.get(CONTACT);
  const col = (field: string) => (meta.attributes[field] as { columnName?: string }).columnName ?? field;
  const [queue, created, due, responded, closed] = [
    col('assignedMunicipality'),
    col('createdAt'),
    col('firstResponseDueAt'),
    col('firstRespondedAt'),
    col('closedAt'),
  ];
  const knex = strapi.db.connection;
  const inPeriod = () => knex(meta.tableName).whereBetween(created, [start, end]);
  const counts = (await inPeriod()
    .select({ queue })
    .count({ registered: '*' })
    .select(
      // Unanswered and closed before its deadline (spam, a duplicate, a household that withdrew):
      // no answer was missed, so it is not settled either way.
      knex.raw(
        `SUM(CASE WHEN ?? IS NOT NULL OR (?? < ? AND NOT (?? IS NOT NULL AND ?? <= ??)) THEN 1 ELSE 0 END) AS settled`,
        [responded, due, now, closed, closed, due],
      ),
      knex.raw(`SUM(CASE WHEN ?? IS NOT NULL AND (?? IS NULL OR ?? <= ??) THEN 1 ELSE 0 END) AS in_time`, [
        responded,
        due,
        responded,
        due,
      ]),
    )
    .groupBy(queue)) as unknown as {
    queue: QueueOwner;
    registered: number | string;
    settled: number | string;
    in_time: number | string;
  }[];
  // SQLite keeps datetimes as epoch milliseconds; PostgreSQL as timestamps.
  const elapsedMs =
    strapi.db.dialect.client === 'postgres'
      ? knex.raw('EXTRACT(EPOCH FROM (?? - ??)) * 1000', [responded, created])
      : knex.raw('(?? - ??)', [responded, created]);
  const histogram = (await inPeriod()
    .whereNotNull(responded)
    .select({ queue }, knex.raw('ROUND(? / 360000.0) AS tenths', [elapsedMs]))
    .count({ n: '*' })
    .groupBy(queue, 'tenths')) as unknown as {
    queue: QueueOwner;
    tenths: number | string;
    n: number | string;
  }[];
  return counts.map((row) => ({
    queue: row.queue,
    registered: Number(row.registered),
    settled: Number(row.settled ?? 0),
    answeredInTime: Number(row.in_time ?? 0),
    responseTenths: histogram
      .filter((h) => h.queue === row.queue)
      .map((h) => [Number(h.tenths), Number(h.n)] as [number, number]),
  }));
}

export async function kpiReport(strapi: Core.Strapi, period: Period, now = new Date()): Promise<KpiReport> {
  const start = stockholmInstant(period.from, '00:00:00.000');
  const end = stockholmInstant(period.to, '23:59:59.999');
  const figures = new Map<QueueOwner | 'total', KpiFigures>(
    [...QUEUE_OWNERS, 'total' as const].map((q) => [q, emptyFigures()]),
  );
  const add = (queue: QueueOwner | 'total', field: keyof KpiFigures, by = 1) => {
    const row = figures.get(queue)!;
    (row[field] as number) += by;
  };
  const responseTenths = new Map<QueueOwner | 'total', Map<number, number>>();

  for (const row of await registeredHouseholds(strapi, start, end, now)) {
    for (const queue of [row.queue, 'total'] as const) {
      add(queue, 'registered', row.registered);
      add(queue, 'settled', row.settled);
      add(queue, 'answeredInTime', row.answeredInTime);
      const histogram = responseTenths.get(queue) ?? new Map<number, number>();
      for (const [tenths, n] of row.responseTenths) histogram.set(tenths, (histogram.get(tenths) ?? 0) + n);
      responseTenths.set(queue, histogram);
    }
  }

  const moved = (await strapi.db.query(CONTACT).findMany({
    select: ['movedTo'],
    where: { moveStatus: 'moved', movedAt: { $between: [period.from, period.to] } },
  })) as { movedTo: QueueOwner | null }[];
  for (const contact of moved) {
    add(contact.movedTo ?? REGION, 'moved');
    add('total', 'moved');
  }

  const orders = (await strapi.db.query(ORDER).findMany({
    select: ['id'],
    where: { createdAt: { $between: [start, end] } },
    populate: { contact: { select: ['assignedMunicipality'] } },
  })) as { contact: { assignedMunicipality: QueueOwner } | null }[];
  for (const order of orders) {
    add(order.contact?.assignedMunicipality ?? REGION, 'magazineOrders');
    add('total', 'magazineOrders');
  }

  const subscriptions = (await strapi.db.query(SUBSCRIPTION).findMany({
    select: ['email', 'municipalities'],
    where: {
      confirmedAt: { $notNull: true, $lte: end },
      $or: [{ unsubscribedAt: { $null: true } }, { unsubscribedAt: { $gt: end } }],
    },
  })) as { email: string; municipalities: QueueOwner[] | null }[];
  // A person with several newsletters is one subscriber, following every municipality they chose.
  const followedBy = new Map<string, Set<QueueOwner>>();
  for (const subscription of subscriptions) {
    const followed = followedBy.get(subscription.email) ?? new Set<QueueOwner>();
    for (const queue of subscription.municipalities?.length ? subscription.municipalities : [REGION])
      followed.add(queue);
    followedBy.set(subscription.email, followed);
  }
  for (const followed of followedBy.values()) {
    for (const queue of followed) add(queue, 'confirmedSubscribers');
    add('total', 'confirmedSubscribers');
  }

  const rows: KpiRow[] = [...figures.entries()].map(([queue, row]) => {
    const tenths = medianOfHistogram(responseTenths.get(queue) ?? new Map());
    return {
      queue,
      ...row,
      shareAnsweredInTime: row.settled ? row.answeredInTime / row.settled : null,
      medianFirstResponseHours: tenths === null ? null : Math.round(tenths) / 10,
    };
  });
  return {
    period,
    generatedAt: now.toISOString(),
    rows,
    ties: await householdsByTie(strapi, period, start, end),
  };
}

/** Registered and moved households of the period by their tie to the county: grouped counts. */
async function householdsByTie(
  strapi: Core.Strapi,
  period: Period,
  start: Date,
  end: Date,
): Promise<TieRow[]> {
  const meta = strapi.db.metadata.get(CONTACT);
  const col = (field: string) => (meta.attributes[field] as { columnName?: string }).columnName ?? field;
  const knex = strapi.db.connection;
  const tie = col('countyTie');
  const grouped = async (query: ReturnType<typeof knex>) =>
    (await query.select({ tie }).count({ n: '*' }).groupBy(tie)) as unknown as {
      tie: string | null;
      n: number | string;
    }[];
  const registered = await grouped(knex(meta.tableName).whereBetween(col('createdAt'), [start, end]));
  const moved = await grouped(
    knex(meta.tableName)
      .where(col('moveStatus'), 'moved')
      .whereBetween(col('movedAt'), [period.from, period.to]),
  );
  const known = (value: string | null): TieRow['tie'] =>
    (COUNTY_TIES.values as readonly string[]).includes(value ?? '') ? (value as CountyTie) : 'unknown';
  return [...COUNTY_TIES.values, 'unknown' as const].map((value) => ({
    tie: value,
    registered: registered.filter((r) => known(r.tie) === value).reduce((sum, r) => sum + Number(r.n), 0),
    moved: moved.filter((r) => known(r.tie) === value).reduce((sum, r) => sum + Number(r.n), 0),
  }));
}

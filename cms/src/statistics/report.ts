import type { Core } from '@strapi/strapi';
import { excelCsv } from '../platform/csv';
import { CONVERSIONS, UNIQUES, VIEWS, VISITORS } from './visits';

/** The coordinator's visitor statistics for a period (Stockholm days, inclusive). */
export interface StatisticsReport {
  from: string;
  to: string;
  totals: { views: number; visitors: number; conversions: number };
  days: { day: string; views: number; visitors: number }[];
  pages: { path: string; views: number }[];
  referrers: { host: string; views: number }[];
  campaigns: { source: string; medium: string; campaign: string; views: number }[];
  conversions: { kind: string; landing: string; source: string; municipality: string; count: number }[];
}

const TOP = 50;
const n = (value: unknown) => Number(value ?? 0);

export async function statisticsReport(
  strapi: Core.Strapi,
  { from, to }: { from: string; to: string },
): Promise<StatisticsReport> {
  const knex = strapi.db.connection;
  const inPeriod = (query: ReturnType<typeof knex>) =>
    query.where('day', '>=', from).andWhere('day', '<=', to);
  const viewsByDay = (await inPeriod(knex(VIEWS)).groupBy('day').select('day').sum({ views: 'views' })) as {
    day: string;
    views: unknown;
  }[];
  // Days that ended were counted when their hashes were deleted; the open day from its hashes.
  const closed = (await inPeriod(knex(UNIQUES)).select('day', 'visitors')) as {
    day: string;
    visitors: unknown;
  }[];
  const open = (await inPeriod(knex(VISITORS)).groupBy('day').select('day').count({ visitors: '*' })) as {
    day: string;
    visitors: unknown;
  }[];
  const visitors = new Map([...closed, ...open].map((r) => [r.day, n(r.visitors)]));
  const days = [...new Set([...viewsByDay.map((r) => r.day), ...visitors.keys()])].sort().map((day) => ({
    day,
    views: n(viewsByDay.find((r) => r.day === day)?.views),
    visitors: visitors.get(day) ?? 0,
  }));

  const pages = (await inPeriod(knex(VIEWS))
    .groupBy('path')
    .select('path')
    .sum({ views: 'views' })
    .orderBy([{ column: 'views', order: 'desc' }, 'path'])
    .limit(TOP)) as { path: string; views: unknown }[];
  const referrers = (await inPeriod(knex(VIEWS))
    .whereNot('referrer', '')
    .groupBy('referrer')
    .select({ host: 'referrer' })
    .sum({ views: 'views' })
    .orderBy([{ column: 'views', order: 'desc' }, 'referrer'])
    .limit(TOP)) as unknown as { host: string; views: unknown }[];
  const campaigns = (await inPeriod(knex(VIEWS))
    .where((q) => q.whereNot('utm_source', '').orWhereNot('utm_campaign', ''))
    .groupBy('utm_source', 'utm_medium', 'utm_campaign')
    .select({ source: 'utm_source', medium: 'utm_medium', campaign: 'utm_campaign' })
    .sum({ views: 'views' })
    .orderBy([{ column: 'views', order: 'desc' }, 'utm_campaign'])
    .limit(TOP)) as unknown as { source: string; medium: string; campaign: string; views: unknown }[];
  const conversions = (await inPeriod(knex(CONVERSIONS))
    .groupBy('kind', 'landing', 'source', 'municipality')
    .select('kind', 'landing', 'source', 'municipality')
    .sum({ count: 'count' })
    .orderBy([{ column: 'count', order: 'desc' }, 'kind', 'landing'])) as {
    kind: string;
    landing: string;
    source: string;
    municipality: string;
    count: unknown;
  }[];

  return {
    from,
    to,
    totals: {
      views: days.reduce((sum, d) => sum + d.views, 0),
      visitors: days.reduce((sum, d) => sum + d.visitors, 0),
      conversions: conversions.reduce((sum, c) => sum + n(c.count), 0),
    },
    days,
    pages: pages.map((p) => ({ path: p.path, views: n(p.views) })),
    referrers: referrers.map((r) => ({ host: r.host, views: n(r.views) })),
    campaigns: campaigns.map((c) => ({ ...c, views: n(c.views) })),
    conversions: conversions.map((c) => ({ ...c, count: n(c.count) })),
  };
}

export const STATISTICS_TABLES_FOR_CSV = ['days', 'pages', 'referrers', 'campaigns', 'conversions'] as const;
export type StatisticsTable = (typeof STATISTICS_TABLES_FOR_CSV)[number];

const HEADERS: Record<StatisticsTable, string[]> = {
  days: ['Dag', 'Sidvisningar', 'Unika besökare (uppskattat)'],
  pages: ['Sida', 'Sidvisningar'],
  referrers: ['Hänvisande webbplats', 'Sidvisningar'],
  campaigns: ['utm_source', 'utm_medium', 'utm_campaign', 'Sidvisningar'],
  conversions: ['Typ', 'Landningssida', 'Källa', 'Kommun', 'Antal'],
};

/** One table of the report as CSV for Excel (the register's other exports are the same). */
export function statisticsCsv(report: StatisticsReport, table: StatisticsTable): string {
  const rows: (string | number)[][] = {
    days: () => report.days.map((d) => [d.day, d.views, d.visitors]),
    pages: () => report.pages.map((p) => [p.path, p.views]),
    referrers: () => report.referrers.map((r) => [r.host, r.views]),
    campaigns: () => report.campaigns.map((c) => [c.source, c.medium, c.campaign, c.views]),
    conversions: () => report.conversions.map((c) => [c.kind, c.landing, c.source, c.municipality, c.count]),
  }[table]();
  return excelCsv([HEADERS[table], ...rows]);
}

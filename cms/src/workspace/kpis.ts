import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { QUEUE_OWNERS, REGION, stockholmInstant, type QueueOwner } from '@tasteget/shared';

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
 *   passed unanswered): the share answered by the deadline, and the median first-response time.
 */
const CONTACT = 'api::contact.contact';
const ORDER = 'api::magazine-order.magazine-order';
const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';

const ymd = z.iso.date({ error: 'Ange datum som ÅÅÅÅ-MM-DD. / Give dates as YYYY-MM-DD.' });
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
export interface KpiReport {
  period: Period;
  generatedAt: string;
  rows: KpiRow[];
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

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const time = (value: string | Date | null | undefined) => (value ? new Date(value).getTime() : null);
const HOUR = 3_600_000;

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
  const responseHours = new Map<QueueOwner | 'total', number[]>();

  const registered = (await strapi.db.query(CONTACT).findMany({
    select: ['assignedMunicipality', 'createdAt', 'firstResponseDueAt', 'firstRespondedAt'],
    where: { createdAt: { $between: [start, end] } },
  })) as {
    assignedMunicipality: QueueOwner;
    createdAt: string;
    firstResponseDueAt: string | null;
    firstRespondedAt: string | null;
  }[];
  for (const contact of registered) {
    const queues = [contact.assignedMunicipality, 'total'] as const;
    const due = time(contact.firstResponseDueAt);
    const answered = time(contact.firstRespondedAt);
    for (const queue of queues) {
      add(queue, 'registered');
      if (answered !== null || (due !== null && due < now.getTime())) {
        add(queue, 'settled');
        if (answered !== null && (due === null || answered <= due)) add(queue, 'answeredInTime');
      }
      if (answered !== null) {
        const hours = responseHours.get(queue) ?? [];
        hours.push((answered - time(contact.createdAt)!) / HOUR);
        responseHours.set(queue, hours);
      }
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
    select: ['municipalities'],
    where: {
      confirmedAt: { $notNull: true, $lte: end },
      $or: [{ unsubscribedAt: { $null: true } }, { unsubscribedAt: { $gt: end } }],
    },
  })) as { municipalities: QueueOwner[] | null }[];
  for (const subscription of subscriptions) {
    const followed = subscription.municipalities?.length ? subscription.municipalities : [REGION];
    for (const queue of new Set(followed)) add(queue, 'confirmedSubscribers');
    add('total', 'confirmedSubscribers');
  }

  const rows: KpiRow[] = [...figures.entries()].map(([queue, row]) => {
    const hours = median(responseHours.get(queue) ?? []);
    return {
      queue,
      ...row,
      shareAnsweredInTime: row.settled ? row.answeredInTime / row.settled : null,
      medianFirstResponseHours: hours === null ? null : Math.round(hours * 10) / 10,
    };
  });
  return { period, generatedAt: now.toISOString(), rows };
}

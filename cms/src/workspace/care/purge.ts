import type { Core } from '@strapi/strapi';
import type { QueueOwner } from '@tasteget/shared';
import { writeAudit } from './audit';
import { collectPersonData, countPersonData, deletePersonData } from './person-data';
import { CONTACT, SUBSCRIPTION } from '../../platform/content-types';

/**
 * The yearly register care: the region's retention decision (gallringsbeslut) removes contacts with
 * no activity for five years, with everything linked to them (activities, magazine orders,
 * newsletter deliveries, mail, ended subscriptions). Confirmed newsletter subscribers stay until
 * they unsubscribe, so a contact with a confirmed subscription is kept. The dry run and the purge
 * select with the same function, so the list the coordinator reviewed is what is removed.
 */

export const INACTIVITY_YEARS = 5;
export const RETENTION_RULE =
  'Gallringsbeslut: kontakter utan aktivitet på fem år gallras en gång om året; bekräftade prenumeranter behålls.';

export function purgeCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - INACTIVITY_YEARS);
  return cutoff;
}

export interface PurgeCandidate {
  id: number;
  documentId: string;
  firstName: string;
  lastName: string | null;
  email: string;
  assignedMunicipality: QueueOwner;
  lastActivityAt: string;
}

export async function purgeCandidates(strapi: Core.Strapi, now = new Date()): Promise<PurgeCandidate[]> {
  const cutoff = purgeCutoff(now);
  const inactive = (await strapi.db.query(CONTACT).findMany({
    select: [
      'id',
      'documentId',
      'firstName',
      'lastName',
      'email',
      'assignedMunicipality',
      'lastActivityAt',
      'updatedAt',
    ],
    where: {
      $or: [
        { lastActivityAt: { $lt: cutoff } },
        { lastActivityAt: { $null: true }, updatedAt: { $lt: cutoff } },
      ],
    },
    orderBy: { id: 'asc' },
  })) as (Omit<PurgeCandidate, 'lastActivityAt'> & { lastActivityAt: string | null; updatedAt: string })[];
  if (inactive.length === 0) return [];

  const kept = new Set<string>();
  for (let i = 0; i < inactive.length; i += 500) {
    const slice = inactive.slice(i, i + 500);
    const subscribed = (await strapi.db.query(SUBSCRIPTION).findMany({
      select: ['email'],
      where: {
        subscriptionStatus: 'confirmed',
        $or: [
          { email: { $in: slice.map((c) => c.email) } },
          { contact: { id: { $in: slice.map((c) => c.id) } } },
        ],
      },
      populate: { contact: { select: ['email'] } },
    })) as { email: string; contact: { email: string } | null }[];
    for (const s of subscribed) {
      kept.add(s.email);
      if (s.contact) kept.add(s.contact.email);
    }
  }
  return inactive
    .filter((c) => !kept.has(c.email))
    .map(({ updatedAt, ...c }) => ({
      ...c,
      lastActivityAt: new Date(c.lastActivityAt ?? updatedAt).toISOString(),
    }));
}

export type PurgeCounts = ReturnType<typeof countPersonData>;

export interface PurgeResult {
  dryRun: boolean;
  rule: string;
  cutoff: string;
  candidates: PurgeCandidate[];
  /** What was removed; for a dry run, what would be. */
  counts: PurgeCounts;
}

export async function runPurge(
  strapi: Core.Strapi,
  options: { dryRun: boolean; ranBy: string; now?: Date },
): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  return strapi.db.transaction(async () => {
    const candidates = await purgeCandidates(strapi, now);
    const counts: PurgeCounts = {
      contacts: 0,
      activities: 0,
      magazineOrders: 0,
      newsletterSubscriptions: 0,
      newsletterDeliveries: 0,
      outboxMessages: 0,
    };
    // In slices: a purge can reach thousands of contacts, and every query stays within SQLite's
    // limit of bound variables.
    for (let i = 0; i < candidates.length; i += 500) {
      const linked = await collectPersonData(
        strapi,
        candidates.slice(i, i + 500).map((c) => c.email),
        'ids',
      );
      for (const [key, n] of Object.entries(countPersonData(linked))) counts[key as keyof PurgeCounts] += n;
      if (!options.dryRun) await deletePersonData(strapi, linked);
    }
    if (!options.dryRun) {
      await writeAudit(strapi, {
        action: 'purge',
        rule: RETENTION_RULE,
        counts,
        ranBy: options.ranBy,
        at: now,
      });
    }
    return {
      dryRun: options.dryRun,
      rule: RETENTION_RULE,
      cutoff: purgeCutoff(now).toISOString(),
      candidates,
      counts,
    };
  });
}

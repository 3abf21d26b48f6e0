import type { Core, UID } from '@strapi/strapi';
import type { QueueOwner } from '@tasteget/shared';
import { writeAudit } from './audit';
import { collectPersonData, countPersonData, deletePersonData, type PersonData } from './person-data';
import {
  CONSENT,
  CONTACT,
  EVENT_REGISTRATION,
  INBOUND,
  NETWORK_CONTACT,
  ORDER,
  OUTBOX,
  SUBSCRIPTION,
} from '../../platform/content-types';
import { removePrivateFiles, type PrivateFile } from '../../platform/private-files';

/**
 * The yearly register care: the region's retention decision (gallringsbeslut) as named rules, each
 * applied as of one moment. The dry run and the purge select with the same functions, so what the
 * coordinator reviewed is what is removed; both, and the audit line, show every rule's counts.
 *
 * - `inactive-contacts`: contacts with no activity for five years go, with everything linked to
 *   them (activities, magazine orders, newsletter deliveries, mail, ended subscriptions). What
 *   counts as activity is the person's or a guide's doing (contacts/activities.ts); outbound
 *   newsletters do not. Confirmed newsletter subscribers stay until they unsubscribe.
 * - `unlinked-orders`: a magazine order from someone outside the register goes a year after it
 *   was placed (the address is needed to post it and to answer a complaint about it, then not).
 * - `pending-subscriptions`: a subscription never confirmed goes 30 days after its opt-in link was
 *   sent (the link itself works CONFIRM_TOKEN_TTL_DAYS, at most 90; without confirmation there is
 *   no consent to keep the address on).
 * - `unsubscribed-subscriptions`: an ended subscription with no contact goes two years after the
 *   unsubscribe. Until then it is the proof that the withdrawal was honoured (GDPR art. 7.3 and the
 *   accountability of art. 5.2: a complaint about unwanted mail is raised within that time in
 *   practice); after it, storage limitation (art. 5.1 e) applies. One linked to a contact stays
 *   with the contact: it is what keeps invitations from reaching a person who said no.
 * - `past-event-registrations`: a sign-up to an event goes 90 days after the event began (long
 *   enough to answer a question about who came, then no longer needed; the contact's card keeps
 *   the line that they signed up).
 * - `sent-mail`: the outbox keeps a sent mail 30 days (to see what went out if someone asks) and
 *   one that failed for good 90 days (to find the cause); the daily prune already removes the sent.
 */

export const INACTIVITY_YEARS = 5;
export const RETENTION_RULE =
  'Gallringsbeslut: kontakter utan aktivitet på fem år, tidningsbeställningar utan kontakt efter ett år, obekräftade prenumerationer efter 30 dagar, avslutade prenumerationer utan kontakt efter två år, anmälningar till evenemang 90 dagar efter evenemanget, skickad e-post efter 30 dagar och misslyckad eller spärrad efter 90, inkommande e-post att granska eller i karantän efter 90 dagar.';

export function purgeCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - INACTIVITY_YEARS);
  return cutoff;
}

const DAY = 86_400_000;
const yearsBefore = (now: Date, years: number) => {
  const at = new Date(now);
  at.setUTCFullYear(at.getUTCFullYear() - years);
  return at;
};

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

const emptyData = (): PersonData => ({
  contacts: [],
  activities: [],
  magazineOrders: [],
  newsletterSubscriptions: [],
  newsletterDeliveries: [],
  outboxMessages: [],
  inboundMessages: [],
  consentRecords: [],
  eventRegistrations: [],
  networkContacts: [],
  suppressions: [],
});

type Ids = { id: number; documentId: string }[];
const idsOf = (strapi: Core.Strapi, uid: UID.ContentType, where: Record<string, unknown>) =>
  strapi.db
    .query(uid)
    .findMany({ where, select: ['id', 'documentId'], orderBy: { id: 'asc' } }) as Promise<Ids>;

const subscriptionRows = (strapi: Core.Strapi, where: Record<string, unknown>) =>
  strapi.db.query(SUBSCRIPTION).findMany({
    where,
    select: ['id', 'documentId', 'email'],
    populate: { contact: { select: ['id'] } },
    orderBy: { id: 'asc' },
  }) as Promise<(Ids[number] & { email: string; contact: { id: number } | null })[]>;

/**
 * The newsletter consents of removed subscriptions that have no contact: the log goes with the
 * address's last subscription. A contact's log goes with the contact.
 */
async function newsletterConsentsOf(
  strapi: Core.Strapi,
  subscriptions: { id: number; email: string; contact: { id: number } | null }[],
) {
  const removed = new Set(subscriptions.map((s) => s.id));
  let emails = [...new Set(subscriptions.filter((s) => !s.contact).map((s) => s.email))];
  if (emails.length === 0) return [];
  // An address that keeps another subscription (another newsletter) keeps its consent log.
  const kept = (await strapi.db.query(SUBSCRIPTION).findMany({
    where: { email: { $in: emails } },
    select: ['id', 'email'],
  })) as { id: number; email: string }[];
  const stays = new Set(kept.filter((s) => !removed.has(s.id)).map((s) => s.email));
  emails = emails.filter((email) => !stays.has(email));
  if (emails.length === 0) return [];
  return idsOf(strapi, CONSENT, {
    kind: 'newsletter',
    email: { $in: emails },
    contact: { id: { $null: true } },
  });
}

/** A rule of the retention decision: what it removes as of `now`, as rows of the register. */
export interface RetentionRule {
  name: string;
  text: { sv: string; en: string };
  /** The rows to remove, in slices (the contacts rule can reach thousands of people). */
  select(strapi: Core.Strapi, now: Date): AsyncIterable<PersonData>;
}

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    name: 'inactive-contacts',
    text: {
      sv: 'Kontakter utan aktivitet på fem år, med allt som hör till dem; bekräftade prenumeranter behålls.',
      en: 'Contacts with no activity for five years, with everything linked to them; confirmed subscribers are kept.',
    },
    async *select(strapi, now) {
      const candidates = await purgeCandidates(strapi, now);
      // Slices keep every query within SQLite's limit of bound variables.
      for (let i = 0; i < candidates.length; i += 500) {
        const emails = candidates.slice(i, i + 500).map((c) => c.email);
        // The rule is about the mover's card: an address that is also a network contact (an
        // ambassador who once registered to move) keeps its network card and what the address holds.
        const networked = new Set(
          (
            (await strapi.db.query(NETWORK_CONTACT).findMany({
              where: { email: { $in: emails } },
              select: ['email'],
            })) as { email: string }[]
          ).map((row) => row.email),
        );
        const person = emails.filter((email) => !networked.has(email));
        if (person.length) yield collectPersonData(strapi, person, 'ids');
        if (networked.size) yield collectPersonData(strapi, [...networked], 'ids', 'contacts');
      }
    },
  },
  {
    name: 'unlinked-orders',
    text: {
      sv: 'Tidningsbeställningar utan kontakt, ett år efter beställningen.',
      en: 'Magazine orders with no contact, a year after they were placed.',
    },
    async *select(strapi, now) {
      const magazineOrders = await idsOf(strapi, ORDER, {
        contact: { id: { $null: true } },
        createdAt: { $lt: yearsBefore(now, 1) },
      });
      yield { ...emptyData(), magazineOrders };
    },
  },
  {
    name: 'pending-subscriptions',
    text: {
      sv: 'Prenumerationer som inte bekräftats, 30 dagar efter att bekräftelselänken skickades.',
      en: 'Subscriptions never confirmed, 30 days after the opt-in link was sent.',
    },
    async *select(strapi, now) {
      const before = new Date(now.getTime() - 30 * DAY);
      const newsletterSubscriptions = await subscriptionRows(strapi, {
        subscriptionStatus: 'pending',
        $or: [
          { confirmSentAt: { $lt: before } },
          { confirmSentAt: { $null: true }, createdAt: { $lt: before } },
        ],
      });
      yield {
        ...emptyData(),
        newsletterSubscriptions,
        consentRecords: await newsletterConsentsOf(strapi, newsletterSubscriptions),
      };
    },
  },
  {
    name: 'unsubscribed-subscriptions',
    text: {
      sv: 'Avslutade prenumerationer utan kontakt, två år efter avslutet.',
      en: 'Ended subscriptions with no contact, two years after the unsubscribe.',
    },
    async *select(strapi, now) {
      const before = yearsBefore(now, 2);
      const newsletterSubscriptions = await subscriptionRows(strapi, {
        subscriptionStatus: 'unsubscribed',
        contact: { id: { $null: true } },
        $or: [
          { unsubscribedAt: { $lt: before } },
          { unsubscribedAt: { $null: true }, updatedAt: { $lt: before } },
        ],
      });
      yield {
        ...emptyData(),
        newsletterSubscriptions,
        consentRecords: await newsletterConsentsOf(strapi, newsletterSubscriptions),
      };
    },
  },
  {
    name: 'past-event-registrations',
    text: {
      sv: 'Anmälningar till evenemang, 90 dagar efter att evenemanget började.',
      en: 'Sign-ups to events, 90 days after the event began.',
    },
    async *select(strapi, now) {
      const eventRegistrations = await idsOf(strapi, EVENT_REGISTRATION, {
        eventStartsAt: { $lt: new Date(now.getTime() - 90 * DAY) },
      });
      yield { ...emptyData(), eventRegistrations };
    },
  },
  {
    name: 'sent-mail',
    text: {
      sv: 'E-post i utkorgen: skickad efter 30 dagar, misslyckad eller spärrad efter 90.',
      en: 'Mail in the outbox: sent after 30 days, failed or suppressed after 90.',
    },
    async *select(strapi, now) {
      const outboxMessages = await idsOf(strapi, OUTBOX, {
        $or: [
          { sendStatus: 'sent', sentAt: { $lt: new Date(now.getTime() - 30 * DAY) } },
          {
            sendStatus: { $in: ['failed', 'suppressed'] },
            updatedAt: { $lt: new Date(now.getTime() - 90 * DAY) },
          },
        ],
      });
      yield { ...emptyData(), outboxMessages };
    },
  },
  {
    name: 'inbound-mail',
    text: {
      sv: 'Inkommande e-post att granska eller i karantän, 90 dagar efter att den kom.',
      en: 'Inbound mail to review or in quarantine, 90 days after it arrived.',
    },
    async *select(strapi, now) {
      const inboundMessages = await idsOf(strapi, INBOUND, {
        receivedAt: { $lt: new Date(now.getTime() - 90 * DAY) },
      });
      yield { ...emptyData(), inboundMessages };
    },
  },
];

export interface PurgeResult {
  dryRun: boolean;
  rule: string;
  cutoff: string;
  /** The contacts of `inactive-contacts`, for the coordinator to review. */
  candidates: PurgeCandidate[];
  /** What was removed, all rules together; for a dry run, what would be. */
  counts: PurgeCounts;
  /** The same, rule by rule. */
  rules: { name: string; text: { sv: string; en: string }; counts: PurgeCounts }[];
}

type PurgeOptions = { dryRun: boolean; ranBy: string; now?: Date };

export async function runPurge(strapi: Core.Strapi, options: PurgeOptions): Promise<PurgeResult> {
  const { result, files } = await strapi.db.transaction(() => applyRetention(strapi, options));
  await removePrivateFiles(files);
  return result;
}

/**
 * The purge inside the caller's transaction. It returns the mail attachments of the deleted rows
 * rather than removing them: the caller removes them once its outermost transaction has committed,
 * so a rollback finds them still there.
 */
export async function applyRetention(
  strapi: Core.Strapi,
  options: PurgeOptions,
): Promise<{ result: PurgeResult; files: PrivateFile[] }> {
  const now = options.now ?? new Date();
  const files: PrivateFile[] = [];
  const candidates = await purgeCandidates(strapi, now);
  const counts = countPersonData(emptyData());
  const rules: PurgeResult['rules'] = [];
  // One rule after the other, each as of `now`. A row two rules select is the first one's, so a
  // dry run counts what the purge removes, no more.
  const taken = new Map<keyof PersonData, Set<number>>();
  const unseen = (selected: PersonData): PersonData => {
    const rows = emptyData();
    for (const key of Object.keys(rows) as (keyof PersonData)[]) {
      const seen = taken.get(key) ?? taken.set(key, new Set()).get(key)!;
      rows[key] = selected[key].filter((row) => !seen.has(row.id));
      for (const row of rows[key]) seen.add(row.id);
    }
    return rows;
  };
  for (const rule of RETENTION_RULES) {
    const ruleCounts = countPersonData(emptyData());
    for await (const selected of rule.select(strapi, now)) {
      const rows = unseen(selected);
      for (const [key, n] of Object.entries(countPersonData(rows))) {
        ruleCounts[key as keyof PurgeCounts] += n;
        counts[key as keyof PurgeCounts] += n;
      }
      if (!options.dryRun) files.push(...(await deletePersonData(strapi, rows)));
    }
    rules.push({ name: rule.name, text: rule.text, counts: ruleCounts });
  }
  if (!options.dryRun) {
    await writeAudit(strapi, {
      action: 'purge',
      rule: RETENTION_RULE,
      counts: { ...counts, rules: Object.fromEntries(rules.map((r) => [r.name, r.counts])) },
      ranBy: options.ranBy,
      at: now,
    });
  }
  const result: PurgeResult = {
    dryRun: options.dryRun,
    rule: RETENTION_RULE,
    cutoff: purgeCutoff(now).toISOString(),
    candidates,
    counts,
    rules,
  };
  return { result, files };
}

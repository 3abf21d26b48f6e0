import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  LOCALES,
  exclusionReason,
  matchesSegment,
  normalizeEmail,
  segmentReadsNewsletters,
  type CampaignAudience,
  type Locale,
  type Segment,
  type SegmentRecipient,
} from '@tasteget/shared';
import { blockedAddresses } from '../mail/suppression';
import { SUBSCRIPTION } from '../platform/content-types';
import { refreshStaleStatistics } from '../platform/table-statistics';
import {
  AUDIENCE_CONTENT_TYPES,
  contactToRecipient,
  networkToRecipient,
  segmentToStrapiFilters,
  subscriptionToRecipient,
  type ContactRow,
  type NetworkRow,
  type SubscriptionRow,
} from './segment-query';

/*
 * Who a campaign reaches. Selection runs the shared segment language twice: as database filters
 * (`segmentToStrapiFilters`, which already applies the consent invariant the database can check)
 * and, for each loaded row, as the in-code evaluator (`matchesSegment`), which decides JSON
 * columns and the rest of the invariant (unsubscribed, bounced, erased, consent).
 */

/**
 * Rows per page. On PostgreSQL the page's join to the newsletter's link table reads that table
 * from its start each time (a merge join takes no bound from the keyset): with 100,000
 * subscribers, pages of 2,000 selected in 0.95 s where pages of 500 took 2.5 s.
 */
const PAGE = 2000;

/**
 * Whom a campaign reaches: its kind (subscribers, or contacts or network contacts for
 * invitations) and its newsletter. Subscribers are that newsletter's; a contact or network contact
 * is out when they left that newsletter, which is what the one-click link of the campaign's mail ends.
 */
export interface Audience {
  kind: CampaignAudience;
  newsletterId: number;
}

/** One recipient as the sender needs it: the segment profile plus what personalising and logging use. */
export interface Recipient {
  profile: SegmentRecipient;
  /** The contact whose card gets a 'newsletter' activity: the contact, or a subscription's linked one. */
  contactId: number | null;
  /** The subscriptions a bounce is counted on and whose token unsubscribes. */
  subscriptionIds: number[];
  unsubscribeToken: string | null;
}

type LoadedSubscription = SubscriptionRow & {
  id: number;
  unsubscribeToken?: string | null;
  contact?: (SubscriptionRow['contact'] & { id: number }) | null;
};
type LoadedContact = Omit<ContactRow, 'newsletterSubscriptions'> & {
  id: number;
  newsletterSubscriptions?:
    | {
        id: number;
        subscriptionStatus?: string | null;
        bounceCount?: number | null;
      }[]
    | null;
};

type LoadedNetworkContact = NetworkRow & { id: number };
type LoadedRow = LoadedSubscription | LoadedContact | LoadedNetworkContact;

/** One subscription of an address, as `subscriptionsByAddress` loads it. */
interface AddressSubscriptionRow {
  id: number;
  email: string;
  subscriptionStatus: string | null;
  bounceCount: number | null;
  unsubscribeToken: string | null;
  newsletter: { id: number; slug: string } | null;
}

/**
 * Every subscription of a page's addresses, by normalised address: what a network contact's
 * consent state and a `newsletter` condition read (network contacts are not linked to
 * subscriptions; the address is the person's key there, as for the one-click link).
 */
async function subscriptionsByAddress(
  strapi: Core.Strapi,
  rows: readonly { email?: string | null }[],
): Promise<Map<string, AddressSubscriptionRow[]>> {
  const emails = [...new Set(rows.flatMap((r) => (r.email ? [normalizeEmail(r.email)] : [])))];
  const byAddress = new Map<string, AddressSubscriptionRow[]>();
  if (emails.length === 0) return byAddress;
  const subs = (await strapi.db.query(SUBSCRIPTION).findMany({
    where: { email: { $in: emails } },
    select: ['id', 'email', 'subscriptionStatus', 'bounceCount', 'unsubscribeToken'],
    populate: { newsletter: { select: ['id', 'slug'] } },
  })) as AddressSubscriptionRow[];
  for (const sub of subs) {
    const email = normalizeEmail(sub.email);
    byAddress.set(email, [...(byAddress.get(email) ?? []), sub]);
  }
  return byAddress;
}

/** The loaded rows as recipients, with what only a look-up by address tells where it is needed. */
async function toRecipients(
  strapi: Core.Strapi,
  audience: Audience,
  rows: LoadedRow[],
  readsNewsletters: boolean,
): Promise<Recipient[]> {
  const byAddress =
    audience.kind === 'network' || readsNewsletters ? await subscriptionsByAddress(strapi, rows) : null;
  return rows.map((row) => {
    const subs = byAddress && row.email ? (byAddress.get(normalizeEmail(row.email)) ?? []) : [];
    const recipient = toRecipient(audience, row, subs);
    if (readsNewsletters) {
      recipient.profile.newsletters = subs.flatMap((s) =>
        s.subscriptionStatus === 'confirmed' && s.newsletter ? [s.newsletter.slug] : [],
      );
    }
    return recipient;
  });
}

function toRecipient(
  { kind, newsletterId }: Audience,
  row: LoadedRow,
  addressSubscriptions: AddressSubscriptionRow[],
): Recipient {
  if (kind === 'network') {
    const own = addressSubscriptions.find((s) => s.newsletter?.id === newsletterId) ?? null;
    return {
      profile: networkToRecipient(row as LoadedNetworkContact, own),
      // Network contacts have no contact card: an invitation is logged on the delivery only.
      contactId: null,
      subscriptionIds: own ? [own.id] : [],
      unsubscribeToken: own?.unsubscribeToken ?? null,
    };
  }
  if (kind === 'subscribers') {
    const sub = row as LoadedSubscription;
    return {
      profile: subscriptionToRecipient(sub),
      contactId: sub.contact?.id ?? null,
      subscriptionIds: [sub.id],
      unsubscribeToken: sub.unsubscribeToken ?? null,
    };
  }
  const contact = row as LoadedContact;
  const subs = contact.newsletterSubscriptions ?? [];
  return {
    profile: contactToRecipient(contact),
    contactId: contact.id,
    subscriptionIds: subs.map((s) => s.id),
    // Looked up (or made) when sending: private fields cannot be populated.
    unsubscribeToken: null,
  };
}

/**
 * The segment query with what the sender needs besides the profile (ids, the unsubscribe token),
 * narrowed to the audience's newsletter.
 */
function query(segment: Segment, { kind, newsletterId }: Audience) {
  const q = segmentToStrapiFilters(segment, kind);
  const ofNewsletter = { newsletter: { id: newsletterId } };
  if (kind === 'network') return { ...q, scope: {}, fields: [...q.fields, 'id'] };
  if (kind === 'subscribers') {
    return {
      ...q,
      scope: ofNewsletter,
      filters: { $and: [q.filters, ofNewsletter] },
      fields: [...q.fields, 'id', 'unsubscribeToken'],
      populate: { contact: { fields: [...q.populate.contact.fields, 'id'] } },
    };
  }
  return {
    ...q,
    scope: {},
    fields: [...q.fields, 'id'],
    populate: {
      newsletterSubscriptions: {
        fields: [...q.populate.newsletterSubscriptions.fields, 'id'],
        filters: ofNewsletter,
      },
    },
  };
}

async function findRows(
  strapi: Core.Strapi,
  q: ReturnType<typeof query>,
  filters: Record<string, unknown>,
  start: number,
  limit: number,
) {
  return (await strapi.documents(q.uid).findMany({
    filters,
    fields: q.fields,
    populate: q.populate,
    sort: 'id:asc',
    start,
    limit,
  } as never)) as unknown as LoadedRow[];
}

/**
 * Selections read every audience's table, and subscriptions by address: a register just imported
 * gets its statistics first, or PostgreSQL plans the pages for an empty table.
 */
const plannable = (strapi: Core.Strapi) =>
  refreshStaleStatistics(strapi, [...Object.values(AUDIENCE_CONTENT_TYPES), SUBSCRIPTION]);

/**
 * Every recipient of a segment in an audience, once per address, in id order. An address on the
 * suppression list is no one's recipient: the count, the sample and the send leave it out alike.
 */
export async function* selectRecipients(
  strapi: Core.Strapi,
  segment: Segment,
  audience: Audience,
): AsyncGenerator<Recipient> {
  const q = query(segment, audience);
  if (q.matchesNothing) return;
  await plannable(strapi);
  const readsNewsletters = segmentReadsNewsletters(segment);
  // Blocked addresses start as seen: they are never yielded.
  const seen = await blockedAddresses(strapi);
  // Page by id (keyset) rather than by offset: the last pages of a large register would
  // otherwise be found by stepping over every row before them.
  for (let afterId = 0; ;) {
    const rows = await findRows(strapi, q, { $and: [q.filters, { id: { $gt: afterId } }] }, 0, PAGE);
    if (rows.length > 0) afterId = rows[rows.length - 1].id;
    for (const recipient of await toRecipients(strapi, audience, rows, readsNewsletters)) {
      if (!matchesSegment(recipient.profile, segment)) continue;
      const email = normalizeEmail(recipient.profile.email);
      if (seen.has(email)) continue;
      seen.add(email);
      yield recipient;
    }
    if (rows.length < PAGE) return;
  }
}

/** The live recipient count of a segment: a database count when the filters are exact. */
export async function countRecipients(
  strapi: Core.Strapi,
  segment: Segment,
  audience: Audience,
): Promise<number> {
  return (await countRecipientsByLanguage(strapi, segment, audience)).count;
}

export type RecipientCount = { count: number; byLanguage: Record<Locale, number> };

/**
 * The live count, and how many chose each language: a campaign is written in one, and the panel
 * says how many of its recipients chose the other.
 */
export async function countRecipientsByLanguage(
  strapi: Core.Strapi,
  segment: Segment,
  audience: Audience,
): Promise<RecipientCount> {
  const byLanguage = Object.fromEntries(LOCALES.map((l) => [l, 0])) as Record<Locale, number>;
  const q = query(segment, audience);
  if (q.matchesNothing) return { count: 0, byLanguage };
  if (q.exact) {
    await plannable(strapi);
    const blocked = [...(await blockedAddresses(strapi))];
    // The database's count, less the blocked addresses among those it counted.
    const count = async (filters: unknown) => {
      let total = await strapi.documents(q.uid).count({ filters } as never);
      for (let i = 0; i < blocked.length; i += 500) {
        const among = { email: { $in: blocked.slice(i, i + 500) } };
        total -= await strapi.documents(q.uid).count({ filters: { $and: [filters, among] } } as never);
      }
      return total;
    };
    for (const language of LOCALES) byLanguage[language] = await count({ $and: [q.filters, { language }] });
    return { count: await count(q.filters), byLanguage };
  }
  // selectRecipients refreshes the statistics itself.
  let total = 0;
  for await (const recipient of selectRecipients(strapi, segment, audience)) {
    total += 1;
    if (recipient.profile.language in byLanguage) byLanguage[recipient.profile.language] += 1;
  }
  return { count: total, byLanguage };
}

/**
 * The current state of the given addresses, for the check just before sending: no consent filter,
 * so an address that unsubscribed, bounced or lost consent since the freeze comes back with its
 * `exclusionReason`, and an erased one does not come back at all.
 */
export async function recipientsByEmail(
  strapi: Core.Strapi,
  audience: Audience,
  emails: string[],
): Promise<Map<string, Recipient>> {
  const q = query({ match: 'all', conditions: [] }, audience);
  // Not the segment's filters (the check reads the address as it is now), but its newsletter's.
  // An address may have several rows (an ambassador who is also a coworking host): all are read,
  // and one that may still be mailed wins, as the selection took the first that matched.
  const found = new Map<string, Recipient>();
  const where = { $and: [{ email: { $in: emails } }, q.scope] };
  for (let start = 0; ; start += PAGE) {
    const rows = await findRows(strapi, q, where, start, PAGE);
    for (const recipient of await toRecipients(strapi, audience, rows, false)) {
      const email = normalizeEmail(recipient.profile.email);
      const held = found.get(email);
      if (!held || (exclusionReason(held.profile) && !exclusionReason(recipient.profile))) {
        found.set(email, recipient);
      }
    }
    if (rows.length < PAGE) return found;
  }
}

/**
 * A contact reached as a contact (event invitations) may have no subscription to the campaign's
 * newsletter, and so no unsubscribe token. It gets one: a subscription row to that newsletter in
 * `pending` with no confirm token, linked to the contact. It never makes them a subscriber (only
 * `confirmed` is); the one-click unsubscribe then marks it `unsubscribed`, which leaves out the
 * contact from that newsletter's later campaigns, and from no other. An invitation naming no
 * newsletter reaches the invitations list (`invitations.ts`), so its carrier is there, not on a
 * newsletter the person never subscribed to.
 */
export async function ensureUnsubscribeToken(
  strapi: Core.Strapi,
  recipient: Recipient,
  newsletterId: number,
): Promise<string> {
  if (recipient.unsubscribeToken) return recipient.unsubscribeToken;
  const email = normalizeEmail(recipient.profile.email);
  const existing = (await strapi.db.query(SUBSCRIPTION).findOne({
    where: { email, newsletter: { id: newsletterId } },
    select: ['id', 'unsubscribeToken'],
  })) as { id: number; unsubscribeToken: string | null } | null;
  if (existing?.unsubscribeToken) {
    recipient.subscriptionIds = [...new Set([...recipient.subscriptionIds, existing.id])];
    recipient.unsubscribeToken = existing.unsubscribeToken;
    return existing.unsubscribeToken;
  }
  const token = randomBytes(32).toString('base64url');
  const link = recipient.contactId ? { contact: recipient.contactId } : {};
  if (existing) {
    await strapi.db
      .query(SUBSCRIPTION)
      .update({ where: { id: existing.id }, data: { unsubscribeToken: token, ...link } });
    recipient.subscriptionIds = [...new Set([...recipient.subscriptionIds, existing.id])];
  } else {
    const created = (await strapi.db.query(SUBSCRIPTION).create({
      data: {
        email,
        newsletter: newsletterId,
        subscriptionStatus: 'pending',
        language: recipient.profile.language,
        interests: [],
        municipalities: [],
        unsubscribeToken: token,
        publishedAt: new Date(),
        ...link,
      },
    })) as { id: number };
    recipient.subscriptionIds = [created.id];
  }
  recipient.unsubscribeToken = token;
  return token;
}

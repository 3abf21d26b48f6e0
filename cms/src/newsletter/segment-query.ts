import {
  BOUNCE_THRESHOLD,
  CONTACT_STATUSES,
  COUNTY_TIES,
  dayEnd,
  dayStart,
  LOCALES,
  MUNICIPALITY_SLUGS,
  NETWORK_KINDS,
  SUBSCRIPTION_STATUSES,
  TOPICS,
  type CampaignAudience,
  type Segment,
  type SegmentCondition,
  type SegmentRecipient,
  type SubscriptionStatus,
} from '@tasteget/shared';
import { CONTACT, NETWORK_CONTACT, SUBSCRIPTION } from '../platform/content-types';

/**
 * The segment language's database half: a segment (shared/src/segments.ts, which the admin's
 * segment builder also runs in the browser) as Strapi 5 document-service filters, and the rows
 * those filters load read back as the language's recipients.
 */
export const AUDIENCE_CONTENT_TYPES = {
  subscribers: SUBSCRIPTION,
  contacts: CONTACT,
  network: NETWORK_CONTACT,
} as const satisfies Record<CampaignAudience, string>;

export type StrapiFilters = Record<string, unknown>;

export interface SegmentQuery {
  uid: (typeof AUDIENCE_CONTENT_TYPES)[CampaignAudience];
  /**
   * Document-service `filters`: never excludes a recipient the segment selects, always applies
   * the consent invariant as far as the database can.
   */
  filters: StrapiFilters;
  /** What `subscriptionToRecipient` / `contactToRecipient` / `networkToRecipient` need loaded. */
  fields: string[];
  populate: Record<string, { fields: string[] }>;
  /**
   * true when `filters` select exactly the segment (a database count is the recipient count);
   * false when each loaded row must still go through `matchesSegment`.
   */
  exact: boolean;
  /** The segment can select no one in this audience (e.g. "not confirmed" among subscribers). */
  matchesNothing: boolean;
}

/** A condition as the database sees it: a filter, always/never true, or only decidable in code. */
type DbCondition = StrapiFilters | 'always' | 'never' | 'code';

function isoStart(ymdValue: string): string {
  return new Date(dayStart(ymdValue)).toISOString();
}
function isoEnd(ymdValue: string): string {
  return new Date(dayEnd(ymdValue)).toISOString();
}

function registeredFilter(c: Extract<SegmentCondition, { kind: 'registered' }>): StrapiFilters {
  const range: Record<string, string> = {};
  if (c.from) range.$gte = isoStart(c.from);
  if (c.to) range.$lte = isoEnd(c.to);
  return { createdAt: range };
}

/**
 * Municipalities, topics and interests are JSON columns holding arrays of slugs: the document
 * service has no portable "array contains" (SQLite text vs PostgreSQL jsonb), so those conditions
 * are decided in code. So is anything that needs "no linked row" semantics over a relation.
 */
function contactCondition(c: SegmentCondition): DbCondition {
  switch (c.kind) {
    case 'municipality':
    case 'topics':
    case 'subscriptionConfirmed':
      return 'code';
    case 'moveStatus':
      return { moveStatus: { $in: [...c.anyOf] } };
    case 'registered':
      return registeredFilter(c);
    case 'hasChildren':
      return c.value
        ? { children: { $gt: 0 } }
        : { $or: [{ children: { $eq: 0 } }, { children: { $null: true } }] };
    case 'language':
      return { language: { $in: [...c.anyOf] } };
    case 'hasMoved':
      return c.value
        ? { moveStatus: { $eq: 'moved' } }
        : { $or: [{ moveStatus: { $ne: 'moved' } }, { moveStatus: { $null: true } }] };
    case 'countyTie':
      return { countyTie: { $in: [...c.anyOf] } };
    case 'newsletter':
      return 'code';
    case 'networkKind':
      return 'never';
  }
}

function subscriberCondition(c: SegmentCondition): DbCondition {
  switch (c.kind) {
    case 'municipality':
    case 'topics':
      return 'code';
    case 'moveStatus':
      return { contact: { moveStatus: { $in: [...c.anyOf] } } };
    case 'registered':
      return registeredFilter(c);
    // "No children" and "not moved" also hold for subscribers with no linked contact: a join
    // filter cannot say that portably, so these are decided in code.
    case 'hasChildren':
      return c.value ? { contact: { children: { $gt: 0 } } } : 'code';
    case 'language':
      return { language: { $in: [...c.anyOf] } };
    case 'subscriptionConfirmed':
      return c.value ? 'always' : 'never';
    case 'hasMoved':
      return c.value ? { contact: { moveStatus: { $eq: 'moved' } } } : 'code';
    case 'countyTie':
      return { contact: { countyTie: { $in: [...c.anyOf] } } };
    case 'newsletter':
      return 'code';
    case 'networkKind':
      return 'never';
  }
}

/**
 * A network contact has one municipality (or none) and no move, household, topics or tie: those
 * conditions read as unknown, which never matches ("has not moved here" always does).
 */
function networkCondition(c: SegmentCondition): DbCondition {
  switch (c.kind) {
    case 'municipality': {
      const chosen = { municipality: { $in: [...c.anyOf] } };
      return c.includeUnspecified ? { $or: [chosen, { municipality: { $null: true } }] } : chosen;
    }
    case 'networkKind':
      return { kind: { $in: [...c.anyOf] } };
    case 'registered':
      return registeredFilter(c);
    case 'language':
      return { language: { $in: [...c.anyOf] } };
    case 'hasMoved':
      return c.value ? 'never' : 'always';
    case 'topics':
    case 'moveStatus':
    case 'hasChildren':
    case 'countyTie':
      return 'never';
    case 'newsletter':
    case 'subscriptionConfirmed':
      return 'code';
  }
}

const CONDITIONS = {
  subscribers: subscriberCondition,
  contacts: contactCondition,
  network: networkCondition,
} as const satisfies Record<CampaignAudience, (c: SegmentCondition) => DbCondition>;

function combine(match: Segment['match'], parts: DbCondition[]): { db: DbCondition; exact: boolean } {
  if (parts.length === 0) return { db: 'always', exact: true };
  const exact = !parts.includes('code');
  if (match === 'all') {
    if (parts.includes('never')) return { db: 'never', exact: true };
    const filters = parts.filter((p): p is StrapiFilters => typeof p === 'object');
    if (filters.length === 0) return { db: 'always', exact };
    return { db: filters.length === 1 ? filters[0] : { $and: filters }, exact };
  }
  if (parts.includes('always')) return { db: 'always', exact: true };
  // One condition only code can decide makes the whole OR undecidable in the database.
  if (!exact) return { db: 'always', exact: false };
  const filters = parts.filter((p): p is StrapiFilters => typeof p === 'object');
  if (filters.length === 0) return { db: 'never', exact: true };
  return { db: filters.length === 1 ? filters[0] : { $or: filters }, exact: true };
}

/** Matches no row: ids are never null. */
const NOTHING: StrapiFilters = { id: { $null: true } };

/**
 * The document-service query for a segment in an audience. Use it as
 * `strapi.documents(q.uid).findMany({ filters: q.filters, fields: q.fields, populate: q.populate })`,
 * map the rows with `subscriptionToRecipient` / `contactToRecipient`, and keep those for which
 * `matchesSegment` holds (unless `exact`, when the rows are the recipients).
 */
export function segmentToStrapiFilters(segment: Segment, audience: CampaignAudience): SegmentQuery {
  const { db, exact } = combine(segment.match, segment.conditions.map(CONDITIONS[audience]));
  const invariant: StrapiFilters[] =
    audience === 'subscribers'
      ? [
          { subscriptionStatus: { $eq: 'confirmed' } },
          { $or: [{ bounceCount: { $null: true } }, { bounceCount: { $lt: BOUNCE_THRESHOLD } }] },
        ]
      : audience === 'contacts'
        ? [{ contactConsentAt: { $notNull: true } }]
        : [{ consentAt: { $notNull: true } }, { email: { $notNull: true } }];
  const matchesNothing = db === 'never';
  const parts = matchesNothing ? [NOTHING] : db === 'always' ? invariant : [...invariant, db];
  if (audience === 'subscribers') {
    return {
      uid: AUDIENCE_CONTENT_TYPES.subscribers,
      filters: { $and: parts },
      fields: [...SUBSCRIPTION_FIELDS],
      populate: { contact: { fields: [...SUBSCRIPTION_CONTACT_FIELDS] } },
      exact: exact || matchesNothing,
      matchesNothing,
    };
  }
  if (audience === 'network') {
    return {
      uid: AUDIENCE_CONTENT_TYPES.network,
      filters: { $and: parts },
      fields: [...NETWORK_FIELDS],
      populate: {},
      // Unsubscribes and bounces live on the address's subscription: decided in code.
      exact: matchesNothing,
      matchesNothing,
    };
  }
  return {
    uid: AUDIENCE_CONTENT_TYPES.contacts,
    filters: { $and: parts },
    fields: [...CONTACT_FIELDS],
    populate: { newsletterSubscriptions: { fields: [...CONTACT_SUBSCRIPTION_FIELDS] } },
    // Unsubscribes and bounces of a contact live on its linked subscriptions: decided in code.
    exact: matchesNothing,
    matchesNothing,
  };
}

// ---------------------------------------------------------------------------------------------
// Rows → recipient profiles
// ---------------------------------------------------------------------------------------------

const SUBSCRIPTION_FIELDS = [
  'email',
  'subscriptionStatus',
  'interests',
  'municipalities',
  'language',
  'bounceCount',
  'createdAt',
] as const;
const SUBSCRIPTION_CONTACT_FIELDS = [
  'firstName',
  'moveStatus',
  'children',
  'countyTie',
  'contactConsentAt',
] as const;
const CONTACT_FIELDS = [
  'email',
  'firstName',
  'language',
  'municipalities',
  'topics',
  'moveStatus',
  'children',
  'countyTie',
  'contactConsentAt',
  'createdAt',
] as const;
const CONTACT_SUBSCRIPTION_FIELDS = ['subscriptionStatus', 'bounceCount'] as const;
const NETWORK_FIELDS = [
  'email',
  'name',
  'kind',
  'municipality',
  'language',
  'consentAt',
  'createdAt',
] as const;

/** A newsletter-subscription row as loaded with `SegmentQuery.fields` and `populate`. */
export interface SubscriptionRow {
  email?: string | null;
  subscriptionStatus?: string | null;
  interests?: unknown;
  municipalities?: unknown;
  language?: string | null;
  bounceCount?: number | null;
  createdAt?: string | Date | null;
  /** Set if an erasure keeps the row (today erasure deletes it). */
  erasedAt?: string | Date | null;
  contact?: {
    firstName?: string | null;
    moveStatus?: string | null;
    children?: number | null;
    countyTie?: string | null;
    contactConsentAt?: string | Date | null;
  } | null;
}

/** A contact row as loaded with `SegmentQuery.fields` and `populate`. */
export interface ContactRow {
  email?: string | null;
  firstName?: string | null;
  language?: string | null;
  municipalities?: unknown;
  topics?: unknown;
  moveStatus?: string | null;
  children?: number | null;
  countyTie?: string | null;
  contactConsentAt?: string | Date | null;
  createdAt?: string | Date | null;
  erasedAt?: string | Date | null;
  newsletterSubscriptions?: { subscriptionStatus?: string | null; bounceCount?: number | null }[] | null;
}

/** A network-contact row as loaded with `SegmentQuery.fields`. */
export interface NetworkRow {
  email?: string | null;
  name?: string | null;
  kind?: string | null;
  municipality?: string | null;
  language?: string | null;
  consentAt?: string | Date | null;
  createdAt?: string | Date | null;
}

/** What the subscriptions of a network contact's address say, for the campaign's newsletter. */
export interface AddressSubscription {
  subscriptionStatus: string | null;
  bounceCount: number | null;
}

/** JSON columns are not typed by the database: keep only known slugs. */
function slugs<T extends string>(value: unknown, known: readonly T[]): T[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is T => typeof v === 'string' && (known as readonly string[]).includes(v));
}

function oneOf<T extends string>(value: unknown, known: readonly T[]): T | null {
  return typeof value === 'string' && (known as readonly string[]).includes(value) ? (value as T) : null;
}

export function subscriptionToRecipient(row: SubscriptionRow): SegmentRecipient {
  const contact = row.contact ?? null;
  return {
    audience: 'subscribers',
    email: row.email ?? '',
    firstName: contact?.firstName ?? null,
    language: oneOf(row.language, LOCALES) ?? 'sv',
    municipalities: slugs(row.municipalities, MUNICIPALITY_SLUGS),
    topics: slugs(row.interests, TOPICS.values),
    moveStatus: contact ? (oneOf(contact.moveStatus, CONTACT_STATUSES.values) ?? 'new') : null,
    registeredAt: row.createdAt ?? new Date(Number.NaN),
    hasChildren: contact ? (contact.children ?? 0) > 0 : null,
    countyTie: oneOf(contact?.countyTie, COUNTY_TIES.values),
    networkKind: null,
    newsletters: [],
    subscriptionStatus: oneOf(row.subscriptionStatus, SUBSCRIPTION_STATUSES.values),
    bounceCount: row.bounceCount ?? 0,
    contactConsent: Boolean(contact?.contactConsentAt),
    erased: Boolean(row.erasedAt),
  };
}

/**
 * A contact's subscription status is its linked subscriptions': an unsubscribe anywhere wins
 * (it is the person's word), then confirmed, then pending.
 */
function contactSubscriptionStatus(subs: ContactRow['newsletterSubscriptions']): SubscriptionStatus | null {
  const statuses = (subs ?? []).map((s) => s.subscriptionStatus);
  for (const status of ['unsubscribed', 'confirmed', 'pending'] as const) {
    if (statuses.includes(status)) return status;
  }
  return null;
}

export function contactToRecipient(row: ContactRow): SegmentRecipient {
  const subs = row.newsletterSubscriptions ?? [];
  return {
    audience: 'contacts',
    email: row.email ?? '',
    firstName: row.firstName ?? null,
    language: oneOf(row.language, LOCALES) ?? 'sv',
    municipalities: slugs(row.municipalities, MUNICIPALITY_SLUGS),
    topics: slugs(row.topics, TOPICS.values),
    moveStatus: oneOf(row.moveStatus, CONTACT_STATUSES.values) ?? 'new',
    registeredAt: row.createdAt ?? new Date(Number.NaN),
    hasChildren: (row.children ?? 0) > 0,
    countyTie: oneOf(row.countyTie, COUNTY_TIES.values),
    networkKind: null,
    newsletters: [],
    subscriptionStatus: contactSubscriptionStatus(subs),
    bounceCount: Math.max(0, ...subs.map((s) => s.bounceCount ?? 0)),
    contactConsent: Boolean(row.contactConsentAt),
    erased: Boolean(row.erasedAt),
  };
}

/**
 * A network contact as a recipient: the first word of its name greets, its one municipality is
 * its place; `subscription` is its address's subscription to the campaign's newsletter, if any
 * (a one-click unsubscribe from an earlier invitation left it `unsubscribed`).
 */
export function networkToRecipient(
  row: NetworkRow,
  subscription: AddressSubscription | null,
): SegmentRecipient {
  const municipality = oneOf(row.municipality, MUNICIPALITY_SLUGS);
  return {
    audience: 'network',
    email: row.email ?? '',
    firstName: row.name?.trim().split(/\s+/)[0] || null,
    language: oneOf(row.language, LOCALES) ?? 'sv',
    municipalities: municipality ? [municipality] : [],
    topics: [],
    moveStatus: null,
    registeredAt: row.createdAt ?? new Date(Number.NaN),
    hasChildren: null,
    countyTie: null,
    networkKind: oneOf(row.kind, NETWORK_KINDS.values),
    newsletters: [],
    subscriptionStatus: oneOf(subscription?.subscriptionStatus, SUBSCRIPTION_STATUSES.values),
    bounceCount: subscription?.bounceCount ?? 0,
    contactConsent: Boolean(row.consentAt),
    erased: false,
  };
}

import { z } from 'zod';
import { LOCALES, type Label, type Locale } from './labels';
import { MUNICIPALITY_SLUGS, municipalityName, type MunicipalitySlug } from './municipalities';
import { newsletterSlug } from './newsletters';
import {
  CONTACT_STATUSES,
  COUNTY_TIES,
  NETWORK_KINDS,
  type CampaignAudience,
  type ContactStatus,
  type CountyTie,
  type NetworkKind,
  type SubscriptionStatus,
} from './register';
import { stockholmInstant } from './time';
import { TOPICS, type Topic } from './topics';

/**
 * The segment language ("urval"): a small, typed, JSON-serialisable filter stored in
 * `newsletter-campaign.segment`. A segment is a list of conditions matched all together (`all`) or
 * any one of them (`any`); no conditions means the whole audience.
 *
 * Consent is not part of the language: whatever the segment says, `matchesSegment` and
 * `segmentToStrapiFilters` only ever select eligible recipients (see `exclusionReason`).
 */

/** Bounces counted against a subscription before the address is no longer mailed. */
export const BOUNCE_THRESHOLD = 3;
export const SEGMENT_MAX_CONDITIONS = 20;

// Refinement messages are keys into MESSAGES, so each issue can be shown in Swedish and English.
const ymd = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T12:00:00Z`)) && new Date(`${s}T12:00:00Z`).toISOString().startsWith(s),
    'date',
  );

function choice<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .array(z.enum(values))
    .min(1, 'empty')
    .max(values.length)
    .refine((list) => new Set(list).size === list.length, 'unique');
}

const conditionSchema = z.discriminatedUnion('kind', [
  /** Municipality of interest in [...]; `includeUnspecified` also takes those who chose none (the region's). */
  z.strictObject({
    kind: z.literal('municipality'),
    anyOf: choice(MUNICIPALITY_SLUGS),
    includeUnspecified: z.boolean().optional(),
  }),
  /** Topics (a subscriber's interests) contain any of [...]. */
  z.strictObject({ kind: z.literal('topics'), anyOf: choice(TOPICS.values) }),
  /** The contact's move status is one of [...]; a subscriber with no linked contact has none. */
  z.strictObject({ kind: z.literal('moveStatus'), anyOf: choice(CONTACT_STATUSES.values) }),
  /** Registered (contact) or signed up (subscription) between two Stockholm dates, inclusive. */
  z
    .strictObject({ kind: z.literal('registered'), from: ymd.optional(), to: ymd.optional() })
    .refine((c) => c.from !== undefined || c.to !== undefined, 'range-missing')
    .refine((c) => !c.from || !c.to || c.from <= c.to, 'range-order'),
  /** The household has children (unknown for a subscriber with no linked contact: never matches). */
  z.strictObject({ kind: z.literal('hasChildren'), value: z.boolean() }),
  z.strictObject({ kind: z.literal('language'), anyOf: choice(LOCALES) }),
  /**
   * Has a confirmed subscription to any newsletter (in the subscribers audience: to the campaign's,
   * which every recipient has).
   */
  z.strictObject({ kind: z.literal('subscriptionConfirmed'), value: z.boolean() }),
  /** Has moved here (move status `moved`); `value: false` is "has not moved". */
  z.strictObject({ kind: z.literal('hasMoved'), value: z.boolean() }),
  /** The household's tie to the county (returners, seasonal residents); unknown never matches. */
  z.strictObject({ kind: z.literal('countyTie'), anyOf: choice(COUNTY_TIES.values) }),
  /** The address has a confirmed subscription to any of these newsletters (by slug). */
  z.strictObject({
    kind: z.literal('newsletter'),
    anyOf: z
      .array(newsletterSlug)
      .min(1, 'empty')
      .max(SEGMENT_MAX_CONDITIONS)
      .refine((list) => new Set(list).size === list.length, 'unique'),
  }),
  /** The network contact's kind (ambassadors, coworking hosts…); only network contacts have one. */
  z.strictObject({ kind: z.literal('networkKind'), anyOf: choice(NETWORK_KINDS.values) }),
]);

export const segmentSchema = z.strictObject({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(conditionSchema).max(SEGMENT_MAX_CONDITIONS).default([]),
});

export type SegmentCondition = z.output<typeof conditionSchema>;
export type SegmentConditionKind = SegmentCondition['kind'];
export type Segment = z.output<typeof segmentSchema>;
export type SegmentInput = z.input<typeof segmentSchema>;

/** The whole audience: what a campaign with no stored segment gets. */
export const EVERYONE: Segment = { match: 'all', conditions: [] };

// ---------------------------------------------------------------------------------------------
// Parsing with readable errors
// ---------------------------------------------------------------------------------------------

export interface SegmentIssue {
  /** e.g. "conditions.1.anyOf.0" */
  path: string;
  message: Label;
}

export type SegmentParseResult =
  { success: true; segment: Segment } | { success: false; issues: SegmentIssue[] };

const MESSAGES: Record<string, Label> = {
  date: { sv: 'Ange datum som ÅÅÅÅ-MM-DD.', en: 'Give dates as YYYY-MM-DD.' },
  empty: { sv: 'Välj minst ett värde.', en: 'Choose at least one value.' },
  unique: { sv: 'Välj varje värde en gång.', en: 'Choose each value once.' },
  'range-missing': {
    sv: 'Ange ett startdatum, ett slutdatum eller båda.',
    en: 'Give a start date, an end date or both.',
  },
  'range-order': { sv: 'Startdatumet måste vara före slutdatumet.', en: 'The start date must come first.' },
  kind: {
    sv: `Okänd villkorstyp. Giltiga typer: ${conditionKinds().join(', ')}.`,
    en: `Unknown kind of condition. Valid kinds: ${conditionKinds().join(', ')}.`,
  },
  keys: { sv: 'Villkoret innehåller okända fält.', en: 'The condition contains unknown fields.' },
  type: { sv: 'Fel format.', en: 'Wrong format.' },
  shape: { sv: 'Urvalet måste vara ett objekt.', en: 'The segment must be an object.' },
};

function conditionKinds(): string[] {
  return conditionSchema.options.map((o) => o.shape.kind.value);
}

function issueMessage(issue: z.core.$ZodIssue): Label {
  if (issue.code === 'custom' && MESSAGES[issue.message]) return MESSAGES[issue.message];
  if (issue.code === 'invalid_format' && issue.message === 'date') return MESSAGES.date;
  if (issue.code === 'invalid_union') return MESSAGES.kind;
  if (issue.code === 'invalid_value') {
    const values = issue.values.map(String).join(', ');
    return { sv: `Okänt värde. Välj bland: ${values}.`, en: `Unknown value. Choose among: ${values}.` };
  }
  if (issue.code === 'too_small') return MESSAGES.empty;
  if (issue.code === 'too_big') {
    return { sv: `Högst ${issue.maximum} val.`, en: `At most ${issue.maximum} choices.` };
  }
  if (issue.code === 'unrecognized_keys') return MESSAGES.keys;
  if (issue.path.length === 0) return MESSAGES.shape;
  return MESSAGES.type;
}

/** Prefixes "Villkor 2:" so the admin can point at the condition that is wrong. */
function withCondition(path: PropertyKey[], message: Label): Label {
  if (path[0] !== 'conditions' || typeof path[1] !== 'number') return message;
  const n = path[1] + 1;
  return { sv: `Villkor ${n}: ${message.sv}`, en: `Condition ${n}: ${message.en}` };
}

/** Validates a stored or edited segment; `null`/`undefined` (no segment) is the whole audience. */
export function safeParseSegment(value: unknown): SegmentParseResult {
  if (value === null || value === undefined) return { success: true, segment: EVERYONE };
  const parsed = segmentSchema.safeParse(value);
  if (parsed.success) return { success: true, segment: parsed.data };
  return {
    success: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: withCondition(issue.path, issueMessage(issue)),
    })),
  };
}

export class SegmentError extends Error {
  constructor(readonly issues: SegmentIssue[]) {
    super(`Ogiltigt urval: ${issues.map((i) => i.message.sv).join(' ')}`);
    this.name = 'SegmentError';
  }
}

/** Like `safeParseSegment`, throwing a `SegmentError` whose message is in Swedish. */
export function parseSegment(value: unknown): Segment {
  const result = safeParseSegment(value);
  if (!result.success) throw new SegmentError(result.issues);
  return result.segment;
}

// ---------------------------------------------------------------------------------------------
// The recipient profile and the evaluator
// ---------------------------------------------------------------------------------------------

/** What the segment language reads about one recipient of either audience. */
export interface SegmentRecipient {
  /** Which register the recipient comes from: a subscription, a contact or a network contact. */
  audience: CampaignAudience;
  email: string;
  firstName: string | null;
  language: Locale;
  /** Municipalities of interest; empty means the whole region. */
  municipalities: readonly MunicipalitySlug[];
  /** Topics of guidance (a contact) or interests (a subscription). */
  topics: readonly Topic[];
  /** The (linked) contact's move status; null for a subscriber with no linked contact. */
  moveStatus: ContactStatus | null;
  /** When the contact registered or the subscription was made. */
  registeredAt: Date | string;
  /** null when unknown (a subscriber with no linked contact). */
  hasChildren: boolean | null;
  /** The (linked) contact's tie to the county; null when unknown. */
  countyTie: CountyTie | null;
  /** A network contact's kind; null for everyone else. */
  networkKind: NetworkKind | null;
  /**
   * Slugs of the newsletters the address confirmed. Loaded only for a segment with a `newsletter`
   * or `subscriptionConfirmed` condition (the selection reads every subscription of the page's
   * addresses); else empty.
   */
  newsletters: readonly string[];
  /** The subscription's status (a contact: of its linked subscription), null when there is none. */
  subscriptionStatus: SubscriptionStatus | null;
  bounceCount: number;
  /** The contact (or network contact) consented to be contacted (`contactConsentAt`, `consentAt`). */
  contactConsent: boolean;
  /** The person's data was erased on request: never mailed again. */
  erased: boolean;
}

export type ExclusionReason = 'erased' | 'unsubscribed' | 'bounced' | 'not-confirmed' | 'no-consent';

/**
 * Why a recipient may not be mailed at all, or null. This is the consent invariant, applied before
 * any segment condition: unsubscribed, bounced and erased addresses never; subscribers only when
 * confirmed; contacts only with consent to be contacted.
 */
export function exclusionReason(recipient: SegmentRecipient): ExclusionReason | null {
  if (recipient.erased || recipient.email.trim() === '') return 'erased';
  if (recipient.subscriptionStatus === 'unsubscribed') return 'unsubscribed';
  if (recipient.bounceCount >= BOUNCE_THRESHOLD) return 'bounced';
  if (recipient.audience === 'subscribers' && recipient.subscriptionStatus !== 'confirmed')
    return 'not-confirmed';
  if (recipient.audience !== 'subscribers' && !recipient.contactConsent) return 'no-consent';
  return null;
}

/** A Stockholm calendar day's first and last millisecond, as the segment language bounds dates. */
export function dayStart(ymdValue: string): number {
  return stockholmInstant(ymdValue, '00:00:00.000').getTime();
}
export function dayEnd(ymdValue: string): number {
  return stockholmInstant(ymdValue, '23:59:59.999').getTime();
}

export function matchesCondition(recipient: SegmentRecipient, condition: SegmentCondition): boolean {
  switch (condition.kind) {
    case 'municipality':
      return (
        recipient.municipalities.some((m) => condition.anyOf.includes(m)) ||
        (condition.includeUnspecified === true && recipient.municipalities.length === 0)
      );
    case 'topics':
      return recipient.topics.some((t) => condition.anyOf.includes(t));
    case 'moveStatus':
      return recipient.moveStatus !== null && condition.anyOf.includes(recipient.moveStatus);
    case 'registered': {
      const at = new Date(recipient.registeredAt).getTime();
      if (Number.isNaN(at)) return false;
      return (
        (!condition.from || at >= dayStart(condition.from)) && (!condition.to || at <= dayEnd(condition.to))
      );
    }
    case 'hasChildren':
      return recipient.hasChildren === condition.value;
    case 'language':
      return condition.anyOf.includes(recipient.language);
    case 'subscriptionConfirmed':
      // A subscriber is confirmed to the campaign's own newsletter; anyone else (a contact, a
      // network contact, mailed on a list they never joined) by their address's newsletters.
      return (
        (recipient.audience === 'subscribers'
          ? recipient.subscriptionStatus === 'confirmed'
          : recipient.newsletters.length > 0) === condition.value
      );
    case 'hasMoved':
      return (recipient.moveStatus === 'moved') === condition.value;
    case 'countyTie':
      return recipient.countyTie !== null && condition.anyOf.includes(recipient.countyTie);
    case 'newsletter':
      return recipient.newsletters.some((n) => condition.anyOf.includes(n));
    case 'networkKind':
      return recipient.networkKind !== null && condition.anyOf.includes(recipient.networkKind);
  }
}

/** Whether selecting a segment needs each address's confirmed newsletters (`SegmentRecipient.newsletters`). */
export function segmentReadsNewsletters(segment: Segment): boolean {
  return segment.conditions.some((c) => c.kind === 'newsletter' || c.kind === 'subscriptionConfirmed');
}

/** Whether a recipient is eligible (see `exclusionReason`) and selected by the segment. */
export function matchesSegment(recipient: SegmentRecipient, segment: Segment): boolean {
  if (exclusionReason(recipient) !== null) return false;
  if (segment.conditions.length === 0) return true;
  return segment.match === 'all'
    ? segment.conditions.every((c) => matchesCondition(recipient, c))
    : segment.conditions.some((c) => matchesCondition(recipient, c));
}

// ---------------------------------------------------------------------------------------------
// Description for the admin
// ---------------------------------------------------------------------------------------------

const WORDS = {
  sv: {
    or: 'eller',
    everyone: 'Alla i målgruppen',
    all: 'Mottagare som uppfyller alla villkor',
    any: 'Mottagare som uppfyller minst ett villkor',
    municipality: 'kommun av intresse är',
    unspecified: 'eller ingen vald kommun',
    topics: 'intresserad av',
    moveStatus: 'status är',
    registered: 'registrerad',
    from: 'från och med',
    to: 'till och med',
    children: 'hushåll med barn',
    noChildren: 'hushåll utan barn',
    language: 'språk är',
    confirmed: 'bekräftad prenumeration på nyhetsbrevet',
    notConfirmed: 'ingen bekräftad prenumeration på nyhetsbrevet',
    moved: 'har flyttat hit',
    notMoved: 'har inte flyttat hit',
    countyTie: 'band till länet:',
    newsletter: 'bekräftad prenumerant på',
    networkKind: 'nätverkskontakt av typen',
    languages: { sv: 'svenska', en: 'engelska' },
  },
  en: {
    or: 'or',
    everyone: 'Everyone in the audience',
    all: 'Recipients meeting all conditions',
    any: 'Recipients meeting at least one condition',
    municipality: 'municipality of interest is',
    unspecified: 'or no municipality chosen',
    topics: 'interested in',
    moveStatus: 'status is',
    registered: 'registered',
    from: 'from',
    to: 'until',
    children: 'household with children',
    noChildren: 'household without children',
    language: 'language is',
    confirmed: 'confirmed newsletter subscription',
    notConfirmed: 'no confirmed newsletter subscription',
    moved: 'has moved here',
    notMoved: 'has not moved here',
    countyTie: 'tie to the county:',
    newsletter: 'confirmed subscriber to',
    networkKind: 'network contact of the kind',
    languages: { sv: 'Swedish', en: 'English' },
  },
} as const;

function orList(items: string[], locale: Locale): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${WORDS[locale].or} ${items[items.length - 1]}`;
}

/** Names for what the segment stores by slug (newsletters are content, not a vocabulary). */
export interface SegmentNames {
  newsletters?: Readonly<Record<string, string>>;
}

export function describeCondition(
  c: SegmentCondition,
  locale: Locale = 'sv',
  names: SegmentNames = {},
): string {
  const w = WORDS[locale];
  switch (c.kind) {
    case 'municipality':
      return `${w.municipality} ${orList(c.anyOf.map(municipalityName), locale)}${c.includeUnspecified ? ` ${w.unspecified}` : ''}`;
    case 'topics':
      return `${w.topics} ${orList(
        c.anyOf.map((t) => TOPICS.labels[t][locale].toLocaleLowerCase(locale)),
        locale,
      )}`;
    case 'moveStatus':
      return `${w.moveStatus} ${orList(
        c.anyOf.map((s) => CONTACT_STATUSES.labels[s][locale].toLocaleLowerCase(locale)),
        locale,
      )}`;
    case 'registered': {
      const parts = [c.from ? `${w.from} ${c.from}` : '', c.to ? `${w.to} ${c.to}` : ''].filter(Boolean);
      return `${w.registered} ${parts.join(' ')}`;
    }
    case 'hasChildren':
      return c.value ? w.children : w.noChildren;
    case 'language':
      return `${w.language} ${orList(
        c.anyOf.map((l) => w.languages[l]),
        locale,
      )}`;
    case 'subscriptionConfirmed':
      return c.value ? w.confirmed : w.notConfirmed;
    case 'hasMoved':
      return c.value ? w.moved : w.notMoved;
    case 'countyTie':
      return `${w.countyTie} ${orList(
        c.anyOf.map((t) => COUNTY_TIES.labels[t][locale].toLocaleLowerCase(locale)),
        locale,
      )}`;
    case 'newsletter':
      return `${w.newsletter} ${orList(
        c.anyOf.map((slug) => names.newsletters?.[slug] ?? slug),
        locale,
      )}`;
    case 'networkKind':
      return `${w.networkKind} ${orList(
        c.anyOf.map((k) => NETWORK_KINDS.labels[k][locale].toLocaleLowerCase(locale)),
        locale,
      )}`;
  }
}

/** A one-line description of a segment for the admin, e.g. "Mottagare som uppfyller alla villkor: …". */
export function describeSegment(segment: Segment, locale: Locale = 'sv', names: SegmentNames = {}): string {
  const w = WORDS[locale];
  if (segment.conditions.length === 0) return `${w.everyone}.`;
  return `${segment.match === 'all' ? w.all : w.any}: ${segment.conditions
    .map((c) => describeCondition(c, locale, names))
    .join('; ')}.`;
}

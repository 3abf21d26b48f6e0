import { defineOptions } from './labels';

/** Vocabulary of the contact register (see docs/glossary.md). */

export const CONTACT_STATUSES = defineOptions({
  new: { sv: 'Ny', en: 'New' },
  contacted: { sv: 'Kontaktad', en: 'Contacted' },
  'in-dialog': { sv: 'I dialog', en: 'In dialog' },
  moved: { sv: 'Flyttat hit', en: 'Moved here' },
  'not-moving': { sv: 'Flyttar inte', en: 'Not moving' },
  closed: { sv: 'Avslutad', en: 'Closed' },
});
export type ContactStatus = (typeof CONTACT_STATUSES.values)[number];

export const PREFERRED_CHANNELS = defineOptions({
  email: { sv: 'E-post', en: 'E-mail' },
  phone: { sv: 'Telefon', en: 'Phone' },
});
export type PreferredChannel = (typeof PREFERRED_CHANNELS.values)[number];

/** The household's tie to the county: returners and seasonal residents are target groups of their own. */
export const COUNTY_TIES = defineOptions({
  none: { sv: 'Ingen', en: 'None' },
  'lived-here-before': { sv: 'Har bott här tidigare', en: 'Lived here before' },
  'family-here': { sv: 'Har familj här', en: 'Family here' },
  seasonal: { sv: 'Säsongsboende eller fritidshus', en: 'Seasonal or second home' },
});
export type CountyTie = (typeof COUNTY_TIES.values)[number];

export const MOVE_TIMES = defineOptions({
  'within-6-months': { sv: 'Inom sex månader', en: 'Within six months' },
  'within-a-year': { sv: 'Inom ett år', en: 'Within a year' },
  'within-2-years': { sv: 'Inom två år', en: 'Within two years' },
  undecided: { sv: 'Vet inte än', en: 'Not decided yet' },
});
export type MoveTime = (typeof MOVE_TIMES.values)[number];

export const CONTACT_SOURCES = defineOptions({
  portal: { sv: 'Portalen', en: 'The portal' },
  'municipal-site': { sv: 'En kommuns webbplats', en: "A municipality's website" },
  event: { sv: 'Evenemang', en: 'Event' },
  // A contact a guide or the coordinator entered in the admin (after a call, a fair, a letter).
  staff: { sv: 'Inlagd av personal', en: 'Entered by staff' },
});
export type ContactSource = (typeof CONTACT_SOURCES.values)[number];
/** The sources a registration form may state: `staff` is only the admin's own default. */
export const FORM_SOURCES = ['portal', 'municipal-site', 'event'] as const satisfies readonly ContactSource[];

export const ACTIVITY_KINDS = defineOptions({
  call: { sv: 'Samtal', en: 'Call' },
  email: { sv: 'E-post', en: 'E-mail' },
  meeting: { sv: 'Möte', en: 'Meeting' },
  note: { sv: 'Anteckning', en: 'Note' },
  newsletter: { sv: 'Nyhetsbrev', en: 'Newsletter' },
  system: { sv: 'System', en: 'System' },
});
export type ActivityKind = (typeof ACTIVITY_KINDS.values)[number];

export const ORDER_STATUSES = defineOptions({
  new: { sv: 'Ny', en: 'New' },
  exported: { sv: 'Exporterad', en: 'Exported' },
  shipped: { sv: 'Skickad', en: 'Shipped' },
});
export type OrderStatus = (typeof ORDER_STATUSES.values)[number];

export const SUBSCRIPTION_STATUSES = defineOptions({
  pending: { sv: 'Väntar på bekräftelse', en: 'Pending' },
  confirmed: { sv: 'Bekräftad', en: 'Confirmed' },
  unsubscribed: { sv: 'Avregistrerad', en: 'Unsubscribed' },
});
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES.values)[number];

/** The programme's networks: whom the guides and the coordinator keep in the register beside movers. */
export const NETWORK_KINDS = defineOptions({
  ambassador: { sv: 'Ortsambassadör', en: 'Place ambassador' },
  'coworking-host': { sv: 'Coworkingvärd', en: 'Coworking host' },
  employer: { sv: 'Arbetsgivare', en: 'Employer' },
  'recruitment-company': { sv: 'Rekryteringsföretag', en: 'Recruitment company' },
  other: { sv: 'Annat', en: 'Other' },
});
export type NetworkKind = (typeof NETWORK_KINDS.values)[number];

/** A sign-up to an event: a place, in line for one, or called off (by the person). */
export const EVENT_REGISTRATION_STATUSES = defineOptions({
  confirmed: { sv: 'Bekräftad', en: 'Confirmed' },
  waitlisted: { sv: 'På väntelistan', en: 'On the waiting list' },
  cancelled: { sv: 'Avbruten', en: 'Cancelled' },
});
export type EventRegistrationStatus = (typeof EVENT_REGISTRATION_STATUSES.values)[number];

export const CAMPAIGN_STATUSES = defineOptions({
  draft: { sv: 'Utkast', en: 'Draft' },
  scheduled: { sv: 'Schemalagd', en: 'Scheduled' },
  sending: { sv: 'Skickas', en: 'Sending' },
  paused: { sv: 'Pausad', en: 'Paused' },
  sent: { sv: 'Skickad', en: 'Sent' },
  cancelled: { sv: 'Avbruten', en: 'Cancelled' },
});
export type CampaignStatus = (typeof CAMPAIGN_STATUSES.values)[number];

export const CAMPAIGN_AUDIENCES = defineOptions({
  subscribers: { sv: 'Bekräftade prenumeranter', en: 'Confirmed subscribers' },
  contacts: { sv: 'Kontakter som samtyckt till kontakt', en: 'Contacts who consented to contact' },
  network: {
    sv: 'Nätverkskontakter som samtyckt till kontakt',
    en: 'Network contacts who consented to contact',
  },
});
export type CampaignAudience = (typeof CAMPAIGN_AUDIENCES.values)[number];

export const DELIVERY_STATUSES = defineOptions({
  queued: { sv: 'I kö', en: 'Queued' },
  sent: { sv: 'Skickad', en: 'Sent' },
  failed: { sv: 'Misslyckad', en: 'Failed' },
  skipped: { sv: 'Överhoppad', en: 'Skipped' },
});
export type DeliveryStatus = (typeof DELIVERY_STATUSES.values)[number];

/** Magazine orders are bounded so one order cannot empty the print run. */
export const MAGAZINE_ORDER_MAX_QUANTITY = 10;

export const OUTBOX_STATUSES = defineOptions({
  pending: { sv: 'Väntar', en: 'Pending' },
  sent: { sv: 'Skickad', en: 'Sent' },
  failed: { sv: 'Misslyckad', en: 'Failed' },
  suppressed: { sv: 'Ej skickad: spärrad adress', en: 'Not sent: suppressed address' },
});
export type OutboxStatus = (typeof OUTBOX_STATUSES.values)[number];

/** What the anonymous register log records: the yearly purge and the per-person rights. */
export const AUDIT_ACTIONS = defineOptions({
  purge: { sv: 'Gallring', en: 'Purge' },
  'person-export': { sv: 'Utdrag av personuppgifter', en: 'Personal data export' },
  'person-erase': { sv: 'Radering av personuppgifter', en: 'Personal data erasure' },
});
export type AuditAction = (typeof AUDIT_ACTIONS.values)[number];

/** The consent log: what a person agreed to (or took back), when, how, and by whose hand. */
export const CONSENT_KINDS = defineOptions({
  contact: { sv: 'Kontakt', en: 'Contact' },
  newsletter: { sv: 'Nyhetsbrev', en: 'Newsletter' },
});
export type ConsentKind = (typeof CONSENT_KINDS.values)[number];
export const CONSENT_EVENTS = defineOptions({
  given: { sv: 'Givet', en: 'Given' },
  withdrawn: { sv: 'Återkallat', en: 'Withdrawn' },
});
export type ConsentEvent = (typeof CONSENT_EVENTS.values)[number];
export const CONSENT_SOURCES = defineOptions({
  form: { sv: 'Formulär', en: 'Form' },
  link: { sv: 'Länk i mejl', en: 'Link in an e-mail' },
  guide: { sv: 'Flyttvägledare i telefon', en: 'Relocation guide on the phone' },
  admin: { sv: 'Samordnare i admin', en: 'Coordinator in the admin' },
  migration: { sv: 'Från tidigare version', en: 'From an earlier version' },
  // What came back by mail (cms/src/inbound): no person on our side did it.
  // (Read after "via": "återkallat via mejl till avregistreringsadressen".)
  'unsubscribe-mail': { sv: 'Mejl till avregistreringsadressen', en: 'E-mail to the unsubscribe address' },
  'spam-report': { sv: 'Spamanmälan i mottagarens e-post', en: "Spam report in the recipient's e-mail" },
});
export type ConsentSource = (typeof CONSENT_SOURCES.values)[number];

/** Which way a mail on the contact card went: from the person, or to them. */
export const ACTIVITY_DIRECTIONS = defineOptions({
  in: { sv: 'Inkommande', en: 'Incoming' },
  out: { sv: 'Utgående', en: 'Outgoing' },
});
export type ActivityDirection = (typeof ACTIVITY_DIRECTIONS.values)[number];

/** Inbound mail a person has to look at: matched to no one, or that could not be processed. */
export const INBOUND_OUTCOMES = defineOptions({
  review: { sv: 'Att granska', en: 'To review' },
  quarantine: { sv: 'I karantän', en: 'Quarantined' },
});
export type InboundOutcome = (typeof INBOUND_OUTCOMES.values)[number];

/** Why no mail goes to an address any more. */
export const SUPPRESSION_REASONS = defineOptions({
  'hard-bounce': { sv: 'Permanent studs', en: 'Hard bounce' },
  'soft-bounces': { sv: 'Upprepade tillfälliga studsar', en: 'Repeated soft bounces' },
  complaint: { sv: 'Spamanmälan', en: 'Spam complaint' },
  manual: { sv: 'Spärrad för hand', en: 'Blocked by hand' },
});
export type SuppressionReason = (typeof SUPPRESSION_REASONS.values)[number];

/** What happened to a blocked address, as its history tells it (the admin's panel, a person's extract). */
export const SUPPRESSION_EVENTS = defineOptions({
  suppressed: { sv: 'Spärrad', en: 'Blocked' },
  'soft-bounce': { sv: 'Tillfällig studs räknad', en: 'Soft bounce counted' },
  lifted: { sv: 'Spärren hävd', en: 'Block lifted' },
});
export type SuppressionEventKind = (typeof SUPPRESSION_EVENTS.values)[number];

/** A bounce as a delivery's statistics count it. */
export const BOUNCE_KINDS = defineOptions({
  hard: { sv: 'Permanent', en: 'Hard' },
  soft: { sv: 'Tillfällig', en: 'Soft' },
});
export type BounceKind = (typeof BOUNCE_KINDS.values)[number];

/** Activities that are a dialog with the household: the first one answers the contact. */
export const RESPONSE_ACTIVITY_KINDS = [
  'call',
  'email',
  'meeting',
] as const satisfies readonly ActivityKind[];
/** What a guide logs on the contact card by hand. */
export const GUIDE_ACTIVITY_KINDS = [
  'call',
  'email',
  'meeting',
  'note',
] as const satisfies readonly ActivityKind[];

/** Statuses that end the work on a contact: it leaves every queue. */
export const CLOSED_CONTACT_STATUSES = [
  'moved',
  'not-moving',
  'closed',
] as const satisfies readonly ContactStatus[];

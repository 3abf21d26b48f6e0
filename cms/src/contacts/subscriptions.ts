import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  CONSENTS,
  COUNTY_NEWSLETTER,
  normalizeEmail,
  SUBSCRIPTION_STATUSES,
  type Label,
  type Locale,
  type MunicipalitySlug,
  type ConsentEvent,
  type ConsentSource,
  type Subscription,
  type SubscriptionStatus,
  type Topic,
} from '@tasteget/shared';
import { logActivity, type ContactRef } from './activities';
import { recordConsent } from './consent-log';
import { findContact } from './contacts';
import { alreadySubscribed, subscriptionConfirmation } from '../mail/mails';
import { enqueueMail, wakeMailQueue } from '../mail/outbox';
import { environment } from '../platform/environment';
import { inEmailTransaction } from '../platform/transaction';
import { SUBSCRIPTION } from '../platform/content-types';
import { countyNewsletter, newsletterBySlug, newsletterName, type NewsletterRow } from './newsletters';
import type { OwnIndex } from '../platform/own-tables';

/**
 * Newsletter subscriptions: double opt-in (pending until the link's page is confirmed) and an
 * unsubscribe that acts at once. Tokens are random and unguessable, never ids.
 */

/**
 * The mail links look a subscription up by its token (on every one-click unsubscribe); the rest
 * of the platform by address (a campaign's recipients and statistics, a complaint, the
 * preference centre).
 */
export const SUBSCRIPTION_INDEXES: readonly OwnIndex[] = [
  { uid: SUBSCRIPTION, fields: ['unsubscribeToken'] },
  { uid: SUBSCRIPTION, fields: ['confirmToken'] },
  { uid: SUBSCRIPTION, fields: ['email'] },
];

/** A random, unguessable token (confirm and unsubscribe links). */
export const newToken = () => randomBytes(32).toString('base64url');

type SubscriptionRow = {
  documentId: string;
  createdAt: string;
  confirmSentAt: string | null;
  subscriptionStatus: string;
  confirmToken: string;
  unsubscribeToken: string;
  language: Locale;
};

/** A newsletter the form named that does not exist or is not offered to everyone. */
export class UnknownNewsletterError extends Error {
  constructor() {
    super('No such newsletter is offered');
    this.name = 'UnknownNewsletterError';
  }
}

/** The newsletters a form asked for: the county's when it named none. */
export async function offeredNewsletters(
  strapi: Core.Strapi,
  slugs: readonly string[],
): Promise<NewsletterRow[]> {
  if (slugs.length === 0) return [await countyNewsletter(strapi)];
  const rows: NewsletterRow[] = [];
  for (const slug of new Set(slugs)) {
    const row = await newsletterBySlug(strapi, slug);
    if (!row?.listed) throw new UnknownNewsletterError();
    rows.push(row);
  }
  return rows;
}

/** One person's subscription to one newsletter, or null. */
export async function subscriptionOf(strapi: Core.Strapi, email: string, newsletterId: number) {
  return (await strapi.db.query(SUBSCRIPTION).findOne({
    where: { email, newsletter: { id: newsletterId } },
  })) as
    | (SubscriptionRow & { id: number; interests: Topic[] | null; municipalities: MunicipalitySlug[] | null })
    | null;
}

/**
 * A subscription to each of `newsletters`: a confirmed one stays as it is, any other becomes
 * pending. The pending ones of one request share a confirm token, so one mail with
 * one button confirms them; each keeps its own opt-in state from then on.
 */
export async function createOrRenewSubscription(
  strapi: Core.Strapi,
  input: { email: string; interests: Topic[]; municipalities: MunicipalitySlug[]; language: Locale },
  newsletters: readonly NewsletterRow[],
  contact: (ContactRef & { documentId: string }) | null | undefined,
  now: Date,
): Promise<'pending' | 'already-confirmed'> {
  const consent = { consentAt: now, consentVersion: CONSENTS.newsletter.version };
  const confirmToken = newToken();
  const pending: NewsletterRow[] = [];
  let replyVia = '';
  for (const newsletter of newsletters) {
    await recordConsent(strapi, {
      email: input.email,
      contactId: contact?.id,
      kind: 'newsletter',
      event: 'given',
      textVersion: CONSENTS.newsletter.version,
      source: 'form',
      newsletter,
      at: now,
    });
    const existing = await subscriptionOf(strapi, input.email, newsletter.id);
    if (existing?.subscriptionStatus === 'confirmed') {
      // A public form proves nothing about who sent it: a confirmed subscription's interests and
      // language change only through its owner's preferences link, which the owner is mailed.
      if (contact) {
        await strapi.db
          .query(SUBSCRIPTION)
          .update({ where: { id: existing.id }, data: { contact: contact.id } });
      }
      continue;
    }
    const data = {
      email: input.email,
      newsletter: newsletter.id,
      subscriptionStatus: 'pending',
      interests: input.interests,
      municipalities: input.municipalities,
      language: input.language,
      confirmToken,
      confirmSentAt: now,
      unsubscribeToken: existing?.unsubscribeToken ?? newToken(),
      unsubscribedAt: null,
      ...consent,
      ...(contact ? { contact: contact.id } : {}),
    };
    const saved = (
      existing
        ? await strapi.db.query(SUBSCRIPTION).update({ where: { id: existing.id }, data })
        : await strapi.db.query(SUBSCRIPTION).create({ data: { ...data, publishedAt: now } })
    ) as { documentId: string };
    replyVia ||= saved.documentId;
    pending.push(newsletter);
  }
  if (pending.length === 0) return 'already-confirmed';

  await enqueueMail(
    strapi,
    subscriptionConfirmation({
      email: input.email,
      confirmToken,
      language: input.language,
      newsletters: pending.map((n) => newsletterName(n, input.language)),
      conversation: contact?.documentId,
      subscriptionDocumentId: replyVia,
    }),
    contact?.id,
  );
  if (contact) {
    await logActivity(strapi, contact, {
      kind: 'newsletter',
      at: now,
      summary: `Anmälde sig till ${pending.map((n) => n.name).join(', ')} (väntar på bekräftelse).`,
    });
  }
  return 'pending';
}

export async function subscribe(strapi: Core.Strapi, input: Subscription, now = new Date()) {
  const email = normalizeEmail(input.email);
  const newsletters = await offeredNewsletters(strapi, input.newsletters);
  return inEmailTransaction(strapi, email, async (afterCommit) => {
    const contact = await findContact(strapi, email);
    const outcome = await createOrRenewSubscription(
      strapi,
      { email, interests: input.interests, municipalities: input.municipalities, language: input.language },
      newsletters,
      contact,
      now,
    );
    if (outcome === 'already-confirmed') {
      const existing = await subscriptionOf(strapi, email, newsletters[0].id);
      await enqueueMail(
        strapi,
        // In the language the owner chose, not the one the form was sent in.
        alreadySubscribed({
          email,
          language: existing!.language,
          newsletters: newsletters.map((n) => newsletterName(n, existing!.language)),
          preferencesToken: existing!.unsubscribeToken,
        }),
        contact?.id,
      );
    }
    afterCommit(wakeMailQueue);
    return outcome;
  });
}

type NewsletterRef = { id: number; documentId: string; slug: string; name: string; nameEn: string | null };
type TokenSubscription = SubscriptionRow & {
  id: number;
  email: string;
  consentVersion?: string | null;
  contact: { id: number; documentId: string } | null;
  newsletter: NewsletterRef | null;
};

const TOKEN_POPULATE = {
  contact: { select: ['id', 'documentId'] },
  newsletter: { select: ['id', 'documentId', 'slug', 'name', 'nameEn'] },
};

// The query engine, not the document service: a one-click unsubscribe is a hot public path
// (a mailbox provider sends thousands a minute), and register types have no drafts.
async function subscriptionsByToken(
  strapi: Core.Strapi,
  field: 'confirmToken' | 'unsubscribeToken',
  token: string,
): Promise<TokenSubscription[]> {
  return (await strapi.db.query(SUBSCRIPTION).findMany({
    where: { [field]: token },
    populate: TOKEN_POPULATE,
    orderBy: { id: 'asc' },
  })) as TokenSubscription[];
}

/** The subscriptions one opt-in mail asked to confirm (one per newsletter), oldest first. */
export async function subscriptionsForConfirmToken(strapi: Core.Strapi, token: string) {
  return subscriptionsByToken(strapi, 'confirmToken', token);
}
/** The one subscription a newsletter's unsubscribe link ends. */
export async function subscriptionForUnsubscribeToken(strapi: Core.Strapi, token: string) {
  return (await subscriptionsByToken(strapi, 'unsubscribeToken', token))[0] ?? null;
}

/** The newsletters of some subscriptions by name, as a page or mail says them. */
export function newsletterNames(subscriptions: readonly { newsletter: NewsletterRef | null }[]): Label {
  const names = (language: Locale) =>
    subscriptions
      .map((s) => (s.newsletter ? newsletterName(s.newsletter, language) : COUNTY_NEWSLETTER.name))
      .join(', ');
  return { sv: names('sv'), en: names('en') };
}

/**
 * Moves a subscription to a new status, logs it on the linked contact's card and, when consent was
 * given or withdrawn, in the consent log.
 */
async function changeSubscription(
  strapi: Core.Strapi,
  subscription: TokenSubscription,
  data: Record<string, unknown>,
  summary: string,
  now: Date,
  consent?: { event: ConsentEvent; source: ConsentSource; recordedBy?: string },
): Promise<Locale> {
  return inEmailTransaction(strapi, subscription.email, async () => {
    await strapi.db.query(SUBSCRIPTION).update({ where: { id: subscription.id }, data });
    if (subscription.contact) {
      await logActivity(
        strapi,
        subscription.contact,
        { kind: 'newsletter', at: now, summary },
        { leaving: consent?.event === 'withdrawn' },
      );
    }
    if (consent) {
      await recordConsent(strapi, {
        email: subscription.email,
        contactId: subscription.contact?.id,
        kind: 'newsletter',
        textVersion: subscription.consentVersion ?? null,
        newsletter: subscription.newsletter,
        at: now,
        ...consent,
      });
    }
    return subscription.language;
  });
}

const named = (subscription: TokenSubscription) => subscription.newsletter?.name ?? COUNTY_NEWSLETTER.name;

/**
 * An opt-in link works CONFIRM_TOKEN_TTL_DAYS after it was sent (rows from before the send time
 * was kept count from their creation); after that the person subscribes again and gets a new one.
 */
export function confirmLinkExpired(
  subscription: Pick<SubscriptionRow, 'confirmSentAt' | 'createdAt'>,
  now = new Date(),
): boolean {
  const sent = new Date(subscription.confirmSentAt ?? subscription.createdAt).getTime();
  return now.getTime() - sent > environment().CONFIRM_TOKEN_TTL_DAYS * 86_400_000;
}

export type ConfirmOutcome = {
  language: Locale;
  outcome: 'confirmed' | 'expired';
  newsletters: Label;
  /** Opens the person's preference centre (a subscription's unsubscribe token). */
  preferencesToken: string;
};

/**
 * Confirms the pending subscriptions of an opt-in mail (confirmed ones answer as confirmed
 * again). Null for an unknown token or one whose subscriptions have all ended; `expired` for a
 * link that is too old.
 */
export async function confirmSubscription(
  strapi: Core.Strapi,
  token: string,
  now = new Date(),
): Promise<ConfirmOutcome | null> {
  const subscriptions = (await subscriptionsByToken(strapi, 'confirmToken', token)).filter((s) =>
    ['pending', 'confirmed'].includes(s.subscriptionStatus),
  );
  if (subscriptions.length === 0) return null;
  const { language, unsubscribeToken: preferencesToken } = subscriptions[0];
  const newsletters = newsletterNames(subscriptions);
  const pending = subscriptions.filter((s) => s.subscriptionStatus === 'pending');
  if (pending.some((s) => confirmLinkExpired(s, now))) {
    return { language, outcome: 'expired', newsletters, preferencesToken };
  }
  for (const subscription of pending) {
    await changeSubscription(
      strapi,
      subscription,
      // The link came through: the mailbox takes mail, whatever bounced before.
      { subscriptionStatus: 'confirmed', confirmedAt: now, bounceCount: 0 },
      `Bekräftade prenumerationen på ${named(subscription)}.`,
      now,
      { event: 'given', source: 'link' },
    );
  }
  return { language, outcome: 'confirmed', newsletters, preferencesToken };
}

/**
 * Ends the one subscription the token belongs to (the newsletter the mail came from) at once;
 * idempotent. Returns the language, or null for an unknown token.
 */
export async function unsubscribe(
  strapi: Core.Strapi,
  token: string,
  now = new Date(),
  /** How the person asked: the link (one-click or the page), or a mail to the mailto address. */
  via: Extract<ConsentSource, 'link' | 'unsubscribe-mail'> = 'link',
): Promise<{ language: Locale; newsletter: { slug: string; name: Label } } | null> {
  const subscription = await subscriptionForUnsubscribeToken(strapi, token);
  if (!subscription) return null;
  const newsletter = {
    slug: subscription.newsletter?.slug ?? COUNTY_NEWSLETTER.slug,
    name: newsletterNames([subscription]),
  };
  if (subscription.subscriptionStatus === 'unsubscribed')
    return { language: subscription.language, newsletter };
  const language = await changeSubscription(
    strapi,
    subscription,
    { subscriptionStatus: 'unsubscribed', unsubscribedAt: now },
    `Avslutade prenumerationen på ${named(subscription)}.`,
    now,
    { event: 'withdrawn', source: via },
  );
  return { language, newsletter };
}

const statusLabel = (status: string) =>
  SUBSCRIPTION_STATUSES.labels[status as SubscriptionStatus]?.sv ?? status;

export type StatusLogEntry = { at: string; from: string; to: string; reason: string; by: string };

/**
 * The coordinator's way to change a subscription's status outside its owner's links (a
 * subscriber who asked by phone to leave, a confirmation lost in a spam filter and vouched for in
 * writing). Always with a reason: the change, who made it and why are appended to the
 * subscription's status log and written on the linked contact's card. Returns null for an unknown
 * subscription.
 */
export async function changeSubscriptionStatusByStaff(
  strapi: Core.Strapi,
  documentId: string,
  change: {
    status: SubscriptionStatus;
    reason: string;
    by: string;
    /** The consent log's "how": the coordinator, or the mail system for a spam report. */
    source?: Extract<ConsentSource, 'admin' | 'spam-report'>;
  },
  now = new Date(),
): Promise<{ from: string; to: string } | null> {
  const subscription = (await strapi.db.query(SUBSCRIPTION).findOne({
    where: { documentId },
    populate: TOKEN_POPULATE,
  })) as (TokenSubscription & { statusLog: StatusLogEntry[] | null }) | null;
  if (!subscription) return null;
  const from = subscription.subscriptionStatus;
  const entry: StatusLogEntry = {
    at: now.toISOString(),
    from,
    to: change.status,
    reason: change.reason,
    by: change.by,
  };
  const data: Record<string, unknown> = {
    subscriptionStatus: change.status,
    statusLog: [...(Array.isArray(subscription.statusLog) ? subscription.statusLog : []), entry],
  };
  // Confirmed again by the coordinator: the bounces that excluded the address are behind it.
  if (change.status === 'confirmed' && from !== 'confirmed')
    Object.assign(data, { confirmedAt: now, bounceCount: 0 });
  if (change.status === 'unsubscribed' && from !== 'unsubscribed') data.unsubscribedAt = now;
  // A subscription confirmed again is a subscriber again, in the key figures too (they count from the dates).
  if (change.status === 'confirmed') data.unsubscribedAt = null;
  await changeSubscription(
    strapi,
    subscription,
    data,
    `Prenumerationen på ${named(subscription)}: status ändrad av ${change.by}: ${statusLabel(from)} → ${statusLabel(change.status)}. Skäl: ${change.reason}`,
    now,
    change.status === 'pending' || change.status === from
      ? undefined
      : {
          event: change.status === 'confirmed' ? 'given' : 'withdrawn',
          source: change.source ?? 'admin',
          recordedBy: change.by,
        },
  );
  return { from, to: change.status };
}

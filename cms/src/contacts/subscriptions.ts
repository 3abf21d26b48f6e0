import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  CONSENTS,
  normalizeEmail,
  SUBSCRIPTION_STATUSES,
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
import { mergeLists } from './assignment';
import { findContact } from './contacts';
import { subscriptionConfirmation } from '../mail/mails';
import { enqueueMail, wakeMailQueue } from '../mail/outbox';
import { environment } from '../platform/environment';
import { inEmailTransaction } from '../platform/transaction';
import { SUBSCRIPTION } from '../platform/content-types';
import type { OwnIndex } from '../platform/own-tables';

/**
 * Newsletter subscriptions: double opt-in (pending until the link's page is confirmed) and an
 * unsubscribe that acts at once. Tokens are random and unguessable, never ids.
 */

/** The mail links look a subscription up by its token: on every one-click unsubscribe. */
export const SUBSCRIPTION_TOKEN_INDEXES: readonly OwnIndex[] = [
  { uid: SUBSCRIPTION, fields: ['unsubscribeToken'] },
  { uid: SUBSCRIPTION, fields: ['confirmToken'] },
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

/** A pending subscription needs confirming; a confirmed one stays as it is (interests merged). */
export async function createOrRenewSubscription(
  strapi: Core.Strapi,
  input: { email: string; interests: Topic[]; municipalities: MunicipalitySlug[]; language: Locale },
  contact: (ContactRef & { documentId: string }) | null | undefined,
  now: Date,
): Promise<'pending' | 'already-confirmed'> {
  const existing = (await strapi
    .documents(SUBSCRIPTION)
    .findFirst({ filters: { email: input.email } } as never)) as unknown as
    (SubscriptionRow & { interests: Topic[] | null; municipalities: MunicipalitySlug[] | null }) | null;
  const consent = { consentAt: now, consentVersion: CONSENTS.newsletter.version };
  await recordConsent(strapi, {
    email: input.email,
    contactId: contact?.id,
    kind: 'newsletter',
    event: 'given',
    textVersion: CONSENTS.newsletter.version,
    source: 'form',
    at: now,
  });
  if (existing?.subscriptionStatus === 'confirmed') {
    await strapi.documents(SUBSCRIPTION).update({
      documentId: existing.documentId,
      data: {
        interests: mergeLists(existing.interests ?? [], input.interests),
        municipalities: mergeLists(existing.municipalities ?? [], input.municipalities),
        language: input.language,
        ...(contact ? { contact: contact.documentId } : {}),
      },
    } as never);
    return 'already-confirmed';
  }
  const confirmToken = newToken();
  const data = {
    email: input.email,
    subscriptionStatus: 'pending',
    interests: input.interests,
    municipalities: input.municipalities,
    language: input.language,
    confirmToken,
    confirmSentAt: now,
    unsubscribeToken: existing?.unsubscribeToken ?? newToken(),
    unsubscribedAt: null,
    ...consent,
    ...(contact ? { contact: contact.documentId } : {}),
  };
  if (existing)
    await strapi.documents(SUBSCRIPTION).update({ documentId: existing.documentId, data } as never);
  else await strapi.documents(SUBSCRIPTION).create({ data } as never);

  await enqueueMail(
    strapi,
    subscriptionConfirmation({ email: input.email, confirmToken, language: input.language }),
    contact?.id,
  );
  if (contact) {
    await logActivity(strapi, contact, {
      kind: 'newsletter',
      at: now,
      summary: 'Anmälde sig till nyhetsbrevet (väntar på bekräftelse).',
    });
  }
  return 'pending';
}

export async function subscribe(strapi: Core.Strapi, input: Subscription, now = new Date()) {
  const email = normalizeEmail(input.email);
  return inEmailTransaction(strapi, email, async (afterCommit) => {
    const contact = await findContact(strapi, email);
    const outcome = await createOrRenewSubscription(
      strapi,
      { email, interests: input.interests, municipalities: input.municipalities, language: input.language },
      contact,
      now,
    );
    afterCommit(wakeMailQueue);
    return outcome;
  });
}

async function subscriptionByToken(
  strapi: Core.Strapi,
  field: 'confirmToken' | 'unsubscribeToken',
  token: string,
) {
  // The query engine, not the document service: a one-click unsubscribe is a hot public path
  // (a mailbox provider sends thousands a minute), and register types have no drafts.
  return (await strapi.db.query(SUBSCRIPTION).findOne({
    where: { [field]: token },
    populate: { contact: { select: ['id', 'documentId'] } },
  })) as
    | (SubscriptionRow & { id: number; email: string; contact: { id: number; documentId: string } | null })
    | null;
}

export async function subscriptionForConfirmToken(strapi: Core.Strapi, token: string) {
  return subscriptionByToken(strapi, 'confirmToken', token);
}
export async function subscriptionForUnsubscribeToken(strapi: Core.Strapi, token: string) {
  return subscriptionByToken(strapi, 'unsubscribeToken', token);
}

type TokenSubscription = NonNullable<Awaited<ReturnType<typeof subscriptionByToken>>>;

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
      await logActivity(strapi, subscription.contact, { kind: 'newsletter', at: now, summary });
    }
    if (consent) {
      await recordConsent(strapi, {
        email: subscription.email,
        contactId: subscription.contact?.id,
        kind: 'newsletter',
        textVersion: (subscription as { consentVersion?: string | null }).consentVersion ?? null,
        at: now,
        ...consent,
      });
    }
    return subscription.language;
  });
}

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

export type ConfirmOutcome = { language: Locale; outcome: 'confirmed' | 'expired' };

/**
 * Confirms a pending subscription (a confirmed one answers as confirmed again). Null for an
 * unknown token or one whose subscription has ended; `expired` for a link that is too old.
 */
export async function confirmSubscription(
  strapi: Core.Strapi,
  token: string,
  now = new Date(),
): Promise<ConfirmOutcome | null> {
  const subscription = await subscriptionByToken(strapi, 'confirmToken', token);
  if (!subscription) return null;
  const { language } = subscription;
  if (subscription.subscriptionStatus === 'confirmed') return { language, outcome: 'confirmed' };
  if (subscription.subscriptionStatus !== 'pending') return null;
  if (confirmLinkExpired(subscription, now)) return { language, outcome: 'expired' };
  await changeSubscription(
    strapi,
    subscription,
    { subscriptionStatus: 'confirmed', confirmedAt: now },
    'Bekräftade prenumerationen på nyhetsbrevet.',
    now,
    { event: 'given', source: 'link' },
  );
  return { language, outcome: 'confirmed' };
}

/** Unsubscribes at once; idempotent. Returns the language, or null for an unknown token. */
export async function unsubscribe(
  strapi: Core.Strapi,
  token: string,
  now = new Date(),
): Promise<Locale | null> {
  const subscription = await subscriptionByToken(strapi, 'unsubscribeToken', token);
  if (!subscription) return null;
  if (subscription.subscriptionStatus === 'unsubscribed') return subscription.language;
  return changeSubscription(
    strapi,
    subscription,
    { subscriptionStatus: 'unsubscribed', unsubscribedAt: now },
    'Avslutade prenumerationen på nyhetsbrevet.',
    now,
    { event: 'withdrawn', source: 'link' },
  );
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
  change: { status: SubscriptionStatus; reason: string; by: string },
  now = new Date(),
): Promise<{ from: string; to: string } | null> {
  const subscription = (await strapi.documents(SUBSCRIPTION).findOne({
    documentId,
    populate: { contact: { fields: ['id', 'documentId'] } },
  } as never)) as unknown as (TokenSubscription & { statusLog: StatusLogEntry[] | null }) | null;
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
  if (change.status === 'confirmed' && from !== 'confirmed') data.confirmedAt = now;
  if (change.status === 'unsubscribed' && from !== 'unsubscribed') data.unsubscribedAt = now;
  await changeSubscription(
    strapi,
    subscription,
    data,
    `Prenumerationens status ändrad av ${change.by}: ${statusLabel(from)} → ${statusLabel(change.status)}. Skäl: ${change.reason}`,
    now,
    change.status === 'pending' || change.status === from
      ? undefined
      : {
          event: change.status === 'confirmed' ? 'given' : 'withdrawn',
          source: 'admin',
          recordedBy: change.by,
        },
  );
  return { from, to: change.status };
}

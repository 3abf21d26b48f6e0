import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  CONSENTS,
  CONTACT_SOURCES,
  TOPICS,
  firstResponseDeadline,
  municipalityName,
  normalizeEmail,
  type Locale,
  type MagazineOrder,
  type MunicipalitySlug,
  type PostalAddress,
  type Registration,
  type Subscription,
  type Topic,
} from '@tasteget/shared';
import { logActivity, type ContactRef } from './activities';
import { mergeLists, responsibleQueue } from './assignment';
import {
  guideAddresses,
  guideNotice,
  magazineOrderReceipt,
  registrationReceipt,
  subscriptionConfirmation,
  type RegisteredContact,
} from './mails';
import { wakeMailQueue } from './workers';
import { enqueueMail } from './outbox';
import { inEmailTransaction } from './transaction';

/**
 * The intake of the contact register: registrations, magazine orders and newsletter
 * subscriptions. One contact per person (by normalised e-mail); everything a person sends is
 * linked to it and logged on its card. Mail is queued in the same transaction and sent after.
 */
const CONTACT = 'api::contact.contact';
const ORDER = 'api::magazine-order.magazine-order';
const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';
const EDITION = 'api::magazine-edition.magazine-edition';

type ContactRow = RegisteredContact & {
  id: number;
  status: string;
  firstRespondedAt: string | null;
};

const newToken = () => randomBytes(32).toString('base64url');
const sourceLabel = (source: keyof typeof CONTACT_SOURCES.labels) =>
  CONTACT_SOURCES.labels[source].sv.toLowerCase();
const topicNames = (topics: readonly Topic[]) => topics.map((t) => TOPICS.labels[t].sv).join(', ');
const municipalityNames = (list: readonly MunicipalitySlug[]) => list.map(municipalityName).join(', ');

export function formatAddress(address: PostalAddress): string {
  return [
    address.careOf && `c/o ${address.careOf}`,
    address.street,
    `${address.postalCode} ${address.city}`,
    address.country !== 'SE' ? address.country : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

async function findContact(strapi: Core.Strapi, email: string): Promise<ContactRow | null> {
  return (await strapi
    .documents(CONTACT)
    .findFirst({ filters: { email } } as never)) as unknown as ContactRow | null;
}

/** An orderable, published edition by slug, or null. */
export async function orderableEdition(strapi: Core.Strapi, slug: string) {
  const edition = (await strapi.documents(EDITION).findFirst({
    filters: { slug, orderable: true },
    locale: 'sv',
    status: 'published',
  } as never)) as unknown as { documentId: string; title: string; year: number } | null;
  return edition;
}

export interface RegistrationResult {
  contactDocumentId: string;
  isNew: boolean;
  firstResponseDueAt: Date;
  assignedMunicipality: string;
}

export interface RegisterOptions {
  /** Runs inside the registration's transaction once everything is stored (the inbox row's delete). */
  onDone?: (trx: Knex.Transaction) => Promise<unknown>;
}

export async function registerHousehold(
  strapi: Core.Strapi,
  input: Registration,
  now = new Date(),
  options: RegisterOptions = {},
): Promise<RegistrationResult> {
  const email = normalizeEmail(input.email);
  const result = await inEmailTransaction(strapi, email, async (afterCommit, trx) => {
    const existing = await findContact(strapi, email);
    const consent = { contactConsentAt: now, contactConsentVersion: CONSENTS.contact.version };
    const newsletterConsent = input.newsletterConsent
      ? { newsletterConsentAt: now, newsletterConsentVersion: CONSENTS.newsletter.version }
      : {};
    const details = {
      firstName: input.firstName,
      ...(input.lastName ? { lastName: input.lastName } : {}),
      ...(input.phone ? { phone: input.phone } : {}),
      preferredChannel: input.preferredChannel,
      householdSize: input.householdSize,
      children: input.children,
      countyTie: input.countyTie,
      ...(input.occupation ? { occupation: input.occupation } : {}),
      ...(input.currentLocation ? { currentLocation: input.currentLocation } : {}),
      ...(input.plannedMoveTime ? { plannedMoveTime: input.plannedMoveTime } : {}),
      language: input.language,
    };

    let contact: ContactRow;
    if (!existing) {
      contact = (await strapi.db.query(CONTACT).create({
        data: {
          publishedAt: now,
          ...details,
          email,
          municipalities: input.municipalities,
          topics: input.topics,
          message: input.message,
          source: input.source,
          sourceMunicipality: input.sourceMunicipality,
          status: 'new',
          assignedMunicipality: responsibleQueue(input.municipalities),
          firstResponseDueAt: firstResponseDeadline(now),
          lastActivityAt: now,
          ...consent,
          ...newsletterConsent,
        },
      })) as ContactRow;
      await logActivity(
        strapi,
        contact,
        {
          kind: 'system',
          at: now,
          summary: `Registrerade sig via ${sourceLabel(input.source)}. Kommuner: ${municipalityNames(input.municipalities) || 'inga (regionen)'}. Ämnen: ${topicNames(input.topics) || 'inga'}.`,
        },
        { contactAlreadyTouched: true },
      );
      // Orders and subscriptions sent before the person registered join their contact now.
      await linkEarlierRecords(strapi, email, contact);
    } else {
      const municipalities = mergeLists(existing.municipalities ?? [], input.municipalities);
      const topics = mergeLists(existing.topics ?? [], input.topics);
      const assignedMunicipality =
        existing.assignedMunicipality === 'region'
          ? responsibleQueue(municipalities)
          : existing.assignedMunicipality;
      contact = (await strapi.db.query(CONTACT).update({
        where: { id: existing.id },
        data: {
          ...details,
          municipalities,
          topics,
          assignedMunicipality,
          lastActivityAt: now,
          ...consent,
          ...newsletterConsent,
        },
      })) as ContactRow;
      await logActivity(
        strapi,
        contact,
        {
          kind: 'system',
          at: now,
          summary:
            `Registrerade sig igen via ${sourceLabel(input.source)}. Kommuner nu: ${municipalityNames(municipalities) || 'inga (regionen)'}. Ämnen nu: ${topicNames(topics) || 'inga'}.` +
            (input.message ? ` Meddelande: ${input.message}` : ''),
        },
        { contactAlreadyTouched: true },
      );
    }

    // The edition was orderable when the registration was acknowledged; if an editor has closed
    // it since, the registration still counts and the card says why no order was placed.
    if (input.magazine && !(await orderableEdition(strapi, input.magazine.edition))) {
      await logActivity(strapi, contact, {
        kind: 'system',
        at: now,
        summary: `Beställningen av magasinet (${input.magazine.edition}) kunde inte läggas: utgåvan går inte längre att beställa.`,
      });
    } else if (input.magazine) {
      await createOrder(
        strapi,
        {
          name: [input.firstName, input.lastName].filter(Boolean).join(' '),
          email,
          postalAddress: input.magazine.postalAddress,
          edition: input.magazine.edition,
          quantity: input.magazine.quantity,
          language: input.language,
        },
        contact,
        now,
      );
    }
    if (input.newsletterConsent) {
      await createOrRenewSubscription(
        strapi,
        { email, interests: input.topics, municipalities: input.municipalities, language: input.language },
        contact,
        now,
      );
    }

    await enqueueMail(strapi, registrationReceipt(contact, input.message), contact.id);
    const guides = await guideAddresses(strapi, contact.municipalities);
    await enqueueMail(strapi, guideNotice(contact, guides, input.message, !!existing), contact.id);
    afterCommit(wakeMailQueue);
    await options.onDone?.(trx);

    return {
      contactDocumentId: contact.documentId,
      isNew: !existing,
      firstResponseDueAt: new Date(contact.firstResponseDueAt),
      assignedMunicipality: contact.assignedMunicipality,
    };
  });
  return result;
}

async function linkEarlierRecords(strapi: Core.Strapi, email: string, contact: ContactRef) {
  for (const uid of [ORDER, SUBSCRIPTION] as const) {
    const unlinked = (await strapi.db
      .query(uid)
      .findMany({ where: { email, contact: { id: { $null: true } } }, select: ['id'] })) as { id: number }[];
    for (const record of unlinked) {
      await strapi.db.query(uid).update({ where: { id: record.id }, data: { contact: contact.id } });
    }
  }
}

type OrderData = Omit<MagazineOrder, 'challenge' | 'website'>;

async function createOrder(
  strapi: Core.Strapi,
  order: OrderData,
  contact: (ContactRef & { documentId: string }) | null | undefined,
  now: Date,
) {
  const edition = await orderableEdition(strapi, order.edition);
  if (!edition) throw new UnknownEditionError();
  await strapi.documents(ORDER).create({
    data: {
      name: order.name,
      email: order.email,
      address: {
        careOf: order.postalAddress.careOf,
        street: order.postalAddress.street,
        postalCode: order.postalAddress.postalCode,
        city: order.postalAddress.city,
        country: order.postalAddress.country,
      },
      edition: edition.documentId,
      quantity: order.quantity,
      status: 'new',
      language: order.language,
      contact: contact?.documentId,
    },
  } as never);
  await enqueueMail(
    strapi,
    magazineOrderReceipt({
      name: order.name,
      email: order.email,
      quantity: order.quantity,
      editionTitle: edition.title,
      address: formatAddress(order.postalAddress),
      language: order.language,
    }),
    contact?.id,
  );
  if (contact) {
    await logActivity(strapi, contact, {
      kind: 'system',
      at: now,
      summary: `Beställde ${order.quantity} ex av ${edition.title} till ${formatAddress(order.postalAddress)}.`,
    });
  }
}

export class UnknownEditionError extends Error {
  constructor() {
    super('The edition does not exist or cannot be ordered');
  }
}

export async function orderMagazine(strapi: Core.Strapi, input: MagazineOrder, now = new Date()) {
  const email = normalizeEmail(input.email);
  await inEmailTransaction(strapi, email, async (afterCommit) => {
    const contact = await findContact(strapi, email);
    await createOrder(strapi, { ...input, email }, contact, now);
    afterCommit(wakeMailQueue);
  });
}

type SubscriptionRow = {
  documentId: string;
  status: string;
  confirmToken: string;
  unsubscribeToken: string;
  language: Locale;
};

/** A pending subscription needs confirming; a confirmed one stays as it is (interests merged). */
async function createOrRenewSubscription(
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
  if (existing?.status === 'confirmed') {
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
    status: 'pending',
    interests: input.interests,
    municipalities: input.municipalities,
    language: input.language,
    confirmToken,
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
  return (await strapi.documents(SUBSCRIPTION).findFirst({
    filters: { [field]: token },
    populate: { contact: { fields: ['id', 'documentId'] } },
  } as never)) as unknown as
    (SubscriptionRow & { email: string; contact: { id: number; documentId: string } | null }) | null;
}

export async function subscriptionForConfirmToken(strapi: Core.Strapi, token: string) {
  return subscriptionByToken(strapi, 'confirmToken', token);
}
export async function subscriptionForUnsubscribeToken(strapi: Core.Strapi, token: string) {
  return subscriptionByToken(strapi, 'unsubscribeToken', token);
}

type TokenSubscription = NonNullable<Awaited<ReturnType<typeof subscriptionByToken>>>;

/** Moves a subscription to a new status and logs it on the linked contact's card. */
async function changeSubscription(
  strapi: Core.Strapi,
  subscription: TokenSubscription,
  data: Record<string, unknown>,
  summary: string,
  now: Date,
): Promise<Locale> {
  return inEmailTransaction(strapi, subscription.email, async () => {
    await strapi.documents(SUBSCRIPTION).update({ documentId: subscription.documentId, data } as never);
    if (subscription.contact) {
      await logActivity(strapi, subscription.contact, { kind: 'newsletter', at: now, summary });
    }
    return subscription.language;
  });
}

/** Confirms a pending subscription; returns its language, or null for an unknown or used token. */
export async function confirmSubscription(
  strapi: Core.Strapi,
  token: string,
  now = new Date(),
): Promise<Locale | null> {
  const subscription = await subscriptionByToken(strapi, 'confirmToken', token);
  if (!subscription || subscription.status !== 'pending') {
    return subscription?.status === 'confirmed' ? subscription.language : null;
  }
  return changeSubscription(
    strapi,
    subscription,
    { status: 'confirmed', confirmedAt: now },
    'Bekräftade prenumerationen på nyhetsbrevet.',
    now,
  );
}

/** Unsubscribes at once; idempotent. Returns the language, or null for an unknown token. */
export async function unsubscribe(
  strapi: Core.Strapi,
  token: string,
  now = new Date(),
): Promise<Locale | null> {
  const subscription = await subscriptionByToken(strapi, 'unsubscribeToken', token);
  if (!subscription) return null;
  if (subscription.status === 'unsubscribed') return subscription.language;
  return changeSubscription(
    strapi,
    subscription,
    { status: 'unsubscribed', unsubscribedAt: now },
    'Avslutade prenumerationen på nyhetsbrevet.',
    now,
  );
}

import type { Core } from '@strapi/strapi';
import {
  CONSENTS,
  type Locale,
  type MunicipalitySlug,
  type PreferencesInput,
  type Topic,
  tokenSchema,
} from '@tasteget/shared';
import { logActivity, type ContactRef } from './activities';
import { mergeLists } from './assignment';
import { recordConsent } from './consent-log';
import { findContact } from './contacts';
import { listedNewsletters, type NewsletterRow } from './newsletters';
import { newToken, UnknownNewsletterError } from './subscriptions';
import { CONTACT, SUBSCRIPTION } from '../platform/content-types';
import { linkTokenId } from '../platform/link-tokens';
import { inEmailTransaction } from '../platform/transaction';

/**
 * The preference centre: one person (an address) sees what they receive and changes it without a
 * login. The link's token says who: the unsubscribe token of any of their subscriptions (every
 * newsletter's unsubscribe page links here), or a signed link for a contact (in the receipts).
 * Either reached their mailbox, so a newsletter ticked here is confirmed at once: the link is the
 * double opt-in. Every change is logged on the contact's card and in the consent log.
 */
export interface PreferencesOwner {
  email: string;
  language: Locale;
  contact: (ContactRef & { documentId: string }) | null;
}

type Row = {
  id: number;
  email: string;
  subscriptionStatus: string;
  confirmToken: string | null;
  interests: Topic[] | null;
  municipalities: MunicipalitySlug[] | null;
  language: Locale;
  newsletter: NewsletterRow | null;
  contact: { id: number; documentId: string } | null;
};

const NEWSLETTER_FIELDS = [
  'id',
  'documentId',
  'slug',
  'name',
  'nameEn',
  'description',
  'descriptionEn',
  'listed',
];

/** Whose preferences a link opens; null for a token that is neither kind, or whose record is gone. */
export async function preferencesOwner(strapi: Core.Strapi, token: string): Promise<PreferencesOwner | null> {
  const contactId = linkTokenId('newsletter-preferences', token);
  if (contactId) {
    const contact = (await strapi.db.query(CONTACT).findOne({
      where: { documentId: contactId },
      select: ['id', 'documentId', 'email', 'language'],
    })) as { id: number; documentId: string; email: string; language: Locale } | null;
    return contact ? { email: contact.email, language: contact.language, contact } : null;
  }
  if (!tokenSchema.safeParse(token).success) return null;
  const row = (await strapi.db.query(SUBSCRIPTION).findOne({
    where: { unsubscribeToken: token },
    select: ['email', 'language'],
    populate: { contact: { select: ['id', 'documentId'] } },
  })) as { email: string; language: Locale; contact: { id: number; documentId: string } | null } | null;
  if (!row) return null;
  return {
    email: row.email,
    language: row.language,
    contact: row.contact ?? (await findContact(strapi, row.email)),
  };
}

async function rowsOf(strapi: Core.Strapi, email: string): Promise<Row[]> {
  return (await strapi.db.query(SUBSCRIPTION).findMany({
    where: { email },
    populate: { newsletter: { select: NEWSLETTER_FIELDS }, contact: { select: ['id', 'documentId'] } },
    orderBy: { id: 'asc' },
  })) as Row[];
}

/**
 * Receiving: confirmed, or waiting for the person's own opt-in. A `pending` row without a confirm
 * token only carries an invitation's unsubscribe link (newsletter/recipients.ts): not a subscription.
 */
const receiving = (row: Row | undefined) =>
  !!row &&
  (row.subscriptionStatus === 'confirmed' || (row.subscriptionStatus === 'pending' && !!row.confirmToken));

export interface Preferences {
  email: string;
  language: Locale;
  newsletters: (NewsletterRow & { receiving: boolean })[];
  interests: Topic[];
  municipalities: MunicipalitySlug[];
}

/** The newsletters offered to everyone and those the person receives, the county's first. */
async function shownNewsletters(strapi: Core.Strapi, rows: Row[]) {
  const shown = await listedNewsletters(strapi);
  for (const row of rows) {
    if (row.newsletter && receiving(row) && !shown.some((n) => n.id === row.newsletter!.id))
      shown.push(row.newsletter);
  }
  return shown;
}

export async function currentPreferences(strapi: Core.Strapi, owner: PreferencesOwner): Promise<Preferences> {
  const rows = await rowsOf(strapi, owner.email);
  return {
    email: owner.email,
    ...currentProfile(rows, owner.language),
    newsletters: (await shownNewsletters(strapi, rows)).map((n) => ({
      ...n,
      receiving: receiving(rows.find((r) => r.newsletter?.id === n.id)),
    })),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * Applies the form: newsletters ticked are received (confirmed at once), those not ticked are
 * left, and topics, municipalities and language apply to every subscription of the address.
 * `leave-all` leaves everything, invitations included. Returns what changed, for the page.
 */
export async function savePreferences(
  strapi: Core.Strapi,
  owner: PreferencesOwner,
  input: PreferencesInput,
  now = new Date(),
): Promise<{ joined: string[]; left: string[]; profileChanged: boolean }> {
  return inEmailTransaction(strapi, owner.email, async () => {
    const rows = await rowsOf(strapi, owner.email);
    const shown = await shownNewsletters(strapi, rows);
    const wanted = input.action === 'leave-all' ? [] : input.newsletters;
    if (wanted.some((slug) => !shown.some((n) => n.slug === slug))) throw new UnknownNewsletterError();
    const contact = owner.contact ?? rows.find((r) => r.contact)?.contact ?? null;
    const joined: string[] = [];
    const left: string[] = [];
    const consent = async (newsletter: NewsletterRow, event: 'given' | 'withdrawn') =>
      recordConsent(strapi, {
        email: owner.email,
        contactId: contact?.id,
        kind: 'newsletter',
        event,
        textVersion: CONSENTS.newsletter.version,
        source: 'link',
        newsletter,
        at: now,
      });

    for (const newsletter of shown) {
      const row = rows.find((r) => r.newsletter?.id === newsletter.id);
      const want = wanted.includes(newsletter.slug);
      if (want && row?.subscriptionStatus !== 'confirmed') {
        const data = {
          subscriptionStatus: 'confirmed',
          confirmedAt: now,
          // Chosen through a link from a mail that arrived: the mailbox takes mail.
          bounceCount: 0,
          consentAt: now,
          consentVersion: CONSENTS.newsletter.version,
          unsubscribedAt: null,
          interests: input.interests,
          municipalities: input.municipalities,
          language: input.language,
          ...(contact ? { contact: contact.id } : {}),
        };
        if (row) await strapi.db.query(SUBSCRIPTION).update({ where: { id: row.id }, data });
        else {
          await strapi.db.query(SUBSCRIPTION).create({
            data: {
              ...data,
              email: owner.email,
              newsletter: newsletter.id,
              unsubscribeToken: newToken(),
              bounceCount: 0,
              publishedAt: now,
            },
          });
        }
        await consent(newsletter, 'given');
        joined.push(newsletter.name);
      } else if (!want && receiving(row)) {
        await strapi.db.query(SUBSCRIPTION).update({
          where: { id: row!.id },
          data: { subscriptionStatus: 'unsubscribed', unsubscribedAt: now },
        });
        await consent(newsletter, 'withdrawn');
        left.push(newsletter.name);
      }
    }
    if (input.action === 'leave-all') {
      // Invitations' unsubscribe carriers too: nothing more is sent to the address.
      await strapi.db.query(SUBSCRIPTION).updateMany({
        where: { email: owner.email, subscriptionStatus: { $ne: 'unsubscribed' } },
        data: { subscriptionStatus: 'unsubscribed', unsubscribedAt: now },
      });
    }

    const before = currentProfile(rows, owner.language);
    const profileChanged =
      input.action === 'save' &&
      (!sameSet(before.interests, input.interests) ||
        !sameSet(before.municipalities, input.municipalities) ||
        before.language !== input.language);
    if (profileChanged) {
      await strapi.db.query(SUBSCRIPTION).updateMany({
        where: { email: owner.email },
        data: { interests: input.interests, municipalities: input.municipalities, language: input.language },
      });
    }

    if (contact && (joined.length || left.length || profileChanged)) {
      const parts = [
        joined.length ? `började prenumerera på ${joined.join(', ')}` : '',
        left.length ? `avslutade ${left.join(', ')}` : '',
        profileChanged ? 'ändrade ämnen, kommuner eller språk' : '',
      ].filter(Boolean);
      await logActivity(
        strapi,
        contact,
        { kind: 'newsletter', at: now, summary: `På inställningssidan: ${parts.join('; ')}.` },
        { leaving: joined.length === 0 && !profileChanged },
      );
    }
    return { joined, left, profileChanged };
  });
}

/** Topics, municipalities and language as the person last set them (their receiving subscriptions). */
function currentProfile(rows: Row[], fallback: Locale) {
  const kept = rows.filter(receiving);
  return {
    interests: kept.reduce<Topic[]>((all, r) => mergeLists(all, r.interests ?? []), []),
    municipalities: kept.reduce<MunicipalitySlug[]>((all, r) => mergeLists(all, r.municipalities ?? []), []),
    language: kept[0]?.language ?? rows[0]?.language ?? fallback,
  };
}

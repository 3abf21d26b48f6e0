import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  CONSENTS,
  CONTACT_SOURCES,
  TOPICS,
  municipalityName,
  normalizeEmail,
  type Locale,
  type MunicipalitySlug,
  type Registration,
  type Topic,
} from '@tasteget/shared';
import { logActivity, type ContactRef } from './activities';
import { recordConsent } from './consent-log';
import { mergeLists, newContactBookkeeping, reopenedBookkeeping, responsibleQueue } from './assignment';
import { findContact, type ContactRow } from './contacts';
import { describeChanges } from './rules/contact-history';
import { createOrder, orderableEdition } from './magazine-orders';
import { guideNotices, guideRecipients, registrationReceipt } from '../mail/mails';
import { enqueueMail, wakeMailQueue } from '../mail/outbox';
import { countyNewsletter } from './newsletters';
import { createOrRenewSubscription } from './subscriptions';
import { inEmailTransaction } from '../platform/transaction';
import { CONTACT, ORDER, SUBSCRIPTION } from '../platform/content-types';

/**
 * Registrations: one contact per person (by normalised e-mail), merged when the person registers
 * again (lists join, empty fields fill, who they are and how to reach them is held for the
 * guide: `returnVisitDetails`); assigned to the first chosen municipality or the region; a
 * first-response deadline from the time of receipt, stored once (counted again only when a closed
 * contact comes back unanswered: `reopenedBookkeeping`); everything logged on the
 * contact card; mail queued in the same transaction and sent after.
 */
const sourceLabel = (source: keyof typeof CONTACT_SOURCES.labels, language: Locale = 'sv') =>
  CONTACT_SOURCES.labels[source][language].toLowerCase();
const topicNames = (topics: readonly Topic[], language: Locale = 'sv') =>
  topics.map((t) => TOPICS.labels[t][language]).join(', ');
const municipalityNames = (list: readonly MunicipalitySlug[]) => list.map(municipalityName).join(', ');

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
    // Registering (again) is consenting (again): a withdrawal before it no longer stands.
    const consent = {
      contactConsentAt: now,
      contactConsentVersion: CONSENTS.contact.version,
      contactConsentWithdrawnAt: null,
    };
    const newsletterConsent = input.newsletterConsent
      ? { newsletterConsentAt: now, newsletterConsentVersion: CONSENTS.newsletter.version }
      : {};
    // What the person gave this time; a field left out keeps what is stored (the merge rules).
    const details = given({
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone,
      preferredChannel: input.preferredChannel,
      householdSize: input.householdSize,
      children: input.children,
      countyTie: input.countyTie,
      occupation: input.occupation,
      currentLocation: input.currentLocation,
      plannedMoveTime: input.plannedMoveTime,
      language: input.language,
    });

    let contact: ContactRow;
    let heldChanges = false;
    if (!existing) {
      contact = (await strapi.db.query(CONTACT).create({
        data: {
          publishedAt: now,
          // E-mail is how a guide answers someone who named no channel.
          preferredChannel: 'email',
          ...details,
          email,
          municipalities: input.municipalities,
          topics: input.topics,
          message: input.message,
          source: input.source,
          sourceMunicipality: input.sourceMunicipality,
          moveStatus: 'new',
          ...newContactBookkeeping(input.municipalities, now),
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
          summary: {
            sv: `Registrerade sig via ${sourceLabel(input.source)}. Kommuner: ${municipalityNames(input.municipalities) || 'inga (regionen)'}. Ämnen: ${topicNames(input.topics) || 'inga'}.`,
            en: `Registered via ${sourceLabel(input.source, 'en')}. Municipalities: ${municipalityNames(input.municipalities) || 'none (the region)'}. Topics: ${topicNames(input.topics, 'en') || 'none'}.`,
          },
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
      const stored = existing as unknown as Record<string, unknown>;
      const { applied, held } = returnVisitDetails(stored, details);
      // Only what differs is held: the same name typed again changes nothing and needs no one.
      const heldNote = describeChanges(strapi, stored, held);
      heldChanges = heldNote !== null;
      const reopened = reopenedBookkeeping(existing, now);
      contact = (await strapi.db.query(CONTACT).update({
        where: { id: existing.id },
        data: {
          ...applied,
          municipalities,
          topics,
          assignedMunicipality,
          ...reopened,
          lastActivityAt: now,
          ...consent,
          ...newsletterConsent,
        },
      })) as ContactRow;
      // With the old values, as every change on the card: nothing given before is lost.
      const changes = describeChanges(strapi, stored, { ...applied, assignedMunicipality, ...reopened });
      await logActivity(
        strapi,
        contact,
        {
          kind: 'system',
          at: now,
          summary: {
            sv:
              `Registrerade sig igen via ${sourceLabel(input.source)}. Kommuner nu: ${municipalityNames(municipalities) || 'inga (regionen)'}. Ämnen nu: ${topicNames(topics) || 'inga'}.` +
              withSpace(changes?.sv) +
              withSpace(
                heldNote?.sv.replace(
                  /^Ändrat: /,
                  'Formuläret angav också, inte ändrat (bekräfta med personen, ändra sedan på kortet): ',
                ),
              ) +
              (input.message ? ` Meddelande: ${input.message}` : ''),
            en:
              `Registered again via ${sourceLabel(input.source, 'en')}. Municipalities now: ${municipalityNames(municipalities) || 'none (the region)'}. Topics now: ${topicNames(topics, 'en') || 'none'}.` +
              withSpace(changes?.en) +
              withSpace(
                heldNote?.en.replace(
                  /^Changed: /,
                  'The form also gave, not changed (confirm with the person, then change the card): ',
                ),
              ) +
              (input.message ? ` Message: ${input.message}` : ''),
          },
        },
        { contactAlreadyTouched: true },
      );
    }

    await recordConsent(strapi, {
      email,
      contactId: contact.id,
      kind: 'contact',
      event: 'given',
      textVersion: CONSENTS.contact.version,
      source: 'form',
      at: now,
    });

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
        [await countyNewsletter(strapi)],
        contact,
        now,
      );
    }

    // In the language of the form just sent: a return visit in English is answered in English,
    // though the card keeps the language given first until the guide confirms another.
    await enqueueMail(
      strapi,
      registrationReceipt(
        { ...contact, language: input.language },
        input.message,
        existing ? { heldChanges } : undefined,
      ),
      contact.id,
    );
    const guides = await guideRecipients(strapi, contact.municipalities);
    for (const notice of guideNotices(contact, guides, input.message, !!existing, heldChanges)) {
      await enqueueMail(strapi, notice, contact.id);
    }
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

/**
 * Who the person is and how to reach them: a form proves no one owns the address it names, so on
 * a return visit these only fill what the card lacks. A different name, number, channel or
 * language is held for the guide to confirm with the person (the card notes it, the receipt to
 * the address says how to change them); otherwise whoever knows an address could have the guide
 * ring another number, in another language, under another name.
 */
const IDENTITY = ['firstName', 'lastName', 'phone', 'preferredChannel', 'language'] as const;

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/**
 * What a return visit's details change on the card (`applied`) and what waits for the guide
 * (`held`). The household's size and its children are taken together, never into a pair the
 * form itself would refuse (more children than people).
 */
function returnVisitDetails<T extends Record<string, unknown>>(
  stored: Record<string, unknown>,
  details: T,
): { applied: Partial<T>; held: Partial<T> } {
  const applied: Record<string, unknown> = {};
  const held: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(details)) {
    const identity = (IDENTITY as readonly string[]).includes(field);
    if (identity && !isEmpty(stored[field])) held[field] = value;
    else applied[field] = value;
  }
  const size = (applied.householdSize ?? stored.householdSize) as number | null | undefined;
  const children = (applied.children ?? stored.children) as number | null | undefined;
  if (typeof size === 'number' && typeof children === 'number' && children >= size) {
    for (const field of ['householdSize', 'children']) {
      if (field in applied) {
        held[field] = applied[field];
        delete applied[field];
      }
    }
  }
  return { applied: applied as Partial<T>, held: held as Partial<T> };
}

/** The fields of `values` that were given (not undefined, not empty text). */
function given<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Partial<T>;
}

/** A sentence added to the log line, when there is one. */
const withSpace = (text: string | null | undefined) => (text ? ` ${text}.` : '');

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

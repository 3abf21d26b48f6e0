import type { Core } from '@strapi/strapi';
import {
  ACTIVITY_KINDS,
  CONTACT_STATUSES,
  RESPONSE_ACTIVITY_KINDS,
  formatPhone,
  type ActivityKind,
} from '@tasteget/shared';
import { activityIdsOf, logActivity, touchLastActivity } from '../contacts/activities';
import { refuse } from '../platform/admin-errors';
import { privateFilesIn } from '../platform/private-files';
import { logAddress } from '../mail/addresses';
import { ACTIVITY, CONTACT } from '../platform/content-types';

/**
 * The dialog log as guides write it. A call, e-mail or meeting a guide logs is a response: the
 * first one sets "first responded at" (which stops the deadline clock) and moves a new contact to
 * "contacted". A note is bookkeeping, not an answer to the household, so it only moves the
 * last-activity time.
 */

const isResponse = (kind: ActivityKind) => (RESPONSE_ACTIVITY_KINDS as readonly string[]).includes(kind);

export interface GuideActivity {
  contactId: number;
  kind: ActivityKind;
  occurredAt: Date;
  /** A mail the household sent, recorded by hand: their doing, not an answer to them. */
  direction?: 'in' | 'out' | null;
}

/** Bookkeeping after a guide's activity is stored: first response, status, last activity. */
export async function applyGuideActivity(strapi: Core.Strapi, activity: GuideActivity) {
  const contact = (await strapi.db.query(CONTACT).findOne({
    where: { id: activity.contactId },
    select: ['id', 'firstRespondedAt', 'moveStatus'],
  })) as { id: number; firstRespondedAt: string | null; moveStatus: string } | null;
  if (!contact) return;
  const now = new Date();
  // A response logged late, dated before the first one known, becomes the first response.
  const answeredEarlier =
    contact.firstRespondedAt !== null && new Date(contact.firstRespondedAt) <= activity.occurredAt;
  if (!isResponse(activity.kind) || activity.direction === 'in' || answeredEarlier) {
    await touchLastActivity(strapi, contact.id, now);
    return;
  }
  const contacted = contact.moveStatus === 'new';
  await strapi.db.query(CONTACT).update({
    where: { id: contact.id },
    data: {
      firstRespondedAt: activity.occurredAt,
      ...(contacted ? { moveStatus: 'contacted' } : {}),
    },
  });
  const { new: before, contacted: after } = CONTACT_STATUSES.labels;
  const status = contacted
    ? { sv: ` Status ${before.sv} → ${after.sv}.`, en: ` Status ${before.en} → ${after.en}.` }
    : { sv: '', en: '' };
  await logActivity(strapi, contact, {
    kind: 'system',
    summary: {
      sv: `Första svar registrerat (${ACTIVITY_KINDS.labels[activity.kind].sv.toLowerCase()}); svarstiden är stoppad.${status.sv}`,
      en: `First response logged (${ACTIVITY_KINDS.labels[activity.kind].en.toLowerCase()}); the response clock has stopped.${status.en}`,
    },
    at: now,
  });
}

/**
 * A guide's activity cannot have happened before the household registered: dated earlier, a
 * response would give a negative response time and put the queue "in time" in every report.
 * Checked wherever an activity is dated (the card, the Content Manager).
 */
export function assertNotBeforeRegistration(occurredAt: Date, registeredAt: string | Date) {
  const registered = new Date(registeredAt);
  if (Number.isNaN(occurredAt.getTime()) || occurredAt.getTime() >= registered.getTime()) return;
  const when = registered.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16);
  const messages = {
    sv: `Tiden kan inte ligga före registreringen (${when}).`,
    en: `The time cannot be before the registration (${when}).`,
  };
  throw refuse.onField('occurredAt', messages);
}

/** Nor can it lie ahead: dated in the future, a response would stop the clock before it happened. */
export const FUTURE_TIME = {
  sv: 'Tiden kan inte ligga i framtiden.',
  en: 'The time cannot be in the future.',
};
export function assertNotInFuture(occurredAt: Date, now = Date.now()) {
  // A minute's grace for a clock a little ahead of the server's.
  if (occurredAt.getTime() > now + 60_000) throw refuse.onField('occurredAt', FUTURE_TIME);
}

/** A guide logs a call, e-mail, meeting or note on a contact card in one step. */
export async function logGuideActivity(
  strapi: Core.Strapi,
  input: { contactDocumentId: string; kind: ActivityKind; summary: string; occurredAt: Date; userId: number },
): Promise<{ documentId: string } | null> {
  return strapi.db.transaction(async () => {
    const contact = (await strapi.db.query(CONTACT).findOne({
      where: { documentId: input.contactDocumentId },
      select: ['id', 'createdAt'],
    })) as { id: number; createdAt: string } | null;
    if (!contact) return null;
    assertNotBeforeRegistration(input.occurredAt, contact.createdAt);
    const created = (await strapi.db.query(ACTIVITY).create({
      data: {
        contact: contact.id,
        kind: input.kind,
        summary: input.summary,
        occurredAt: input.occurredAt,
        performedBy: input.userId,
        publishedAt: new Date(),
      },
    })) as { documentId: string };
    await applyGuideActivity(strapi, {
      contactId: contact.id,
      kind: input.kind,
      occurredAt: input.occurredAt,
    });
    return { documentId: created.documentId };
  });
}

/** The dialog as the card shows it to one user: may they answer and update the contact? */
export type ContactDialogView = ContactDialog & {
  /** Their queue's contact, or the coordinator: others read it, the server refuses their writes. */
  canWrite: boolean;
};

export interface ContactDialog {
  contact: {
    documentId: string;
    firstName: string;
    lastName: string | null;
    email: string;
    phone: string | null;
    preferredChannel: 'email' | 'phone';
    moveStatus: string;
    assignedMunicipality: string;
    firstResponseDueAt: string | null;
    firstRespondedAt: string | null;
    /** Set when the person took back their consent to be contacted. */
    contactConsentWithdrawnAt: string | null;
  };
  /** The contact's own address at the inbound domain: in Bcc of a mail from Outlook, it logs it here. */
  bccAddress: string;
  /** Newest first. */
  activities: {
    documentId: string;
    kind: ActivityKind;
    /** For mail: from the person (in) or to them (out). */
    direction: 'in' | 'out' | null;
    summary: string;
    /** The same line in English, where the platform wrote it in both languages. */
    summaryEn: string | null;
    occurredAt: string;
    performedBy: string | null;
    /** Files that came with a mail, by position (`POST /tasteget/activities/:documentId/attachments/:index/link`). */
    attachments: { filename: string; size: number }[];
  }[];
}

/** What the contact card's dialog panel shows: the deadline, the channel and the whole log. */
export async function contactDialog(strapi: Core.Strapi, documentId: string): Promise<ContactDialog | null> {
  const contact = (await strapi.db.query(CONTACT).findOne({
    where: { documentId },
    select: [
      'id',
      'documentId',
      'firstName',
      'lastName',
      'email',
      'phone',
      'preferredChannel',
      'moveStatus',
      'assignedMunicipality',
      'firstResponseDueAt',
      'firstRespondedAt',
      'contactConsentWithdrawnAt',
    ],
  })) as (ContactDialog['contact'] & { id: number }) | null;
  if (!contact) return null;
  const activities = (await strapi.db.query(ACTIVITY).findMany({
    where: { id: { $in: await activityIdsOf(strapi, [contact.id]) } },
    select: ['documentId', 'kind', 'direction', 'summary', 'summaryEn', 'occurredAt', 'attachments'],
    populate: { performedBy: { select: ['firstname', 'lastname', 'email'] } },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
  })) as (Omit<ContactDialog['activities'][number], 'performedBy' | 'attachments'> & {
    performedBy: { firstname: string | null; lastname: string | null; email: string } | null;
    attachments: unknown;
  })[];
  const { id: _id, ...card } = contact;
  return {
    // Stored in E.164; guides read their own country's form.
    contact: { ...card, phone: card.phone ? formatPhone(card.phone) : null },
    bccAddress: logAddress(card.documentId),
    activities: activities.map((a) => ({
      ...a,
      // Names and sizes only: where a file is stored is for the download link to know.
      attachments: privateFilesIn(a.attachments).map((f) => ({ filename: f.filename, size: f.size })),
      occurredAt: new Date(a.occurredAt).toISOString(),
      performedBy: a.performedBy
        ? [a.performedBy.firstname, a.performedBy.lastname].filter(Boolean).join(' ') || a.performedBy.email
        : null,
    })),
  };
}

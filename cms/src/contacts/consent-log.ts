import type { Core } from '@strapi/strapi';
import {
  CONSENT_EVENTS,
  CONSENT_KINDS,
  CONSENT_SOURCES,
  type ConsentEvent,
  type ConsentKind,
  type ConsentSource,
} from '@tasteget/shared';
import { logActivity } from './activities';
import { CONSENT, CONTACT } from '../platform/content-types';
import { inEmailTransaction } from '../platform/transaction';

/**
 * The consent log: one row per consent given or withdrawn, never changed afterwards (no role
 * below Super Admin writes it; the platform appends). Each row says what (contact by a guide, or
 * the newsletter), which text version the person saw, given or withdrawn, when, how (a form, a
 * link in a mail, a guide on the phone, the coordinator, a migration) and by whose hand. It is kept
 * by e-mail, and linked to the contact when there is one, so a subscriber outside the register
 * has a history too; it goes with the person (erasure, the purge's rules).
 */
export interface ConsentEntry {
  email: string;
  contactId?: number | null;
  kind: ConsentKind;
  event: ConsentEvent;
  textVersion?: string | null;
  source: ConsentSource;
  /** The staff member who recorded it (guide, coordinator). */
  recordedBy?: string;
  /**
   * The newsletter a newsletter consent is for: its name goes into the line the card shows, its
   * documentId (which a rename leaves alone) into the row, for the campaign statistics.
   */
  newsletter?: { documentId: string; name: string } | null;
  at: Date;
}

/** The line the contact card lists: what, given or withdrawn, how, and by whom. */
export function consentSummary(entry: Omit<ConsentEntry, 'email' | 'contactId' | 'at'>): string {
  const parts = [
    `${CONSENT_KINDS.labels[entry.kind].sv}${entry.newsletter ? ` (${entry.newsletter.name})` : ''}: ${CONSENT_EVENTS.labels[entry.event].sv.toLowerCase()}`,
    `via ${CONSENT_SOURCES.labels[entry.source].sv.toLowerCase()}`,
  ];
  if (entry.recordedBy) parts.push(`(${entry.recordedBy})`);
  if (entry.textVersion) parts.push(`– text ${entry.textVersion}`);
  return parts.join(' ').slice(0, 300);
}

export async function recordConsent(strapi: Core.Strapi, entry: ConsentEntry) {
  await strapi.db.query(CONSENT).create({
    data: {
      summary: consentSummary(entry),
      kind: entry.kind,
      event: entry.event,
      textVersion: entry.textVersion ?? null,
      at: entry.at,
      source: entry.source,
      recordedBy: entry.recordedBy?.slice(0, 200) ?? null,
      newsletterDocumentId: entry.newsletter?.documentId ?? null,
      email: entry.email,
      contact: entry.contactId ?? null,
      publishedAt: entry.at,
    },
  });
}

/**
 * A person takes back (or, on the phone, gives again) their consent to be contacted by a guide.
 * Withdrawn: the contact leaves the guides' queues and every invitation (which need consent), the
 * card says so, and the contact stays until the purge rules say otherwise. Given again: as at a
 * registration. Either is the person's doing, so it keeps the contact alive. Returns false for an
 * unknown contact; repeating it changes nothing.
 */
export async function setContactConsent(
  strapi: Core.Strapi,
  documentId: string,
  change: { event: ConsentEvent; source: ConsentSource; recordedBy?: string; textVersion?: string },
  now = new Date(),
): Promise<boolean> {
  const contact = (await strapi.db.query(CONTACT).findOne({
    where: { documentId },
    select: ['id', 'email', 'contactConsentAt', 'contactConsentWithdrawnAt'],
  })) as {
    id: number;
    email: string;
    contactConsentAt: string | null;
    contactConsentWithdrawnAt: string | null;
  } | null;
  if (!contact) return false;
  const withdrawn = !!contact.contactConsentWithdrawnAt;
  if ((change.event === 'withdrawn') === withdrawn) return true;
  return inEmailTransaction(strapi, contact.email, async () => {
    await strapi.db.query(CONTACT).update({
      where: { id: contact.id },
      data:
        change.event === 'withdrawn'
          ? { contactConsentAt: null, contactConsentWithdrawnAt: now }
          : {
              contactConsentAt: now,
              contactConsentVersion: change.textVersion ?? null,
              contactConsentWithdrawnAt: null,
            },
    });
    await recordConsent(strapi, {
      email: contact.email,
      contactId: contact.id,
      kind: 'contact',
      at: now,
      ...change,
    });
    const how = change.recordedBy
      ? { sv: `${change.recordedBy} i telefon`, en: `${change.recordedBy} on the phone` }
      : { sv: 'länken i mejlet', en: 'the link in the e-mail' };
    await logActivity(
      strapi,
      contact,
      {
        kind: 'system',
        at: now,
        summary:
          change.event === 'withdrawn'
            ? {
                sv: `Återkallade sitt samtycke till kontakt (via ${how.sv}). Kontakta inte personen om hen inte hör av sig igen; kontakten finns kvar tills gallringsreglerna tar bort den.`,
                en: `Withdrew their consent to be contacted (via ${how.en}). Do not contact them unless they get in touch again; the contact stays until the retention rules remove it.`,
              }
            : {
                sv: `Gav sitt samtycke till kontakt igen (via ${how.sv}).`,
                en: `Gave their consent to be contacted again (via ${how.en}).`,
              },
      },
      { leaving: change.event === 'withdrawn' },
    );
    return true;
  });
}

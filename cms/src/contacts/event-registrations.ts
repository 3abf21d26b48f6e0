import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import {
  addDays,
  normalizeEmail,
  normalizePhone,
  portalRoute,
  stockholmDate,
  stockholmInstant,
  type EventPlaces,
  type EventRegistration,
  type Locale,
} from '@tasteget/shared';
import { logActivity } from './activities';
import { findContact } from './contacts';
import { eventRegistrationMail } from '../mail/mails';
import { enqueueMail, wakeMailQueue } from '../mail/outbox';
import { environment } from '../platform/environment';
import { claimJobRun } from '../platform/job-runs';
import { excelCsv } from '../platform/csv';
import { inEmailTransaction } from '../platform/transaction';
import { EVENT, EVENT_REGISTRATION } from '../platform/content-types';

/**
 * Sign-ups to the programme's events (inflyttarträffar and the like). An event that takes sign-ups
 * (`signUpOpen`) may have a capacity in places; a sign-up that does not fit waits in line, and each
 * cancellation moves the line up in the order people signed up. All of it for one event runs under
 * the event's lock, so two sign-ups never take the last place twice. The confirmation carries the
 * event as an iCalendar file (ical-generator) and a cancel link; a sign-up is logged on the card of
 * the contact with the same address.
 */
export interface OpenEvent {
  documentId: string;
  slug: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string | null;
  capacity: number | null;
}

export class EventClosedError extends Error {
  constructor() {
    super('The event does not take sign-ups');
    this.name = 'EventClosedError';
  }
}

const eventLock = (documentId: string) => `event:${documentId}`;

type SharedFields = Pick<OpenEvent, 'startsAt' | 'endsAt' | 'capacity'> & { signUpOpen: boolean | null };

/**
 * The fields an event's languages share (time, sign-up, places), as last published. Each language
 * has a published version of its own, and a shared field changes in another language's published
 * version only when that one is published again: the places an editor changed and published in
 * Swedish must hold on the English page too, or a full event would take sign-ups there.
 */
async function sharedFields(strapi: Core.Strapi, documentId: string): Promise<SharedFields | null> {
  const [latest] = (await strapi.db.query(EVENT).findMany({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['startsAt', 'endsAt', 'signUpOpen', 'capacity'],
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    limit: 1,
  })) as SharedFields[];
  return latest ?? null;
}

/**
 * A published event, found by slug or document, in the language asked for (else Swedish), with
 * the fields its languages share as last published.
 */
async function publishedEvent(
  strapi: Core.Strapi,
  by: { slug: string } | { documentId: string },
  language: Locale,
): Promise<(OpenEvent & { signUpOpen: boolean | null }) | null> {
  for (const locale of new Set([language, 'sv'])) {
    const found = (await strapi.documents(EVENT).findFirst({
      filters: by,
      fields: ['slug', 'title', 'startsAt', 'endsAt', 'place', 'capacity'],
      locale,
      status: 'published',
    } as never)) as unknown as OpenEvent | null;
    if (!found) continue;
    const shared = await sharedFields(strapi, found.documentId);
    return { ...found, signUpOpen: null, ...shared };
  }
  return null;
}

/** A published, upcoming event that takes sign-ups, in the language asked for (else Swedish). */
export async function openEvent(strapi: Core.Strapi, slug: string, language: Locale, now = new Date()) {
  const event = await publishedEvent(strapi, { slug }, language);
  if (!event?.signUpOpen) return null;
  return new Date(event.startsAt) > now ? event : null;
}

type RegistrationRow = {
  id: number;
  documentId: string;
  name: string;
  email: string;
  participants: number;
  registrationStatus: 'confirmed' | 'waitlisted' | 'cancelled';
  language: Locale;
  cancelToken: string;
  eventTitle: string;
  createdAt: string;
  contact: { id: number; documentId: string } | null;
};

const registrationsOf = async (strapi: Core.Strapi, eventDocumentId: string) =>
  (await strapi.db.query(EVENT_REGISTRATION).findMany({
    where: { event: { documentId: eventDocumentId }, registrationStatus: { $ne: 'cancelled' } },
    populate: { contact: { select: ['id', 'documentId'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })) as RegistrationRow[];

const placesTaken = (rows: RegistrationRow[]) =>
  rows.filter((r) => r.registrationStatus === 'confirmed').reduce((sum, r) => sum + r.participants, 0);

/** Whether an event takes sign-ups now and how many places are left: counts, never names. */
export async function placesLeft(
  strapi: Core.Strapi,
  slug: string,
  language: Locale,
  now = new Date(),
): Promise<EventPlaces> {
  const event = await openEvent(strapi, slug, language, now);
  if (!event) return { open: false, capacity: null, left: null };
  if (event.capacity === null) return { open: true, capacity: null, left: null };
  const taken = placesTaken(await registrationsOf(strapi, event.documentId));
  return { open: true, capacity: event.capacity, left: Math.max(0, event.capacity - taken) };
}

/**
 * The event as an iCalendar file: one VEVENT, its UID stable per sign-up. Cancelled, the same UID
 * as a CANCEL (a later SEQUENCE), which takes the event out of the person's calendar.
 */
export function eventCalendar(event: OpenEvent, uid: string, language: Locale, cancelled = false): string {
  const start = new Date(event.startsAt);
  const calendar = ical({
    name: 'Ta Steget',
    prodId: { company: 'Region Jämtland Härjedalen', product: 'Ta Steget' },
    // Stated in the file as in the mail's Content-Type (RFC 5545/5546), so strict clients accept it.
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    ...(cancelled ? { status: ICalEventStatus.CANCELLED, sequence: 1 } : {}),
    id: `${uid}@${new URL(environment().PUBLIC_URL).hostname}`,
    start,
    end: event.endsAt ? new Date(event.endsAt) : new Date(start.getTime() + 2 * 3_600_000),
    summary: event.title,
    location: event.place ?? undefined,
    url: eventPageUrl(event.slug, language),
  });
  return calendar.toString();
}

/**
 * A sign-up's mail in `language`, with the event as a calendar file when the person has a place,
 * and the file that takes it back when a place is cancelled.
 */
function signUpMail(
  kind: 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled',
  event: OpenEvent,
  registration: {
    documentId: string;
    name: string;
    email: string;
    participants: number;
    cancelToken: string;
    already?: boolean;
  },
  language: Locale,
  hadPlace = false,
) {
  const calendar =
    kind === 'cancelled'
      ? hadPlace
        ? eventCalendar(event, registration.documentId, language, true)
        : undefined
      : kind === 'waitlisted'
        ? undefined
        : eventCalendar(event, registration.documentId, language);
  return eventRegistrationMail(kind, { ...event, language }, { ...registration, calendar });
}

/** The portal's page of an event. */
export function eventPageUrl(slug: string, language: Locale): string {
  return `${environment().SITE_URL.replace(/\/$/, '')}${portalRoute('events', language, slug)}`;
}

export type SignUpOutcome = { status: 'confirmed' | 'waitlisted'; already: boolean };

export async function registerForEvent(
  strapi: Core.Strapi,
  input: Omit<EventRegistration, 'challenge' | 'website'>,
  now = new Date(),
): Promise<SignUpOutcome> {
  const event = await openEvent(strapi, input.event, input.language, now);
  if (!event) throw new EventClosedError();
  const email = normalizeEmail(input.email);
  return inEmailTransaction(strapi, eventLock(event.documentId), async (afterCommit) => {
    const rows = await registrationsOf(strapi, event.documentId);
    const mine = rows.find((r) => r.email === email);
    if (mine) {
      // Sent again to the address, as it stands: the person who lost it has it, and the answer
      // on the page is a new sign-up's, so it tells nobody else whether the address is signed up.
      const status = mine.registrationStatus as SignUpOutcome['status'];
      await enqueueMail(
        strapi,
        signUpMail(status, event, { ...mine, email, already: true }, input.language),
        mine.contact?.id,
      );
      afterCommit(wakeMailQueue);
      return { status, already: true };
    }
    const fits = event.capacity === null || placesTaken(rows) + input.participants <= event.capacity;
    const status = fits ? 'confirmed' : 'waitlisted';
    const contact = await findContact(strapi, email);
    const cancelToken = randomBytes(32).toString('base64url');
    const created = (await strapi.documents(EVENT_REGISTRATION).create({
      data: {
        event: event.documentId,
        name: input.name,
        email,
        // In E.164 like the register's phones (the endpoint refuses a number it cannot read).
        phone: input.phone ? (normalizePhone(input.phone) ?? null) : null,
        participants: input.participants,
        message: input.message || null,
        registrationStatus: status,
        language: input.language,
        cancelToken,
        eventTitle: event.title,
        eventStartsAt: event.startsAt,
        consentAt: now,
        ...(contact ? { contact: contact.documentId } : {}),
      },
    } as never)) as unknown as { id: number; documentId: string };
    await enqueueMail(
      strapi,
      signUpMail(
        status,
        event,
        { ...created, name: input.name, email, participants: input.participants, cancelToken },
        input.language,
      ),
      contact?.id,
    );
    if (contact) {
      await logActivity(strapi, contact, {
        kind: 'system',
        at: now,
        summary: {
          sv: `Anmälde ${input.participants} ${input.participants === 1 ? 'person' : 'personer'} till ${event.title}${status === 'waitlisted' ? ' (på väntelistan)' : ''}.`,
          en: `Signed up ${input.participants} ${input.participants === 1 ? 'person' : 'people'} for ${event.title}${status === 'waitlisted' ? ' (on the waiting list)' : ''}.`,
        },
      });
    }
    afterCommit(wakeMailQueue);
    return { status, already: false };
  });
}

/** The sign-up a cancel link names, with its event; null when unknown. */
export async function registrationForCancelToken(strapi: Core.Strapi, token: string) {
  return (await strapi.db.query(EVENT_REGISTRATION).findOne({
    where: { cancelToken: token },
    populate: { event: { select: ['documentId', 'slug'] }, contact: { select: ['id', 'documentId'] } },
  })) as (RegistrationRow & { event: { documentId: string; slug: string } | null }) | null;
}

/**
 * Cancels a sign-up (harmless to repeat) and moves the waiting list up while places allow, each
 * promoted person told by mail with the event in their calendar. Null for an unknown token.
 */
export async function cancelRegistration(strapi: Core.Strapi, token: string, now = new Date()) {
  const found = await registrationForCancelToken(strapi, token);
  if (!found?.event) return null;
  const eventDocumentId = found.event.documentId;
  return inEmailTransaction(strapi, eventLock(eventDocumentId), async (afterCommit) => {
    const current = await registrationForCancelToken(strapi, token);
    if (!current || current.registrationStatus === 'cancelled')
      return { language: found.language, promoted: 0 };
    await strapi.db.query(EVENT_REGISTRATION).update({
      where: { id: current.id },
      data: { registrationStatus: 'cancelled', cancelledAt: now },
    });
    if (current.contact) {
      await logActivity(strapi, current.contact, {
        kind: 'system',
        at: now,
        summary: {
          sv: `Avanmälde sig från ${current.eventTitle}.`,
          en: `Cancelled their sign-up for ${current.eventTitle}.`,
        },
      });
    }
    // Each mail names the event in the language of its reader's sign-up.
    const versions = new Map<Locale, Promise<OpenEvent | null>>();
    const eventIn = (language: Locale) => {
      if (!versions.has(language))
        versions.set(language, publishedEvent(strapi, { documentId: eventDocumentId }, language));
      return versions.get(language)!;
    };
    const event = await eventIn(current.language);
    if (event) {
      // Said by mail too; a confirmed place had a calendar file, which the cancellation takes back.
      await enqueueMail(
        strapi,
        signUpMail('cancelled', event, current, current.language, current.registrationStatus === 'confirmed'),
        current.contact?.id,
      );
    }
    let promoted = 0;
    if (event && new Date(event.startsAt) > now) {
      const rows = await registrationsOf(strapi, eventDocumentId);
      let taken = placesTaken(rows);
      for (const waiting of rows.filter((r) => r.registrationStatus === 'waitlisted')) {
        if (event.capacity !== null && taken + waiting.participants > event.capacity) break;
        taken += waiting.participants;
        promoted += 1;
        await strapi.db.query(EVENT_REGISTRATION).update({
          where: { id: waiting.id },
          data: { registrationStatus: 'confirmed', promotedAt: now },
        });
        await enqueueMail(
          strapi,
          signUpMail('promoted', (await eventIn(waiting.language)) ?? event, waiting, waiting.language),
          waiting.contact?.id,
        );
        if (waiting.contact) {
          await logActivity(strapi, waiting.contact, {
            kind: 'system',
            at: now,
            summary: {
              sv: `Fick plats på ${event.title} från väntelistan.`,
              en: `Got a place at ${event.title} from the waiting list.`,
            },
          });
        }
      }
    }
    afterCommit(wakeMailQueue);
    return { language: current.language, promoted };
  });
}

/**
 * The day-before reminder: each confirmed sign-up to an event that begins tomorrow (Stockholm
 * time) gets one mail. Once a day across processes (a job run per date), and once per sign-up
 * (`reminderSentAt`), so a second run that day sends nothing.
 */
export async function sendEventReminders(strapi: Core.Strapi, now = new Date()): Promise<number> {
  const tomorrow = addDays(stockholmDate(now), 1);
  const sent = await strapi.db.transaction(async ({ trx }) => {
    if (!(await claimJobRun(trx, 'event-reminders', stockholmDate(now)))) return 0;
    const due = (await strapi.db.query(EVENT_REGISTRATION).findMany({
      where: {
        registrationStatus: 'confirmed',
        reminderSentAt: { $null: true },
        eventStartsAt: {
          $gte: stockholmInstant(tomorrow, '00:00:00.000'),
          $lte: stockholmInstant(tomorrow, '23:59:59.999'),
        },
      },
      populate: { event: { select: ['slug', 'place'] }, contact: { select: ['id'] } },
    })) as (RegistrationRow & {
      eventStartsAt: string;
      event: { slug: string; place: string | null } | null;
    })[];
    for (const registration of due) {
      await enqueueMail(
        strapi,
        eventRegistrationMail(
          'reminder',
          {
            title: registration.eventTitle,
            slug: registration.event?.slug ?? '',
            startsAt: registration.eventStartsAt,
            place: registration.event?.place ?? null,
            language: registration.language,
          },
          registration,
        ),
        registration.contact?.id,
      );
      await strapi.db.query(EVENT_REGISTRATION).update({
        where: { id: registration.id },
        data: { reminderSentAt: now },
      });
    }
    return due.length;
  });
  if (sent > 0) wakeMailQueue();
  return sent;
}

export interface Attendee {
  name: string;
  email: string;
  phone: string | null;
  participants: number;
  message: string | null;
  status: 'confirmed' | 'waitlisted';
  signedUpAt: string;
}

/** An event's sign-ups in order (the confirmed, then the waiting list), for the admin and its CSV. */
export async function attendeesOf(strapi: Core.Strapi, eventDocumentId: string) {
  const rows = (await strapi.db.query(EVENT_REGISTRATION).findMany({
    where: { event: { documentId: eventDocumentId }, registrationStatus: { $ne: 'cancelled' } },
    select: ['name', 'email', 'phone', 'participants', 'message', 'registrationStatus', 'createdAt'],
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })) as (Omit<Attendee, 'status' | 'signedUpAt'> & {
    registrationStatus: Attendee['status'];
    createdAt: string;
  })[];
  const attendees: Attendee[] = rows.map((r) => ({
    name: r.name,
    email: r.email,
    phone: r.phone,
    participants: r.participants,
    message: r.message,
    status: r.registrationStatus,
    signedUpAt: new Date(r.createdAt).toISOString(),
  }));
  const confirmed = attendees.filter((a) => a.status === 'confirmed');
  const waitlisted = attendees.filter((a) => a.status === 'waitlisted');
  return {
    confirmed,
    waitlisted,
    places: confirmed.reduce((sum, a) => sum + a.participants, 0),
  };
}

export function attendeesCsv(list: Awaited<ReturnType<typeof attendeesOf>>): string {
  const status = { confirmed: 'Anmäld', waitlisted: 'Väntelista' } as const;
  return excelCsv([
    ['Status', 'Namn', 'E-post', 'Telefon', 'Antal personer', 'Anmäld', 'Meddelande'],
    ...[...list.confirmed, ...list.waitlisted].map((a) => [
      status[a.status],
      a.name,
      a.email,
      a.phone ?? '',
      a.participants,
      a.signedUpAt.slice(0, 16).replace('T', ' '),
      a.message ?? '',
    ]),
  ]);
}

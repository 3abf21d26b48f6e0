import type { Core } from '@strapi/strapi';
import {
  CLOSED_CONTACT_STATUSES,
  REGION,
  addBusinessDays,
  formatPhone,
  stockholmDate,
  stockholmInstant,
  type MunicipalitySlug,
  type PreferredChannel,
  type QueueOwner,
} from '@tasteget/shared';
import { CONTACT } from '../platform/content-types';

/**
 * A municipality queue: the contacts still waiting for their first response. A contact is in the
 * queue of every municipality it chose (the first one is responsible) or, with none chosen, in the
 * region's. Each contact stands in one section: overdue (deadline passed), due soon (deadline within
 * two business days) or new (more time left).
 */

export const QUEUE_SECTIONS = ['overdue', 'due-soon', 'new'] as const;
export type QueueSection = (typeof QUEUE_SECTIONS)[number];
/** "Due soon" means the deadline falls within this many business days from today. */
export const DUE_SOON_BUSINESS_DAYS = 2;

export interface WaitingContact {
  documentId: string;
  firstName: string;
  lastName: string | null;
  email: string;
  phone: string | null;
  preferredChannel: PreferredChannel;
  municipalities: MunicipalitySlug[];
  assignedMunicipality: QueueOwner;
  firstResponseDueAt: string;
  createdAt: string;
}

export interface QueueEntry extends WaitingContact {
  section: QueueSection;
  /** This queue's municipality is the one responsible (the first chosen), not only interested. */
  responsible: boolean;
}

/** Every contact still waiting for a first response, oldest deadline first. */
export async function waitingContacts(strapi: Core.Strapi): Promise<WaitingContact[]> {
  const rows = (await strapi.db.query(CONTACT).findMany({
    select: [
      'documentId',
      'firstName',
      'lastName',
      'email',
      'phone',
      'preferredChannel',
      'municipalities',
      'assignedMunicipality',
      'firstResponseDueAt',
      'createdAt',
    ],
    where: {
      firstRespondedAt: { $null: true },
      firstResponseDueAt: { $notNull: true },
      // A person who took back their consent is not to be contacted: out of every queue.
      contactConsentWithdrawnAt: { $null: true },
      moveStatus: { $notIn: [...CLOSED_CONTACT_STATUSES] },
    },
    orderBy: [{ firstResponseDueAt: 'asc' }, { id: 'asc' }],
  })) as (Omit<WaitingContact, 'firstResponseDueAt' | 'createdAt' | 'municipalities'> & {
    firstResponseDueAt: string | Date;
    createdAt: string | Date;
    municipalities: MunicipalitySlug[] | null;
  })[];
  return rows.map((row) => ({
    ...row,
    // Stored in E.164; guides read their own country's form.
    phone: row.phone ? formatPhone(row.phone) : null,
    municipalities: row.municipalities ?? [],
    firstResponseDueAt: new Date(row.firstResponseDueAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
  }));
}

export function inQueue(contact: WaitingContact, owner: QueueOwner): boolean {
  if (owner === REGION) return contact.assignedMunicipality === REGION;
  return contact.assignedMunicipality === owner || contact.municipalities.includes(owner);
}

/** Sorts deadlines into sections as seen at `now` (the business-day boundary computed once). */
export function sectionsAt(now: Date): (dueAt: Date) => QueueSection {
  const dueSoonUntil = stockholmInstant(
    addBusinessDays(stockholmDate(now), DUE_SOON_BUSINESS_DAYS),
    '23:59:59.999',
  ).getTime();
  return (dueAt) => {
    if (dueAt.getTime() < now.getTime()) return 'overdue';
    return dueAt.getTime() <= dueSoonUntil ? 'due-soon' : 'new';
  };
}

/** A contact of the queue who took back their consent to be contacted: a note, not work. */
export interface WithdrawnNote {
  documentId: string;
  firstName: string;
  lastName: string | null;
  withdrawnAt: string;
}
/** How long a withdrawal stays as a note in the queue. */
export const WITHDRAWN_NOTE_DAYS = 30;

export type Queue = { owner: QueueOwner; generatedAt: string; withdrawn: WithdrawnNote[] } & Record<
  QueueSection,
  QueueEntry[]
>;

export async function queueOf(strapi: Core.Strapi, owner: QueueOwner, now = new Date()): Promise<Queue> {
  const queue: Queue = {
    owner,
    generatedAt: now.toISOString(),
    overdue: [],
    'due-soon': [],
    new: [],
    withdrawn: [],
  };
  const sectionOf = sectionsAt(now);
  for (const contact of await waitingContacts(strapi)) {
    if (!inQueue(contact, owner)) continue;
    const section = sectionOf(new Date(contact.firstResponseDueAt));
    queue[section].push({ ...contact, section, responsible: contact.assignedMunicipality === owner });
  }
  // Those who took back their consent lately, so the guide knows not to call them.
  const withdrawn = (await strapi.db.query(CONTACT).findMany({
    select: [
      'documentId',
      'firstName',
      'lastName',
      'municipalities',
      'assignedMunicipality',
      'contactConsentWithdrawnAt',
    ],
    where: {
      contactConsentWithdrawnAt: { $gte: new Date(now.getTime() - WITHDRAWN_NOTE_DAYS * 86_400_000) },
    },
    orderBy: [{ contactConsentWithdrawnAt: 'desc' }, { id: 'desc' }],
  })) as (Omit<WithdrawnNote, 'withdrawnAt'> & {
    municipalities: MunicipalitySlug[] | null;
    assignedMunicipality: QueueOwner;
    contactConsentWithdrawnAt: string | Date;
  })[];
  for (const row of withdrawn) {
    const inThisQueue =
      owner === REGION
        ? row.assignedMunicipality === REGION
        : row.assignedMunicipality === owner || (row.municipalities ?? []).includes(owner);
    if (!inThisQueue) continue;
    queue.withdrawn.push({
      documentId: row.documentId,
      firstName: row.firstName,
      lastName: row.lastName,
      withdrawnAt: new Date(row.contactConsentWithdrawnAt).toISOString(),
    });
  }
  return queue;
}

/** The instant the Stockholm day of `now` ends: reminders list what is due by then. */
export function endOfStockholmDay(now: Date): Date {
  return stockholmInstant(stockholmDate(now), '23:59:59.999');
}

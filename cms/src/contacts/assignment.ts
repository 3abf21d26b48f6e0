import {
  firstResponseDeadline,
  REGION,
  type ContactStatus,
  type MunicipalitySlug,
  type QueueOwner,
} from '@tasteget/shared';

/**
 * Which queue a contact belongs to: the first municipality it chose is responsible (the others
 * see it too, through `municipalities`); a contact that chose none is the region's.
 */
export function responsibleQueue(municipalities: readonly MunicipalitySlug[]): QueueOwner {
  return municipalities[0] ?? REGION;
}

/** Municipalities of an earlier registration first, new ones appended in the order given. */
export function mergeLists<T>(existing: readonly T[], added: readonly T[]): T[] {
  return [...existing, ...added.filter((item) => !existing.includes(item))];
}

/**
 * What every new contact gets, whichever way it came in (a registration, or a guide's entry in the
 * admin): the responsible queue, the first-response deadline counted from its arrival, and its
 * activity clock started. Its first log line says which way it came.
 */
export function newContactBookkeeping(municipalities: readonly MunicipalitySlug[], at: Date) {
  return {
    assignedMunicipality: responsibleQueue(municipalities),
    firstResponseDueAt: firstResponseDeadline(at),
    lastActivityAt: at,
  };
}

/**
 * A return visit after the work on a contact ended (not moving, closed) is a new request, and
 * opens the contact again. Never answered, it is New with a deadline counted from this visit: the
 * old one, long passed, would mark it late the day it came. Answered before, it is In dialog again
 * (the first response is history, and the guide's notice asks them to pick up). A household marked
 * moved stays moved: the move is the programme's result, counted in its figures, and the notice
 * tells the guide they wrote again.
 */
export function reopenedBookkeeping(
  contact: { moveStatus: string; firstRespondedAt?: string | Date | null },
  at: Date,
): { moveStatus?: ContactStatus; firstResponseDueAt?: Date; closedAt?: null } {
  if (contact.moveStatus !== 'not-moving' && contact.moveStatus !== 'closed') return {};
  return contact.firstRespondedAt
    ? { moveStatus: 'in-dialog', closedAt: null }
    : { moveStatus: 'new', firstResponseDueAt: firstResponseDeadline(at), closedAt: null };
}

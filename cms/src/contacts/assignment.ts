import { firstResponseDeadline, REGION, type MunicipalitySlug, type QueueOwner } from '@tasteget/shared';

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

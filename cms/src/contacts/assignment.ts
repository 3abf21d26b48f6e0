import { REGION, type MunicipalitySlug, type QueueOwner } from '@tasteget/shared';

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

import type { Core } from '@strapi/strapi';
import { parseSegment, REGION } from '@tasteget/shared';
import { refuse } from '../platform/admin-errors';
import { caresForRegister, queueOfUser, worksRegister, type AdminUser } from '../workspace/guides';

/**
 * Who may send a campaign to its audience: the coordinator (and super admins) anywhere; a guide
 * only to a segment limited to their own municipality (every recipient must have chosen it, so
 * the segment matches all its conditions, or has one, and one of them is that municipality
 * alone). County-wide sends, and the region's guide's, are the coordinator's. Test sends and
 * previews stay open to everyone who composes.
 *
 * Asked when "Skicka" is pressed, and when a campaign is saved as scheduled: a scheduled campaign
 * starts by itself at its time, so saving it so is pressing "Skicka" ahead of time, by the user
 * who saves it (`campaign-edits.ts`). Throws SegmentError for a segment that does not parse.
 */
export async function assertMaySend(strapi: Core.Strapi, user: AdminUser, segmentValue: unknown) {
  if (!worksRegister(user)) {
    throw refuse.forbidden({
      sv: 'Bara samordnare och flyttvägledare kan skicka nyhetsbrev.',
      en: 'Only coordinators and relocation guides can send newsletters.',
    });
  }
  const segment = parseSegment(segmentValue);
  if (caresForRegister(user)) return;
  const queue = await queueOfUser(strapi, user);
  const binding = segment.match === 'all' || segment.conditions.length === 1 ? segment.conditions : [];
  const limited = binding.some(
    (c) => c.kind === 'municipality' && c.includeUnspecified !== true && c.anyOf.every((m) => m === queue),
  );
  if (queue && queue !== REGION && limited) return;
  throw refuse.forbidden({
    sv: 'Som flyttvägledare skickar du bara till ett urval begränsat till din kommun. Utskick till fler kommuner eller hela länet gör samordnaren.',
    en: "As a relocation guide you send only to a segment limited to your municipality. Sends to more municipalities or the whole county are the coordinator's.",
  });
}

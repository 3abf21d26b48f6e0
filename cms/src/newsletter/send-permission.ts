import type { Core } from '@strapi/strapi';
import { parseSegment, REGION } from '@tasteget/shared';
import { refuse, type Messages } from '../platform/admin-errors';
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
 * who saves it (`campaign-edits.ts`). Who may send a campaign may stop it: pause, resume, cancel,
 * and change or unschedule it while scheduled; the refusal names what was refused. Throws
 * SegmentError for a segment that does not parse.
 */
export type SendAction = 'send' | 'pause' | 'resume' | 'cancel' | 'change';

const NOT_YOURS_TO: Record<Exclude<SendAction, 'send'>, Messages> = {
  pause: { sv: 'pausa', en: 'pause' },
  resume: { sv: 'återuppta', en: 'resume' },
  cancel: { sv: 'avbryta', en: 'cancel' },
  change: { sv: 'ändra eller ta tillbaka', en: 'change or unschedule' },
};

function guideRefusal(action: SendAction): Messages {
  if (action === 'send')
    return {
      sv: 'Som flyttvägledare skickar du bara till ett urval begränsat till din kommun. Utskick till fler kommuner eller hela länet gör samordnaren.',
      en: "As a relocation guide you send only to a segment limited to your municipality. Sends to more municipalities or the whole county are the coordinator's.",
    };
  const verb = NOT_YOURS_TO[action];
  return {
    sv: `Du kan inte ${verb.sv} det här utskicket: det går inte bara till din kommun, och sådana utskick sköter samordnaren.`,
    en: `You cannot ${verb.en} this campaign: it does not go to your municipality alone, and such sends are the coordinator's.`,
  };
}

export async function assertMaySend(
  strapi: Core.Strapi,
  user: AdminUser,
  segmentValue: unknown,
  action: SendAction = 'send',
) {
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
  throw refuse.forbidden(guideRefusal(action));
}

import type { Core, Modules } from '@strapi/strapi';
import { SegmentError, safeParseSegment } from '@tasteget/shared';
import { bilingual, refuse } from '../platform/admin-errors';
import { CAMPAIGN } from '../platform/content-types';
import { changedOwnedFields, refuseOwnedFields } from '../platform/owned-fields';
import { inStrapisWords } from '../platform/plain-validation';
import { contentManagerRequest, type RequestUser } from '../platform/request-user';
import type { AdminUser } from '../workspace/guides';
import { assertMaySend, type SendAction } from './send-permission';

/**
 * A campaign is written by hand only before it is sent. "Skicka" (`freeze.ts`) fixes its
 * recipients and content; from then on its status, counts and send time are the sender's
 * (`campaign-status.ts`), and the Content Manager may not put a sent campaign back to draft (it
 * would send again) nor change what went out. Before that, a person moves it only between
 * `draft` and `scheduled`, and deletes it only then: a campaign that went out is the record of
 * what was sent and the ground of its statistics.
 *
 * `scheduled` sends it by itself at `scheduledAt` (`schedule.ts`), so a save that leaves a
 * campaign scheduled is "Skicka" pressed ahead of time by the user who saves it: it needs a time
 * still to come (a time already past is refused, not sent at once: a mistyped date must not mail
 * a whole list) and a user who may send the campaign's segment (`send-permission.ts`). The check
 * is at that save; when the time comes the platform sends it as saved.
 */
const EDITABLE = ['draft', 'scheduled'];
const COUNTS = ['sentAt', 'recipientCount', 'sentCount', 'failedCount'];

const STARTED = {
  sv: 'Utskicket har skickats, skickas eller är avbrutet och kan inte ändras. Gör en kopia för ett nytt utskick.',
  en: 'The campaign has been sent, is being sent or was cancelled and cannot be changed. Make a copy for a new campaign.',
};
const KEPT = {
  sv: 'Ett utskick som har skickats, skickas eller är avbrutet tas inte bort: det är redovisningen av vad som gick ut, med sin statistik.',
  en: 'A campaign that has been sent, is being sent or was cancelled is not deleted: it is the record of what went out, with its statistics.',
};
const SENDER_OWNS = {
  sv: 'Status, antal och sändningstid sätts av utskicket. Skicka, pausa eller avbryt från utskickets panel.',
  en: "Status, counts and send time are set by the sending. Send, pause or cancel from the campaign's panel.",
};

const NO_TIME = {
  sv: 'Ange när utskicket ska skickas (Schemalagt till), eller spara det som utkast.',
  en: 'Give the time to send the campaign (Scheduled for), or save it as a draft.',
};
const TIME_PASSED = {
  sv: 'Tiden att skicka har redan passerat. Välj en tid framåt, eller skicka nu med Skicka i utskickets panel.',
  en: "The time to send has already passed. Choose a time ahead, or send now with Send in the campaign's panel.",
};

// A newsletter is planned weeks ahead, not years: a time further off is a slip of the year.
const YEAR_MS = 366 * 86_400_000;
const TOO_FAR = {
  sv: 'Tiden ligger mer än ett år fram. Kontrollera året.',
  en: 'The time is more than a year ahead. Check the year.',
};

const INVALID_SEGMENT = { sv: 'Urvalet är ogiltigt.', en: 'The segment is invalid.' };

/**
 * A segment is checked at every save, a draft's too: an invalid one can never be sent, and the
 * editor learns which condition is wrong while it is on the screen, not when it is time to send.
 */
function checkSegment(data: Record<string, unknown>) {
  if (!('segment' in data)) return;
  const parsed = safeParseSegment(data.segment);
  if (parsed.success) return;
  const message = (l: 'sv' | 'en') => parsed.issues.map((i) => i.message[l]).join(' ');
  throw refuse.onField('segment', { sv: message('sv'), en: message('en') }, { issues: parsed.issues });
}

/**
 * A newsletter fills in one thing per recipient itself: the greeting ("Hej Anna!", or "Hej!" when
 * no first name is known, as for most subscribers). A merge tag from another mail tool
 * ({{firstName}}, *|FNAME|*, %%name%%) would go out as written, and is refused on its field.
 */
const MERGE_TAG = /\{\{[^{}]*\}\}|\*\|[A-Z0-9_]+\|\*|%%[A-Za-z0-9_]+%%/;
const NO_MERGE_TAGS = {
  sv: 'Platshållare som {{firstName}} fylls inte i: texten går ut som den står. Nyhetsbrevet hälsar själv med förnamn när det är känt ("Hej Anna!"). Ta bort platshållaren.',
  en: 'Placeholders such as {{firstName}} are not filled in: the text goes out as written. The newsletter greets by first name itself where it is known ("Hej Anna!"). Remove the placeholder.',
};

function checkMergeTags(data: Record<string, unknown>) {
  const found: { path: string[]; message: string }[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (typeof value === 'string') {
      if (MERGE_TAG.test(value)) found.push({ path, message: bilingual(NO_MERGE_TAGS) });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, String(i)]));
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value))
        if (key !== '__component') visit(inner, [...path, key]);
    }
  };
  for (const field of ['subject', 'preheader', 'blocks']) visit(data[field], [field]);
  if (found.length > 0) throw inStrapisWords(found);
}

type StoredCampaign = { campaignStatus: string; scheduledAt: string | null; segment: unknown };

/** A save that leaves the campaign scheduled: a time to come, and a user who may send it. */
async function checkSchedule(
  strapi: Core.Strapi,
  user: RequestUser,
  stored: StoredCampaign | null,
  data: Record<string, unknown>,
  now = Date.now(),
) {
  // A scheduled campaign is its sender's: only one who may send it too changes or unschedules it.
  if (stored?.campaignStatus === 'scheduled') await maySend(strapi, user, stored.segment, 'change');
  // What the campaign will be once saved: this save's fields over the stored ones.
  const value = (field: keyof StoredCampaign): unknown => (field in data ? data[field] : stored?.[field]);
  if (String(value('campaignStatus') ?? 'draft') !== 'scheduled') return;
  const at = value('scheduledAt');
  const time = at ? new Date(at as string).getTime() : Number.NaN;
  if (Number.isNaN(time)) throw refuse.onField('scheduledAt', NO_TIME);
  if (time <= now) throw refuse.onField('scheduledAt', TIME_PASSED);
  if (time > now + YEAR_MS) throw refuse.onField('scheduledAt', TOO_FAR);
  await maySend(strapi, user, value('segment'));
}

async function maySend(strapi: Core.Strapi, user: RequestUser, segment: unknown, action?: SendAction) {
  try {
    await assertMaySend(strapi, user as AdminUser, segment, action);
  } catch (error) {
    if (!(error instanceof SegmentError)) throw error;
    throw refuse.invalid(INVALID_SEGMENT, { issues: error.issues });
  }
}

export function installCampaignEditRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const request = context.uid === CAMPAIGN ? contentManagerRequest(strapi) : undefined;
    if (!request) return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    const data = params.data;

    if (context.action === 'create' && data) {
      for (const field of COUNTS) delete data[field];
      if (!EDITABLE.includes(String(data.campaignStatus ?? 'draft'))) data.campaignStatus = 'draft';
      checkSegment(data);
      checkMergeTags(data);
      await checkSchedule(strapi, request.user, null, data);
      return next();
    }
    if (context.action === 'clone') {
      // A copy of a sent campaign is a new draft: nothing of the original's sending comes along.
      params.data = {
        ...data,
        campaignStatus: 'draft',
        sentAt: null,
        recipientCount: 0,
        sentCount: 0,
        failedCount: 0,
      };
      return next();
    }
    if (context.action === 'delete' && params.documentId) {
      const stored = (await strapi.db.query(CAMPAIGN).findOne({
        where: { documentId: params.documentId },
        select: ['campaignStatus'],
      })) as Pick<StoredCampaign, 'campaignStatus'> | null;
      if (stored && !EDITABLE.includes(stored.campaignStatus)) throw refuse.invalid(KEPT);
      return next();
    }
    if (context.action === 'update' && params.documentId && data) {
      const stored = (await strapi.db.query(CAMPAIGN).findOne({
        where: { documentId: params.documentId },
        select: ['campaignStatus', 'scheduledAt', 'segment'],
      })) as StoredCampaign | null;
      if (stored && !EDITABLE.includes(stored.campaignStatus)) throw refuse.invalid(STARTED);
      const changed = await changedOwnedFields(
        strapi,
        { uid: CAMPAIGN, fields: COUNTS, dates: ['sentAt'] },
        params.documentId,
        data,
      );
      if ('campaignStatus' in data && !EDITABLE.includes(String(data.campaignStatus)))
        changed.unshift('campaignStatus');
      if (changed.length > 0) refuseOwnedFields(SENDER_OWNS, changed);
      checkSegment(data);
      checkMergeTags(data);
      await checkSchedule(strapi, request.user, stored, data);
    }
    return next();
  };
  strapi.documents.use(rule);
}

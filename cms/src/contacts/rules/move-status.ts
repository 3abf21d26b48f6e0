import type { Core, Modules } from '@strapi/strapi';
import { addDays, CLOSED_CONTACT_STATUSES, stockholmDate } from '@tasteget/shared';
import { bilingual, refuse, type Messages } from '../../platform/admin-errors';
import { CONTACT } from '../../platform/content-types';
import { inStrapisWords } from '../../platform/plain-validation';

/**
 * "Moved" is the programme's result, counted in its KPIs: a contact can be marked moved only with
 * the municipality it moved to and the date. Checked on the merged state, so clearing either of
 * them on a moved contact is refused too. A move is counted when it has happened: a date after
 * today (in Stockholm) is refused, or a planned move would count in a quarter it has not reached.
 * So is one more than a year before the household registered: the programme counts the moves of
 * those it guided, and such a date is a typing slip (2016 for 2026) that would count the move in a
 * quarter long reported.
 *
 * A contact's `closedAt` is when it entered a closed status (moved, not moving, closed): the key
 * figures count an unanswered contact closed before its deadline as no missed answer
 * (workspace/kpis.ts). Set here, on the status change; a return visit clears it
 * (contacts/assignment.ts).
 *
 * "Contacted" and "in dialog" say the household has been answered, which the dialog log records
 * (workspace/dialog.ts): set by hand before a response is logged, the card would say answered
 * while the deadline still ran and the reports counted it unanswered. Such a change is refused
 * with the way to do it; a status already stored is left alone.
 */
const ANSWERED_STATUSES: readonly string[] = ['contacted', 'in-dialog'];
const MESSAGES = {
  movedTo: {
    sv: 'Ange vilken kommun hushållet flyttade till.',
    en: 'Enter the municipality the household moved to.',
  },
  movedAt: {
    sv: 'Ange datum för flytten.',
    en: 'Enter the date of the move.',
  },
  futureMove: {
    sv: 'Flyttdatumet kan inte ligga efter dagens datum: markera flytten när den har skett.',
    en: 'The date of the move cannot be after today: mark the move once it has happened.',
  },
  notADate: {
    sv: 'Ange flyttdatumet som ÅÅÅÅ-MM-DD.',
    en: 'Give the date of the move as YYYY-MM-DD.',
  },
  unanswered: {
    sv: 'Logga först ditt svar (samtal, mejl eller möte) i dialogen på kontaktkortet: då blir kontakten Kontaktad och svarstiden stoppas.',
    en: 'First log your response (call, e-mail or meeting) in the dialog on the contact card: that marks the contact Contacted and stops the response clock.',
  },
  longBefore: {
    sv: 'Flyttdatumet kan inte ligga mer än ett år före registreringen. Kontrollera året.',
    en: 'The date of the move cannot be more than a year before the registration. Check the year.',
  },
} satisfies Record<string, Messages>;

const refuseMovedAt = (messages: Messages) => refuse.onField('movedAt', messages);

/** YYYY-MM-DD when `value` is a real calendar date (or a timestamp of one), else null. */
function calendarDate(value: unknown): string | null {
  const day = String(value).slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day ? day : null;
}

export function installMoveStatusRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== CONTACT || (context.action !== 'create' && context.action !== 'update'))
      return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    if (!params.data) return next();
    const before =
      context.action === 'update' && params.documentId
        ? ((await strapi.db.query(CONTACT).findOne({
            where: { documentId: params.documentId },
            select: ['moveStatus', 'movedTo', 'movedAt', 'createdAt', 'firstRespondedAt'],
          })) as Record<string, unknown> | null)
        : null;
    const after = { ...before, ...params.data };
    const statusChanged = 'moveStatus' in params.data && params.data.moveStatus !== before?.moveStatus;
    if (statusChanged && ANSWERED_STATUSES.includes(String(after.moveStatus)) && !after.firstRespondedAt) {
      throw refuse.onField('moveStatus', MESSAGES.unanswered);
    }
    if (after.moveStatus === 'moved') {
      const missing = (['movedTo', 'movedAt'] as const).filter((field) => !after[field]);
      if (missing.length === 1) throw refuse.onField(missing[0], MESSAGES[missing[0]]);
      if (missing.length > 1) {
        throw inStrapisWords(
          missing.map((field) => ({ path: [field], message: bilingual(MESSAGES[field]) })),
        );
      }
    }
    // When the work ended: set as the contact enters a closed status, cleared as it leaves one.
    const closed = (status: unknown) => (CLOSED_CONTACT_STATUSES as readonly unknown[]).includes(status);
    if (
      (statusChanged || context.action === 'create') &&
      closed(after.moveStatus) !== closed(before?.moveStatus)
    ) {
      // A time the platform's own write gives (an import) stands; a form's is dropped before this
      // (contact-bookkeeping.ts). A copy: the caller's data object stays as they gave it.
      const closedAt = closed(after.moveStatus) ? (params.data.closedAt ?? new Date().toISOString()) : null;
      params.data = { ...params.data, closedAt };
    }
    // Only a date this save gives: one stored before the rule must not block every other save.
    const given = params.data.movedAt;
    if (given) {
      const day = calendarDate(given);
      if (!day) throw refuseMovedAt(MESSAGES.notADate);
      if (day > stockholmDate(new Date())) throw refuseMovedAt(MESSAGES.futureMove);
      const registered = stockholmDate(before?.createdAt ? new Date(String(before.createdAt)) : new Date());
      if (day < addDays(registered, -366)) throw refuseMovedAt(MESSAGES.longBefore);
    }
    return next();
  };
  strapi.documents.use(rule);
}

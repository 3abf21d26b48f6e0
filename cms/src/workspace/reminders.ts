import type { Core } from '@strapi/strapi';
import { REGION, municipalityName, stockholmDate, type QueueOwner } from '@tasteget/shared';
import { environment } from '../platform/environment';
import { renderMail } from '../mail/layout';
import { contactCardUrl, type OutgoingMail } from '../mail/mails';
import { enqueueMail, wakeMailQueue } from '../mail/outbox';
import { guideAssignments, type GuideOfQueue } from './guides';
import { endOfStockholmDay, waitingContacts, type WaitingContact } from './queue';
import { claimJobRun } from '../platform/job-runs';

/**
 * The daily reminder (07:00 Stockholm time): each guide who takes reminders gets one mail listing
 * the contacts of their queue that are due today or overdue and still unanswered. Reminders go to
 * the responsible queue only (the first municipality chosen, or the region), so a household is
 * chased by one municipality. Nothing is sent to a guide with nothing due. The run is claimed once
 * per day across processes, in the transaction that queues the mail.
 */
const JOB = 'guide-reminders';

const dueDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

const queueLabel = (owner: QueueOwner) =>
  owner === REGION ? 'regionens kö' : `${municipalityName(owner)}s kö`;

export function reminderMail(guide: GuideOfQueue, due: WaitingContact[], now: Date): OutgoingMail {
  const overdue = due.filter((c) => new Date(c.firstResponseDueAt) < now).length;
  const facts: [string, string][] = due.map((c) => {
    const late = new Date(c.firstResponseDueAt) < now;
    const channel =
      c.preferredChannel === 'phone' ? `Ring ${c.phone ?? '(nummer saknas)'}` : `Mejla ${c.email}`;
    const deadline = `${late ? 'FÖRSENAD, skulle ha besvarats' : 'Svara senast'} ${dueDate.format(new Date(c.firstResponseDueAt))}`;
    return [
      [c.firstName, c.lastName].filter(Boolean).join(' '),
      `${deadline} · ${channel} · ${contactCardUrl(c.documentId)}`,
    ];
  });
  const { html, text } = renderMail({
    language: 'sv',
    heading: `${due.length} ${due.length === 1 ? 'kontakt' : 'kontakter'} att svara i dag`,
    paragraphs: [
      `Hej ${guide.user.firstname ?? ''}! I ${queueLabel(guide.queue)} väntar ${due.length} ${due.length === 1 ? 'kontakt' : 'kontakter'} på första svar i dag${overdue ? `, varav ${overdue} redan är försenade` : ''}.`,
      'Svara på den kanal kontakten valt och logga samtalet eller mejlet på kontaktkortet.',
    ],
    facts,
    button: { label: 'Öppna min kö', url: `${environment().PUBLIC_URL}/admin/tasteget-register` },
    footer:
      'Daglig påminnelse från Ta Stegets kontaktregister. Samordnaren kan stänga av påminnelsen under "Vägledares kö".',
  });
  return {
    kind: 'guide-reminder',
    to: [guide.user.email],
    subject: `Påminnelse: ${due.length} ${due.length === 1 ? 'kontakt' : 'kontakter'} att svara i dag (${queueLabel(guide.queue)})`,
    html,
    text,
  };
}

/** Queues today's reminders; returns how many mails were queued (0 when another process ran it). */
export async function sendDailyReminders(strapi: Core.Strapi, now = new Date()): Promise<number> {
  const dueBy = endOfStockholmDay(now);
  const queued = await strapi.db.transaction(async ({ trx }) => {
    if (!(await claimJobRun(trx, JOB, stockholmDate(now)))) return 0;
    const due = (await waitingContacts(strapi)).filter((c) => new Date(c.firstResponseDueAt) <= dueBy);
    let count = 0;
    for (const guide of await guideAssignments(strapi)) {
      if (!guide.receivesReminders) continue;
      const theirs = due.filter((c) => c.assignedMunicipality === guide.queue);
      if (theirs.length === 0) continue;
      await enqueueMail(strapi, reminderMail(guide, theirs, now));
      count += 1;
    }
    return count;
  });
  if (queued > 0) wakeMailQueue();
  return queued;
}

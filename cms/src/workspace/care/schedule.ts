import type { Core } from '@strapi/strapi';
import { TIME_ZONE, stockholmDate } from '@tasteget/shared';
import { environment } from '../../platform/environment';
import { claimJobRun } from '../../platform/job-runs';
import { sendEventReminders } from '../../contacts/event-registrations';
import { sendDailyReminders } from '../reminders';
import { removePrivateFiles } from '../../platform/private-files';
import { applyRetention } from './purge';

/**
 * The register's scheduled work: the guides' daily reminder, and the yearly purge when the region
 * has switched it on (REGISTER_PURGE_SCHEDULE). Every process schedules both; each run is claimed
 * once across processes (platform/job-runs.ts).
 */
export const SCHEDULED_RUN_BY = 'Schemalagd körning / Scheduled run';

export async function scheduledPurge(strapi: Core.Strapi, now = new Date()) {
  // Claimed by the Stockholm year: a run at midnight on New Year's Day is 23:00 UTC the day before.
  const year = stockholmDate(now).slice(0, 4);
  const run = await strapi.db.transaction(async ({ trx }) => {
    if (!(await claimJobRun(trx, 'register-purge', year))) return null;
    return applyRetention(strapi, { dryRun: false, ranBy: SCHEDULED_RUN_BY, now });
  });
  if (!run) return null;
  await removePrivateFiles(run.files);
  return run.result;
}

export function scheduleRegisterCare(strapi: Core.Strapi) {
  const env = environment();
  const log = (job: string) => (error: unknown) => strapi.log.error(`${job}: ${(error as Error).message}`);
  strapi.cron.add({
    guideReminders: {
      task: () => sendDailyReminders(strapi).catch(log('Guide reminders')),
      options: { rule: env.GUIDE_REMINDER_SCHEDULE, tz: TIME_ZONE },
    },
    // The day before an event, its confirmed sign-ups are reminded (contacts/event-registrations.ts).
    eventReminders: {
      task: () => sendEventReminders(strapi).catch(log('Event reminders')),
      options: { rule: '0 9 * * *', tz: TIME_ZONE },
    },
  });
  if (env.REGISTER_PURGE_SCHEDULE) {
    strapi.cron.add({
      registerPurge: {
        task: () => scheduledPurge(strapi).catch(log('Register purge')),
        options: { rule: env.REGISTER_PURGE_SCHEDULE, tz: TIME_ZONE },
      },
    });
  }
}

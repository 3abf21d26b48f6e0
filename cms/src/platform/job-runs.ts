import type { Knex } from 'knex';
import type { OwnTable } from './own-tables';

/**
 * Scheduled jobs run in every CMS process (Strapi's cron is per process), but some must happen
 * once: the daily reminders, the yearly purge. A job claims its run by inserting (job, run key)
 * into a small table with that pair as primary key, inside the transaction that does the work, so
 * exactly one process wins and a crash before commit leaves the run unclaimed.
 */
const TABLE = 'register_job_runs';

export const JOB_RUNS_TABLE: OwnTable = {
  name: TABLE,
  columns: (table) => {
    table.string('job', 60).notNullable();
    table.string('run_key', 60).notNullable();
    table.timestamp('claimed_at').notNullable();
    table.primary(['job', 'run_key']);
  },
};

/** True when this call claimed the run; false when another process (or an earlier call) had it. */
export async function claimJobRun(trx: Knex.Transaction, job: string, runKey: string): Promise<boolean> {
  const rows = await trx(TABLE)
    .insert({ job, run_key: runKey, claimed_at: new Date() })
    .onConflict(['job', 'run_key'])
    .ignore()
    .returning('job');
  return rows.length === 1;
}

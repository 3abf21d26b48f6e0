import type { Core } from '@strapi/strapi';
import { claimJobRun } from './job-runs';

/**
 * Data migrations: rows of an earlier version brought to today's forms. Each runs once per
 * database, at boot, claimed as a job run (`migration`, its name) inside the transaction that
 * does the work: with several processes starting at once one runs it, and a failure rolls back
 * both the work and the claim, so the next boot tries again. A migration never drops what it
 * cannot convert: it keeps it as it was and says so where staff will see it.
 */
export interface Migration {
  /** Unique and never reused (at most 60 characters): the date and what it does. */
  name: string;
  /** Returns counts for the log. */
  run(strapi: Core.Strapi): Promise<Record<string, number>>;
}

export async function runMigrations(strapi: Core.Strapi, migrations: readonly Migration[]) {
  for (const migration of migrations) {
    await strapi.db.transaction(async ({ trx }) => {
      if (!(await claimJobRun(trx, 'migration', migration.name))) return;
      const counts = await migration.run(strapi);
      strapi.log.info(`Migration ${migration.name}: ${JSON.stringify(counts)}`);
    });
  }
}

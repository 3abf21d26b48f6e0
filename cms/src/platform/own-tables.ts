import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Tables of the project's own, beside Strapi's content model: rows no editor ever sees and the
 * admin must not list (spent challenges, the intake inbox, claimed job runs). Each feature
 * declares its table next to the code that uses it; the wiring creates the missing ones at boot.
 * A table is only ever created, never altered: a change of columns needs a migration of its own.
 */
export interface OwnTable {
  name: string;
  columns: (table: Knex.CreateTableBuilder) => void;
}

export async function ensureOwnTables(strapi: Core.Strapi, tables: readonly OwnTable[]) {
  const knex = strapi.db.connection;
  for (const { name, columns } of tables) {
    if (!(await knex.schema.hasTable(name))) await knex.schema.createTable(name, columns);
  }
}

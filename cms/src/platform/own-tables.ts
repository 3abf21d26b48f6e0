import type { Core, UID } from '@strapi/strapi';
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

/**
 * An index on a content type's table that Strapi's schemas cannot declare (they have no indexes):
 * the lookups of hot public paths, such as a mail link's token. Created at boot if missing, under
 * a name of our own; a schema change that makes Strapi rebuild the table loses it until the next
 * boot, which creates it again.
 */
export interface OwnIndex {
  uid: UID.ContentType;
  fields: readonly string[];
}

export async function ensureOwnIndexes(strapi: Core.Strapi, indexes: readonly OwnIndex[]) {
  const knex = strapi.db.connection;
  for (const { uid, fields } of indexes) {
    const meta = strapi.db.metadata.get(uid);
    const columns = fields.map(
      (field) => (meta.attributes[field] as { columnName?: string } | undefined)?.columnName ?? field,
    );
    const name = `${meta.tableName}_${columns.join('_')}_own_idx`;
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [
      name,
      meta.tableName,
      ...columns,
    ]);
  }
}

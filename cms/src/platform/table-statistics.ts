import type { Core, UID } from '@strapi/strapi';

/**
 * PostgreSQL plans a query from each table's statistics, which autovacuum refreshes some time
 * after a table changed by a tenth. A bulk job that reads a table just filled (an import, a
 * freeze's 100,000 new deliveries) would otherwise be planned for the table as it was: measured,
 * a freeze's selection over 100,000 new subscriptions took 21 s instead of 2.5 s. This runs the
 * ANALYZE autovacuum would, now, on the content types' tables and join tables whose statistics
 * autovacuum's own rule finds stale (more rows changed since the last ANALYZE than 50 plus a tenth
 * of the table). SQLite plans without such statistics; there it does nothing.
 */
export async function refreshStaleStatistics(strapi: Core.Strapi, uids: readonly UID.Schema[]) {
  if (strapi.db.dialect.client !== 'postgres') return;
  const tables = new Set<string>();
  for (const uid of uids) {
    const meta = strapi.db.metadata.get(uid);
    tables.add(meta.tableName);
    for (const attribute of Object.values(meta.attributes)) {
      const joinTable = (attribute as { joinTable?: { name: string } }).joinTable;
      if (joinTable) tables.add(joinTable.name);
    }
  }
  const knex = strapi.db.connection;
  const stale = (await knex('pg_stat_user_tables')
    .select('relname')
    .whereRaw('schemaname = current_schema()')
    .whereIn('relname', [...tables])
    .whereRaw('n_mod_since_analyze > 50 + 0.1 * n_live_tup')) as { relname: string }[];
  for (const { relname } of stale) await knex.raw('ANALYZE ??', [relname]);
}

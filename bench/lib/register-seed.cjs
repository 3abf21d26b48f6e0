'use strict';
/**
 * Fills an empty register for `npm run bench:register`: BENCH_CONTACTS contacts over six years and
 * BENCH_ACTIVITIES activities, written in bulk through the CMS's own database connection (the
 * table and link-table names come from Strapi's metadata), plus a coordinator to sign in as.
 * Prints one JSON line: {contacts, activities, seconds}.
 */
const { randomBytes } = require('node:crypto');
const { bootStrapi } = require('../../cms/scripts/headless.js');

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const QUEUES = ['berg', 'bracke', 'harjedalen', 'krokom', 'ragunda', 'stromsund', 'are', 'ostersund'];
const DAY = 86_400_000;

/** A deterministic pseudo-random sequence, so every run measures the same register. */
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = (list) => list[Math.floor(random() * list.length)];
const documentId = () => randomBytes(12).toString('base64url').toLowerCase().slice(0, 24);

async function insertAll(knex, table, rows, returning) {
  const ids = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await knex(table).insert(rows.slice(i, i + 500), returning ? [returning] : undefined);
    if (returning) ids.push(...inserted.map((r) => (typeof r === 'object' ? r[returning] : r)));
  }
  return ids;
}

(async () => {
  const started = Date.now();
  const strapi = await bootStrapi({ logLevel: 'error' });
  try {
    const knex = strapi.db.connection;
    const contactMeta = strapi.db.metadata.get('api::contact.contact');
    const activityMeta = strapi.db.metadata.get('api::contact-activity.contact-activity');
    const link = activityMeta.attributes.contact.joinTable;
    const column = (meta, field) => meta.attributes[field].columnName ?? field;
    const now = Date.now();

    const contactIds = [];
    const created = [];
    await knex.transaction(async (trx) => {
      for (let start = 0; start < CONTACTS; start += 5000) {
        const rows = [];
        for (let i = start; i < Math.min(CONTACTS, start + 5000); i++) {
          const createdAt = now - Math.floor(random() * 6 * 365 * DAY);
          const chosen = random() < 0.15 ? [] : [pick(QUEUES), ...(random() < 0.2 ? [pick(QUEUES)] : [])];
          const dueAt = createdAt + 7 * DAY;
          const open = now - createdAt < 30 * DAY && random() < 0.3;
          const status = open
            ? 'new'
            : pick(['contacted', 'in-dialog', 'in-dialog', 'moved', 'not-moving', 'closed']);
          created.push(createdAt);
          rows.push({
            document_id: documentId(),
            [column(contactMeta, 'firstName')]: `Bench${i}`,
            [column(contactMeta, 'lastName')]: 'Person',
            email: `bench.${i}@example.se`,
            [column(contactMeta, 'preferredChannel')]: random() < 0.3 ? 'phone' : 'email',
            municipalities: JSON.stringify(chosen),
            topics: JSON.stringify(['job']),
            source: 'portal',
            language: 'sv',
            [column(contactMeta, 'moveStatus')]: status,
            [column(contactMeta, 'assignedMunicipality')]: chosen[0] ?? 'region',
            [column(contactMeta, 'firstResponseDueAt')]: new Date(dueAt),
            [column(contactMeta, 'firstRespondedAt')]: open
              ? null
              : new Date(createdAt + Math.floor(random() * 9 * DAY)),
            [column(contactMeta, 'lastActivityAt')]: new Date(
              Math.min(now, createdAt + Math.floor(random() * 200 * DAY)),
            ),
            [column(contactMeta, 'movedTo')]: status === 'moved' ? (chosen[0] ?? pick(QUEUES)) : null,
            [column(contactMeta, 'movedAt')]:
              status === 'moved'
                ? new Date(Math.min(now, createdAt + 180 * DAY)).toISOString().slice(0, 10)
                : null,
            created_at: new Date(createdAt),
            updated_at: new Date(createdAt),
            published_at: new Date(createdAt),
          });
        }
        contactIds.push(...(await insertAll(trx, contactMeta.tableName, rows, 'id')));
      }
    });

    await knex.transaction(async (trx) => {
      for (let start = 0; start < ACTIVITIES; start += 5000) {
        const rows = [];
        const owners = [];
        for (let i = start; i < Math.min(ACTIVITIES, start + 5000); i++) {
          const owner = Math.floor(random() * contactIds.length);
          owners.push(contactIds[owner]);
          const at = new Date(Math.min(now, created[owner] + Math.floor(random() * 400 * DAY)));
          rows.push({
            document_id: documentId(),
            kind: pick(['call', 'email', 'meeting', 'note', 'system']),
            summary: `Aktivitet ${i}`,
            [column(activityMeta, 'occurredAt')]: at,
            created_at: at,
            updated_at: at,
            published_at: at,
          });
        }
        const ids = await insertAll(trx, activityMeta.tableName, rows, 'id');
        await insertAll(
          trx,
          link.name,
          ids.map((id, k) => ({ [link.joinColumn.name]: id, [link.inverseJoinColumn.name]: owners[k] })),
        );
      }
    });

    // Fresh statistics, as a production database has them.
    await knex.raw('ANALYZE');

    // Written directly: the user service's fire-and-forget metrics call would outlive the pool.
    const role = await strapi.service('admin::role').findOne({ code: 'tasteget-coordinator' });
    await strapi.db.query('admin::user').create({
      data: {
        email: 'bench.coordinator@example.se',
        firstname: 'Bench',
        lastname: 'Coordinator',
        password: await strapi.service('admin::auth').hashPassword('Benchlosen2026!'),
        isActive: true,
        roles: [role.id],
      },
    });
    process.stdout.write(
      `${JSON.stringify({ contacts: contactIds.length, activities: ACTIVITIES, seconds: (Date.now() - started) / 1000 })}\n`,
    );
  } finally {
    await strapi.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

import type { UID } from '@strapi/strapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession } from '../support/admin';
import { populateAll, sampleDocument, sampleRelations } from '../support/sample-data';
import { startStrapi, type TestStrapi } from '../support/strapi';

let app: TestStrapi;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

/** Compares what was written with what was read back, field by field. */
/** What was written (as the save's rules left it: a phone in E.164) is what is read back. */
function expectSameValues(written: Record<string, unknown>, read: Record<string, unknown>) {
  for (const [field, value] of Object.entries(written)) {
    const actual = read[field];
    // A relation written as `{ connect: [{ documentId }] }` reads back as the document.
    const connected = (value as { connect?: { documentId: string }[] } | null)?.connect;
    if (connected) {
      expect((actual as { documentId?: string } | null)?.documentId, field).toBe(connected[0].documentId);
      continue;
    }
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
      expect(new Date(actual as string).toISOString(), field).toBe(value);
    } else if (Array.isArray(value) || (value && typeof value === 'object')) {
      expect(actual, field).toMatchObject(value as object);
    } else {
      expect(actual, field).toEqual(value);
    }
  }
}

describe('content model', () => {
  it('registers every content type of the design', () => {
    const uids = Object.keys(app.strapi.contentTypes).filter((uid) => uid.startsWith('api::'));
    expect(uids.sort()).toEqual(
      [
        'accessibility-statement',
        'ambassador',
        'article',
        'consent-record',
        'contact',
        'contact-activity',
        'coworking-space',
        'event',
        'event-registration',
        'guide-assignment',
        'inbound-message',
        'kommun',
        'magazine-edition',
        'magazine-order',
        'mail-suppression',
        'network-contact',
        'newsletter',
        'newsletter-campaign',
        'newsletter-delivery',
        'newsletter-subscription',
        'outbox-message',
        'register-audit',
        'story',
      ]
        .map((name) => `api::${name}.${name}`)
        .sort(),
    );
  });

  it('makes Swedish the default locale and English the second', async () => {
    const locales = app.strapi.plugin('i18n').service('locales');
    expect(await locales.getDefaultLocale()).toBe('sv');
    expect((await locales.find()).map((l: { code: string }) => l.code).sort()).toEqual(['en', 'sv']);
  });

  it('localizes visitor-facing published types and only those', () => {
    for (const uid of Object.keys(app.strapi.contentTypes).filter((u) => u.startsWith('api::'))) {
      const model = app.strapi.contentTypes[uid as UID.ContentType];
      const localized = (model.pluginOptions as { i18n?: { localized?: boolean } })?.i18n?.localized === true;
      expect(localized, uid).toBe(model.options?.draftAndPublish === true);
    }
  });
});

describe('every content type round-trips through the document service', () => {
  const uids = () =>
    Object.keys(app.strapi.contentTypes).filter((uid) => uid.startsWith('api::')) as UID.ContentType[];

  it('covers at least the fourteen types', () => {
    expect(uids().length).toBeGreaterThanOrEqual(14);
  });

  it.each([
    'api::kommun.kommun',
    'api::story.story',
    'api::article.article',
    'api::event.event',
    'api::magazine-edition.magazine-edition',
    'api::ambassador.ambassador',
    'api::coworking-space.coworking-space',
    'api::contact.contact',
    'api::contact-activity.contact-activity',
    'api::magazine-order.magazine-order',
    'api::newsletter-subscription.newsletter-subscription',
    'api::newsletter-campaign.newsletter-campaign',
    'api::newsletter-delivery.newsletter-delivery',
    'api::outbox-message.outbox-message',
    'api::consent-record.consent-record',
  ] as UID.ContentType[])('%s: create, read, update, publish, delete', async (uid) => {
    expect(uids()).toContain(uid);
    const documents = app.strapi.documents(uid);
    const model = app.strapi.contentTypes[uid];
    const data = { ...sampleDocument(app.strapi, uid), ...(await sampleRelations(app.strapi, uid)) };

    const created = await documents.create({ data } as never);
    const populate = populateAll(app.strapi, model.attributes as never);
    const read = await documents.findOne({ documentId: created.documentId, populate } as never);
    expect(read).not.toBeNull();
    expectSameValues(data, read as Record<string, unknown>);

    const textField = Object.entries(model.attributes).find(
      ([, a]) => (a.type === 'string' || a.type === 'text') && !(a as { regex?: string }).regex,
    )?.[0];
    if (textField) {
      await documents.update({
        documentId: created.documentId,
        data: { [textField]: 'Ändrad – changed' },
      } as never);
      const updated = await documents.findOne({ documentId: created.documentId } as never);
      expect((updated as Record<string, unknown>)[textField]).toBe('Ändrad – changed');
    }

    if (model.options?.draftAndPublish) {
      await documents.publish({ documentId: created.documentId } as never);
      const published = await documents.findOne({
        documentId: created.documentId,
        status: 'published',
      } as never);
      expect(published?.publishedAt).toBeTruthy();
    }

    await documents.delete({ documentId: created.documentId } as never);
    expect(await documents.findOne({ documentId: created.documentId } as never)).toBeNull();
  });
});

// PostgreSQL stores a string, uid or e-mail as varchar(255), and refuses a longer value with a
// database error: a 500 where the validator should have answered 400. Every bounded text of
// every type is written at its maximum length, so a new field too long for its column fails here.
describe('every bounded text holds its maximum length', () => {
  const uids = () =>
    Object.keys(app.strapi.contentTypes).filter((uid) => uid.startsWith('api::')) as UID.ContentType[];

  it('covers every type', () => {
    expect(uids().length).toBeGreaterThanOrEqual(19);
  });

  it('writes and reads back every type at its longest values', async () => {
    for (const uid of uids()) {
      const documents = app.strapi.documents(uid);
      const data = {
        ...sampleDocument(app.strapi, uid, 'longest'),
        ...(await sampleRelations(app.strapi, uid)),
      };
      const created = await documents.create({ data } as never).catch((error: Error) => {
        throw new Error(`${uid}: ${error.message}`);
      });
      const populate = populateAll(app.strapi, app.strapi.contentTypes[uid].attributes as never);
      const read = await documents.findOne({ documentId: created.documentId, populate } as never);
      expectSameValues(data, read as Record<string, unknown>);
      await documents.delete({ documentId: created.documentId } as never);
    }
  });
});

describe('content rules', () => {
  it("keeps a story's person per language: saving one language leaves the other's words", async () => {
    const stories = app.strapi.documents('api::story.story');
    const sample = sampleDocument(app.strapi, 'api::story.story') as Record<string, unknown>;
    const person = (occupation: string, movedFrom: string) => ({
      name: 'Chloe Smith',
      age: 31,
      occupation,
      movedFrom,
    });
    const created = (await stories.create({
      data: { ...sample, person: person('Fysioterapeut', 'Melbourne, Australien') },
      locale: 'sv',
    } as never)) as unknown as { documentId: string };
    await stories.update({
      documentId: created.documentId,
      locale: 'en',
      data: { ...sample, person: person('Physiotherapist', 'Melbourne, Australia') },
    } as never);
    await stories.update({
      documentId: created.documentId,
      locale: 'sv',
      data: { person: person('Fysioterapeut och skidlärare', 'Melbourne, Australien') },
    } as never);
    const personIn = async (locale: string) =>
      (
        (await stories.findOne({
          documentId: created.documentId,
          locale,
          populate: ['person'],
        } as never)) as unknown as {
          person: { occupation: string; movedFrom: string };
        }
      ).person;
    expect(await personIn('en')).toMatchObject({
      occupation: 'Physiotherapist',
      movedFrom: 'Melbourne, Australia',
    });
    expect(await personIn('sv')).toMatchObject({ occupation: 'Fysioterapeut och skidlärare' });
  });

  it('rejects a JSON list value outside the shared vocabulary', async () => {
    const data = { ...sampleDocument(app.strapi, 'api::story.story'), themes: ['family', 'no-such-theme'] };
    await expect(app.strapi.documents('api::story.story').create({ data } as never)).rejects.toThrow(
      /themes/,
    );
  });

  it('refuses to publish an ambassador without consent to publish', async () => {
    const ambassadors = app.strapi.documents('api::ambassador.ambassador');
    const data: Record<string, unknown> = {
      ...sampleDocument(app.strapi, 'api::ambassador.ambassador'),
      consentToPublish: false,
    };
    const draft = await ambassadors.create({ data } as never);
    await expect(ambassadors.publish({ documentId: draft.documentId } as never)).rejects.toThrow(/samtyckt/);
    await expect(
      ambassadors.create({ data: { ...data, slug: `${String(data.slug)}-2` }, status: 'published' } as never),
    ).rejects.toThrow(/samtyckt/);
    expect(
      await ambassadors.findOne({ documentId: draft.documentId, status: 'published' } as never),
    ).toBeNull();
  });

  it("reads an ambassador's consent to publish from the network contact, the person's own record", async () => {
    const ambassadors = app.strapi.documents('api::ambassador.ambassador');
    // The page says yes; the person's network contact, where the guides record it, says no.
    const draft = await ambassadors.create({
      data: { ...sampleDocument(app.strapi, 'api::ambassador.ambassador'), consentToPublish: true },
    } as never);
    const person = await app.strapi.documents('api::network-contact.network-contact').create({
      data: {
        kind: 'ambassador',
        name: 'Elin Ambassadör',
        email: 'elin@example.se',
        language: 'sv',
        publishConsent: false,
        ambassador: draft.documentId,
      },
    } as never);
    await expect(ambassadors.publish({ documentId: draft.documentId } as never)).rejects.toThrow(/samtyckt/);
    await app.strapi.documents('api::network-contact.network-contact').update({
      documentId: person.documentId,
      data: { publishConsent: true, consentAt: new Date() },
    } as never);
    await ambassadors.publish({ documentId: draft.documentId } as never);
    expect(
      await ambassadors.findOne({ documentId: draft.documentId, status: 'published' } as never),
    ).not.toBeNull();

    // Withdrawn, through the admin as the coordinator does it: the page comes down in every
    // language, its own field says no, and the next publish is refused.
    await ambassadors.update({
      documentId: draft.documentId,
      locale: 'en',
      data: { ...sampleDocument(app.strapi, 'api::ambassador.ambassador'), consentToPublish: true },
    } as never);
    await ambassadors.publish({ documentId: draft.documentId, locale: 'en' } as never);
    expect((await fetch(`${app.url}/api/ambassadors/${draft.documentId}?locale=en`)).status).toBe(200);
    const coordinator = await adminSession(app.strapi, app.url, 'coordinator', 'natverk@samordnare.example');
    const withdrawn = await coordinator.fetch(
      `/content-manager/collection-types/api::network-contact.network-contact/${person.documentId}`,
      { method: 'PUT', body: { publishConsent: false } },
    );
    expect(withdrawn.status).toBe(200);
    for (const locale of ['sv', 'en']) {
      expect(
        await ambassadors.findOne({ documentId: draft.documentId, status: 'published', locale } as never),
        locale,
      ).toBeNull();
      expect((await fetch(`${app.url}/api/ambassadors/${draft.documentId}?locale=${locale}`)).status).toBe(
        404,
      );
    }
    expect(
      (
        (await ambassadors.findOne({ documentId: draft.documentId } as never)) as unknown as {
          consentToPublish: boolean;
        }
      ).consentToPublish,
    ).toBe(false);
    await expect(ambassadors.publish({ documentId: draft.documentId } as never)).rejects.toThrow(/samtyckt/);

    // A person erased with their network contact takes their page down too.
    const second = await ambassadors.create({
      data: { ...sampleDocument(app.strapi, 'api::ambassador.ambassador'), consentToPublish: true },
    } as never);
    const other = await app.strapi.documents('api::network-contact.network-contact').create({
      data: {
        kind: 'ambassador',
        name: 'Nils Ambassadör',
        email: 'nils@example.se',
        language: 'sv',
        publishConsent: true,
        ambassador: second.documentId,
      },
    } as never);
    await ambassadors.publish({ documentId: second.documentId } as never);
    await app.strapi
      .documents('api::network-contact.network-contact')
      .delete({ documentId: other.documentId } as never);
    expect(
      await ambassadors.findOne({ documentId: second.documentId, status: 'published' } as never),
    ).toBeNull();
  });
});

describe('lookups and selections the platform makes are planned on indexes and fresh statistics', () => {
  /** The plan of `SELECT id FROM table WHERE column = ?`, as text; on PostgreSQL with scans priced out. */
  async function plan(table: string, column: string): Promise<string> {
    const knex = app.strapi.db.connection;
    if (knex.client.config.client === 'postgres' || knex.client.config.client === 'pg') {
      return knex.transaction(async (trx) => {
        // An empty table is cheapest read whole: forbid that, so the plan shows whether an index exists.
        await trx.raw('SET LOCAL enable_seqscan = off');
        const result = await trx.raw('EXPLAIN SELECT id FROM ?? WHERE ?? = ?', [table, column, 'x']);
        return (result.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
      });
    }
    const rows = (await knex.raw('EXPLAIN QUERY PLAN SELECT id FROM ?? WHERE ?? = ?', [
      table,
      column,
      'x',
    ])) as {
      detail: string;
    }[];
    return rows.map((r) => r.detail).join('\n');
  }

  it('finds people by address, subscriptions by token and address, deliveries by Message-ID', async () => {
    const { PERSON_ADDRESS_INDEXES } = await import('../../cms/src/contacts/contacts');
    const { SUBSCRIPTION_INDEXES } = await import('../../cms/src/contacts/subscriptions');
    const { DELIVERY_INDEXES } = await import('../../cms/src/newsletter/deliveries');
    const { SUPPRESSION_INDEXES } = await import('../../cms/src/mail/suppression');
    const indexes = [
      ...PERSON_ADDRESS_INDEXES,
      ...SUBSCRIPTION_INDEXES,
      ...DELIVERY_INDEXES,
      ...SUPPRESSION_INDEXES,
    ];
    // The address lookups of the register and the newsletter are among them.
    expect(indexes.map((i) => `${i.uid}.${i.fields.join('+')}`)).toEqual(
      expect.arrayContaining([
        'api::contact.contact.email',
        'api::network-contact.network-contact.email',
        'api::newsletter-subscription.newsletter-subscription.email',
        'api::newsletter-delivery.newsletter-delivery.messageId',
      ]),
    );
    for (const { uid, fields } of indexes) {
      const meta = app.strapi.db.metadata.get(uid as UID.ContentType);
      const column = (meta.attributes[fields[0]] as { columnName?: string }).columnName ?? fields[0];
      expect(await plan(meta.tableName, column), `${uid}.${fields[0]}`).toMatch(
        /Index|USING (COVERING )?INDEX/,
      );
    }
  });

  it('gives a table just filled in bulk its statistics before a selection reads it', async () => {
    const { refreshStaleStatistics } = await import('../../cms/src/platform/table-statistics');
    const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';
    const knex = app.strapi.db.connection;
    const table = app.strapi.db.metadata.get(SUBSCRIPTION).tableName;
    await app.strapi.db.query(SUBSCRIPTION).createMany({
      data: Array.from({ length: 2000 }, (_, i) => ({
        email: `bulk${i}@statistics.example`,
        subscriptionStatus: 'confirmed',
        language: 'sv',
        publishedAt: new Date(),
      })),
    });
    if (knex.client.config.client !== 'postgres' && knex.client.config.client !== 'pg') {
      // SQLite plans without gathered statistics: nothing is analysed, no sqlite_stat1 appears.
      await refreshStaleStatistics(app.strapi, [SUBSCRIPTION]);
      const stat = await knex.raw("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'");
      expect(stat).toEqual([]);
      return;
    }
    const changedSinceAnalyze = async () =>
      Number(
        (
          await knex('pg_stat_user_tables')
            .where({ relname: table })
            .whereRaw('schemaname = current_schema()')
            .first('n_mod_since_analyze')
        )?.n_mod_since_analyze ?? 0,
      );
    // A backend reports its writes to the statistics within ten seconds of going idle.
    const reportedBy = Date.now() + 20_000;
    while ((await changedSinceAnalyze()) < 2000 && Date.now() < reportedBy) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await changedSinceAnalyze()).toBeGreaterThanOrEqual(2000);

    await refreshStaleStatistics(app.strapi, [SUBSCRIPTION]);
    expect(await changedSinceAnalyze()).toBe(0);
    const planned = await knex('pg_class').where({ relname: table }).first('reltuples');
    expect(Number(planned.reltuples)).toBeGreaterThanOrEqual(2000);
  }, 40_000);
});

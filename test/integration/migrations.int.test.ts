import { afterAll, describe, expect, it } from 'vitest';
import { copyTestDatabase, type TestDatabase } from '../support/database';
import { startStrapi, type TestStrapi } from '../support/strapi';
import { sampleRelations } from '../support/sample-data';

/**
 * The boot-time data migrations (cms/src/contacts/migrations.ts), tried on a copy of a populated
 * database as a region would upgrade: rows in the old forms are written by a running CMS, the
 * database is copied, and a CMS boots on the copy.
 */
const CONTACT = 'api::contact.contact';
const ORDER = 'api::magazine-order.magazine-order' as const;
const MIGRATION = '2026-12-03 phones E.164, postcodes NNN NN';
const CONSENT_MIGRATION = '2026-12-03 consent log from consent fields';
const NEWSLETTER_MIGRATION = '2026-12-05 subscriptions to the county newsletter';
const CONSENT_ID_MIGRATION = '2026-12-06 consent log names newsletters by id';
const CONSENT = 'api::consent-record.consent-record';
const cleanup: (() => Promise<void>)[] = [];
let fjallbrevetId = '';

afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function populatedDatabase(): Promise<TestDatabase> {
  const app = await startStrapi();
  const { strapi } = app;
  const contact = (email: string, phone: string) =>
    strapi.db.query(CONTACT).create({
      data: {
        firstName: 'Prov',
        email,
        phone,
        preferredChannel: 'phone',
        contactConsentAt: new Date('2025-03-01T10:00:00Z'),
        contactConsentVersion: '2025-01',
        publishedAt: new Date(),
      },
    });
  await contact('typed@example.se', '070-123 45 67');
  await contact('prefix@example.se', '0046 70 765 43 21');
  await contact('e164@example.se', '+46705551234');
  await contact('unreadable@example.se', 'ring efter 17');
  await strapi.documents(ORDER).create({
    data: {
      name: 'Erik',
      email: 'erik@example.se',
      address: { street: 'Storgatan 1', postalCode: '83130', city: 'Östersund', country: 'SE' },
      quantity: 1,
      language: 'sv',
      ...(await sampleRelations(strapi, ORDER)),
    },
  } as never);
  await strapi.db.query('api::newsletter-subscription.newsletter-subscription').create({
    data: {
      email: 'lamnade@example.se',
      subscriptionStatus: 'unsubscribed',
      language: 'sv',
      consentVersion: '2025-01',
      confirmedAt: new Date('2025-04-01T10:00:00Z'),
      unsubscribedAt: new Date('2026-02-01T10:00:00Z'),
      publishedAt: new Date(),
    },
  });
  // Newsletter consents named only in their line, one under a name the newsletter has since lost.
  const fjallbrevet = (await strapi.db.query('api::newsletter.newsletter').create({
    data: { name: 'Fjällbrevet', slug: 'fjallbrevet', listed: true },
  })) as { documentId: string };
  for (const [email, summary] of [
    ['fjall@example.se', 'Nyhetsbrev (Fjällbrevet): återkallat via länk i mejl – text 2025-01'],
    ['fjall-nu@example.se', 'Nyhetsbrev (Fjällbrevet (nytt)): givet via formulär'],
    ['gammal@example.se', 'Nyhetsbrev (Fjällbrev): återkallat via länk i mejl'],
  ]) {
    await strapi.db.query(CONSENT).create({
      data: { summary, kind: 'newsletter', event: 'withdrawn', at: new Date(), source: 'link', email },
    });
  }
  fjallbrevetId = fjallbrevet.documentId;
  // A database from before the migrations: they have not run there.
  await strapi.db
    .connection('register_job_runs')
    .where({ job: 'migration' })
    .whereIn('run_key', [MIGRATION, CONSENT_MIGRATION, NEWSLETTER_MIGRATION, CONSENT_ID_MIGRATION])
    .delete();
  await strapi.destroy();
  cleanup.push(() => app.database.drop());
  return app.database;
}

async function boot(database: TestDatabase): Promise<TestStrapi> {
  const app = await startStrapi({}, { database });
  return app;
}

describe('data migrations at boot', () => {
  it('bring phones to E.164 and postcodes to NNN NN once, keeping and flagging what they cannot read', async () => {
    const original = await populatedDatabase();
    const copy = await copyTestDatabase(original);
    cleanup.push(() => copy.drop());

    const app = await boot(copy);
    const phoneOf = async (email: string) =>
      ((await app.strapi.db.query(CONTACT).findOne({ where: { email } })) as { phone: string }).phone;
    expect(await phoneOf('typed@example.se')).toBe('+46701234567');
    expect(await phoneOf('prefix@example.se')).toBe('+46707654321');
    expect(await phoneOf('e164@example.se')).toBe('+46705551234');
    // Nothing dropped silently: kept as typed, and the card says so.
    expect(await phoneOf('unreadable@example.se')).toBe('ring efter 17');
    const unreadable = await app.strapi.db
      .query(CONTACT)
      .findOne({ where: { email: 'unreadable@example.se' }, populate: { activities: true } });
    expect(unreadable.activities.map((a: { summary: string }) => a.summary)).toEqual([
      'Telefonnumret ”ring efter 17” kunde inte tolkas och står kvar som det skrevs. Rätta det på kortet.',
    ]);
    // The consent log, from the fields kept before it.
    const consents = (await app.strapi.db.query('api::consent-record.consent-record').findMany({
      where: { email: { $in: ['typed@example.se', 'lamnade@example.se'] } },
      orderBy: { id: 'asc' },
    })) as { email: string; kind: string; event: string; source: string; textVersion: string; at: string }[];
    expect(
      consents.map(
        (c) => `${c.email} ${c.kind} ${c.event} ${c.source} ${c.textVersion} ${new Date(c.at).toISOString()}`,
      ),
    ).toEqual([
      'typed@example.se contact given migration 2025-01 2025-03-01T10:00:00.000Z',
      'lamnade@example.se newsletter given migration 2025-01 2025-04-01T10:00:00.000Z',
      'lamnade@example.se newsletter withdrawn migration 2025-01 2026-02-01T10:00:00.000Z',
    ]);
    // Newsletters are many now: the one subscription there was is the county newsletter's.
    const moved = (await app.strapi.db.query('api::newsletter-subscription.newsletter-subscription').findOne({
      where: { email: 'lamnade@example.se' },
      populate: { newsletter: true },
    })) as { subscriptionStatus: string; newsletter: { slug: string } | null };
    expect(moved.newsletter?.slug).toBe('ta-steget');
    expect(moved.subscriptionStatus).toBe('unsubscribed');
    // Newsletter consents name their newsletter by id where the line names it as it is called now.
    const named = async (email: string) =>
      (
        (await app.strapi.db.query(CONSENT).findOne({ where: { email } })) as {
          newsletterDocumentId: string | null;
        }
      ).newsletterDocumentId;
    expect(await named('fjall@example.se')).toBe(fjallbrevetId);
    expect(await named('fjall-nu@example.se')).toBeNull();
    expect(await named('gammal@example.se')).toBeNull();
    const order = await app.strapi.db
      .query(ORDER)
      .findOne({ where: { email: 'erik@example.se' }, populate: { address: true } });
    expect(order.address.postalCode).toBe('831 30');

    // Once: a row in the old form written after it ran is left alone by the next boot.
    await app.strapi.db
      .query(CONTACT)
      .update({ where: { email: 'typed@example.se' }, data: { phone: '070-123 45 67' } });
    await app.strapi.destroy();
    const again = await boot(copy);
    expect(
      (
        (await again.strapi.db.query(CONTACT).findOne({ where: { email: 'typed@example.se' } })) as {
          phone: string;
        }
      ).phone,
    ).toBe('070-123 45 67');
    expect(
      await again.strapi.db.connection('register_job_runs').where({ job: 'migration', run_key: MIGRATION }),
    ).toHaveLength(1);
    await again.strapi.destroy();
  }, 180_000);
});

import type { UID } from '@strapi/strapi';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MUNICIPALITY_SLUGS } from '@tasteget/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/http';
import { CMS_DIR } from '../support/paths';
import { startStrapi, type TestStrapi } from '../support/strapi';

const require = createRequire(import.meta.url);
const { seedDemoContent } = require(path.join(CMS_DIR, 'dist', 'src', 'seed', 'run.js'));

let app: TestStrapi;
beforeAll(async () => {
  // First start of an empty database: the bootstrap seeds the demo content.
  app = await startStrapi({ SEED_ON_EMPTY: 'true' });
});
afterAll(async () => {
  await app?.stop();
});

const MINIMUM: Record<string, number> = {
  'api::kommun.kommun': 8,
  'api::story.story': 24,
  'api::article.article': 12,
  'api::event.event': 6,
  'api::magazine-edition.magazine-edition': 3,
  'api::ambassador.ambassador': 16,
  'api::coworking-space.coworking-space': 10,
};

/** Row counts of every table the seed writes, to prove a second run writes nothing. */
async function rowCounts() {
  const counts: Record<string, number> = {};
  const uids = [...Object.keys(MINIMUM), NETWORK_CONTACT, 'plugin::upload.file', 'admin::user'];
  for (const uid of uids) counts[uid] = await app.strapi.db.query(uid as UID.Schema).count();
  return counts;
}

const NETWORK_CONTACT = 'api::network-contact.network-contact';

describe('demo content seed', () => {
  it('creates the demo content on the first start', async () => {
    for (const [uid, minimum] of Object.entries(MINIMUM)) {
      const total = await app.strapi.documents(uid as UID.ContentType).count({ locale: 'sv' } as never);
      expect(total, uid).toBeGreaterThanOrEqual(minimum);
    }
    const kommuner = await app.strapi
      .documents('api::kommun.kommun')
      .findMany({ locale: 'sv', status: 'published', populate: ['sections'] } as never);
    expect((kommuner as unknown as { municipality: string }[]).map((k) => k.municipality).sort()).toEqual(
      [...MUNICIPALITY_SLUGS].sort(),
    );
    for (const kommun of kommuner as unknown as { sections: unknown[] }[])
      expect(kommun.sections.length).toBeGreaterThanOrEqual(4);
  });

  it('publishes at least 24 stories to the public API, in Swedish and some in English', async () => {
    const sv = await request(app.url, 'GET', '/api/stories?pagination[pageSize]=1');
    expect(sv.status).toBe(200);
    expect(
      (sv.json as { meta: { pagination: { total: number } } }).meta.pagination.total,
    ).toBeGreaterThanOrEqual(24);
    const en = await request(app.url, 'GET', '/api/stories?locale=en&pagination[pageSize]=1');
    expect((en.json as { meta: { pagination: { total: number } } }).meta.pagination.total).toBeGreaterThan(0);
  });

  it('shows ambassadors only with consent, and never their private e-mail or phone', async () => {
    const res = await request(app.url, 'GET', '/api/ambassadors?pagination[pageSize]=100');
    const shown = (res.json as { data: Record<string, unknown>[] }).data;
    const all = await app.strapi
      .documents('api::ambassador.ambassador')
      .findMany({ locale: 'sv', status: 'draft' } as never);
    const withoutConsent = (all as unknown as { documentId: string; consentToPublish: boolean }[]).filter(
      (a) => !a.consentToPublish,
    );
    expect(withoutConsent.length).toBeGreaterThan(0);
    expect(shown.length).toBe(all.length - withoutConsent.length);
    for (const a of withoutConsent) expect(shown.map((s) => s.documentId)).not.toContain(a.documentId);
    for (const a of shown) {
      expect(a).not.toHaveProperty('contactEmail');
      expect(a).not.toHaveProperty('contactPhone');
    }
  });

  it('puts a person behind every ambassador and coworking space in the network register, never public', async () => {
    const network = (await app.strapi.db.query(NETWORK_CONTACT).findMany({
      populate: { ambassador: { select: ['slug'] }, coworkingSpace: { select: ['slug'] } },
    })) as { kind: string; ambassador: { slug: string } | null; coworkingSpace: { slug: string } | null }[];
    const kinds = new Set(network.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(['ambassador', 'coworking-host', 'employer', 'recruitment-company']);
    const ambassadors = await app.strapi.db.query('api::ambassador.ambassador').findMany({
      where: { locale: 'sv', publishedAt: { $null: true } },
      select: ['slug'],
    });
    expect(
      network
        .filter((n) => n.ambassador)
        .map((n) => n.ambassador!.slug)
        .sort(),
    ).toEqual((ambassadors as { slug: string }[]).map((a) => a.slug).sort());
    expect(network.filter((n) => n.coworkingSpace).length).toBeGreaterThanOrEqual(
      MINIMUM['api::coworking-space.coworking-space'],
    );
    expect((await request(app.url, 'GET', '/api/network-contacts')).status).toBe(404);
  });

  it('creates the local demo admin users with the programme roles', async () => {
    const users = await app.strapi.db.query('admin::user').findMany({ populate: ['roles'] });
    const roleOf = (email: string) =>
      users.find((u: { email: string }) => u.email === email)?.roles.map((r: { name: string }) => r.name);
    expect(roleOf('admin@tasteget.local')).toEqual(['Super Admin']);
    expect(roleOf('redaktor@tasteget.local')).toEqual(['Länsredaktör']);
    for (const slug of MUNICIPALITY_SLUGS) {
      expect(roleOf(`redaktor.${slug}@tasteget.local`)).toEqual([expect.stringMatching(/^Kommunredaktör /)]);
    }
    expect(roleOf('redaktor.krokom@tasteget.local')).toEqual(['Kommunredaktör Krokom']);
    expect(roleOf('vagledare@tasteget.local')).toEqual(['Flyttvägledare']);
    expect(roleOf('vagledare.krokom@tasteget.local')).toEqual(['Flyttvägledare']);
    expect(roleOf('samordnare@tasteget.local')).toEqual(['Samordnare']);
    const queues = await app.strapi.db
      .query('api::guide-assignment.guide-assignment')
      .findMany({ populate: { user: { select: ['email'] } } });
    expect(
      queues.map((q: { queue: string; user: { email: string } }) => `${q.user.email} ${q.queue}`).sort(),
    ).toEqual([
      'samordnare@tasteget.local region',
      'vagledare.krokom@tasteget.local krokom',
      'vagledare@tasteget.local ostersund',
    ]);
  });

  it('is idempotent: running it again creates nothing', async () => {
    const before = await rowCounts();
    const report = await seedDemoContent(app.strapi);
    expect(report).toEqual({});
    expect(await rowCounts()).toEqual(before);
  });
});

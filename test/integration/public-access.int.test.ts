import type { UID } from '@strapi/strapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_ENDPOINTS } from '../../cms/src/intake/endpoints';
import { request } from '../support/http';
import { sampleDocument, sampleRelations } from '../support/sample-data';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * What the public (unauthenticated) role can reach. Published content: read only, published
 * versions only. The contact register: nothing at all. The matrix is generated from the
 * registered content types, so a new type is covered the moment it exists.
 */
let app: TestStrapi;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

/** A full-access API token's Authorization header: the widest grant the admin can hand out. */
async function fullAccessToken(): Promise<Record<string, string>> {
  const token = await app.strapi.service('admin::api-token').create({
    name: `full-access-${Date.now()}`,
    type: 'full-access',
    lifespan: null,
  });
  return { Authorization: `Bearer ${token.accessKey}` };
}

const apiTypes = () =>
  Object.values(app.strapi.contentTypes).filter((ct) => ct.uid.startsWith('api::')) as {
    uid: UID.ContentType;
    kind: 'collectionType' | 'singleType';
    info: { pluralName: string; singularName: string };
    options?: { draftAndPublish?: boolean };
  }[];

/** A type's content-API path: a single type's is singular. */
const basePath = (ct: ReturnType<typeof apiTypes>[number]) =>
  `/api/${ct.kind === 'singleType' ? ct.info.singularName : ct.info.pluralName}`;

describe('published content', () => {
  it('answers without advertising what serves it, and with nosniff', async () => {
    const res = await fetch(`${app.url}/api/stories`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lists published stories and never drafts, whatever the query asks for', async () => {
    const stories = app.strapi.documents('api::story.story');
    const published = await stories.create({
      data: { ...sampleDocument(app.strapi, 'api::story.story'), title: 'Publicerad berättelse' },
      status: 'published',
    } as never);
    const draft = await stories.create({
      data: { ...sampleDocument(app.strapi, 'api::story.story'), title: 'Hemligt utkast' },
    } as never);

    // Whoever asks: an Authorization header Strapi cannot use is the public role all the same,
    // and not even a full-access API token reads drafts through the content API.
    const asks: Record<string, Record<string, string>> = {
      public: {},
      'Basic header': { Authorization: 'Basic eDp4' },
      'unknown bearer': { Authorization: 'Bearer nonsense' },
      'API token': await fullAccessToken(),
    };
    for (const [who, auth] of Object.entries(asks)) {
      for (const query of [
        '',
        '?status=draft',
        '?publicationState=preview',
        '?filters[publishedAt][$null]=true&status=draft',
      ]) {
        for (const base of ['/api/stories', '/API/stories/']) {
          const res = await request(app.url, 'GET', `${base}${query}`, undefined, auth);
          const what = `${who} ${base}${query}`;
          if (who === 'unknown bearer') {
            expect(res.status, what).toBe(401);
            continue;
          }
          expect(res.status, what).toBe(200);
          const ids = (res.json as { data: { documentId: string }[] }).data.map((s) => s.documentId);
          expect(ids, what).not.toContain(draft.documentId);
          expect(res.text, what).not.toContain('Hemligt utkast');
          if (!query.includes('$null')) expect(ids, what).toContain(published.documentId);
        }
      }
      const one = await request(
        app.url,
        'GET',
        `/api/stories/${draft.documentId}?status=draft`,
        undefined,
        auth,
      );
      expect(one.status, who).toBe(who === 'unknown bearer' ? 401 : 404);
      expect(one.text, who).not.toContain('Hemligt utkast');
    }
  });

  it('offers published types for reading only, to the public and to a full-access API token alike', async () => {
    const publishedTypes = apiTypes().filter((ct) => ct.options?.draftAndPublish);
    expect(publishedTypes.length).toBeGreaterThanOrEqual(7);
    const story = await app.strapi.documents('api::story.story').create({
      data: sampleDocument(app.strapi, 'api::story.story'),
      status: 'published',
    } as never);
    // A single type answers its one document: published here, as a draft below.
    for (const ct of publishedTypes.filter((t) => t.kind === 'singleType')) {
      const single = app.strapi.documents(ct.uid);
      const draft = await single.create({ data: sampleDocument(app.strapi, ct.uid) } as never);
      expect((await request(app.url, 'GET', basePath(ct))).status, `${ct.uid} unpublished`).toBe(404);
      await single.publish({ documentId: draft.documentId } as never);
    }
    const asPublic: Record<string, string> = {};
    for (const auth of [asPublic, await fullAccessToken()]) {
      for (const ct of publishedTypes) {
        const base = basePath(ct);
        const who = `${auth.Authorization ? 'token' : 'public'}`;
        expect((await request(app.url, 'GET', base, undefined, auth)).status, `${who} GET ${base}`).toBe(200);
        // Writing is the admin panel's: the content API has no such route (405 where the path exists).
        for (const [method, path] of [
          ['POST', base],
          ['PUT', `${base}/${story.documentId}`],
          ['DELETE', `${base}/${story.documentId}`],
        ]) {
          const res = await request(
            app.url,
            method,
            path,
            method === 'DELETE' ? undefined : { data: {} },
            auth,
          );
          expect([404, 405], `${who} ${method} ${path}: ${res.status}`).toContain(res.status);
        }
      }
    }
    const still = await app.strapi.documents('api::story.story').findOne({ documentId: story.documentId });
    expect(still?.title).toBe(story.title);
  });
});

describe('the contact register is closed to the public', () => {
  it('classifies the register types', () => {
    const register = apiTypes()
      .filter((ct) => !ct.options?.draftAndPublish)
      .map((ct) => ct.uid);
    expect(register).toEqual(
      expect.arrayContaining([
        'api::contact.contact',
        'api::contact-activity.contact-activity',
        'api::magazine-order.magazine-order',
        'api::newsletter-subscription.newsletter-subscription',
      ]),
    );
  });

  it('opens no end-user account: no one registers, logs in or asks for a password reset', async () => {
    const attempts: [string, unknown][] = [
      ['/api/auth/local/register', { username: 'ny', email: 'ny@example.se', password: 'Hemligt123!' }],
      ['/api/auth/local', { identifier: 'ny@example.se', password: 'Hemligt123!' }],
      ['/api/auth/forgot-password', { email: 'ny@example.se' }],
    ];
    for (const [path, body] of attempts) {
      const res = await request(app.url, 'POST', path, body);
      expect(res.status, path).toBe(403);
    }
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({})).toBe(0);
  });

  it('has no content-API route for any register type, not even for a full-access API token, and changes nothing', async () => {
    const register = apiTypes().filter((ct) => !ct.options?.draftAndPublish);
    const token = await fullAccessToken();
    for (const ct of register) {
      const existing = await app.strapi.documents(ct.uid).create({
        data: { ...sampleDocument(app.strapi, ct.uid), ...(await sampleRelations(app.strapi, ct.uid)) },
      } as never);
      // Creating some types writes others too (a contact starts its activity log): count after.
      const stored = await app.strapi.documents(ct.uid).count({} as never);
      const base = `/api/${ct.info.pluralName}`;
      const item = `${base}/${existing.documentId}`;
      const attempts: [string, string, unknown?][] = [
        ['GET', base],
        ['GET', item],
        ['POST', base, { data: sampleDocument(app.strapi, ct.uid) }],
        ['PUT', item, { data: {} }],
        ['DELETE', item],
      ];
      for (const [method, path, body] of attempts) {
        for (const auth of [{} as Record<string, string>, token]) {
          const res = await request(app.url, method, path, body, auth);
          // A dedicated portal endpoint (POST /api/magazine-orders) shares a path with what would
          // be the core create: it rejects a core-shaped body like any other invalid form.
          const portal = PORTAL_ENDPOINTS.some((e) => e.method === method && `/api${e.path}` === path);
          const who = `${auth.Authorization ? 'token' : 'public'} ${method} ${path}: ${res.status}`;
          if (portal) expect(res.status, who).toBe(400);
          else expect([404, 405], who).toContain(res.status);
          expect(res.text, who).not.toContain(existing.documentId);
        }
      }
      expect(await app.strapi.documents(ct.uid).count({} as never), ct.uid).toBe(stored);
    }
  });

  it('is not re-opened by a grant clicked on by hand: the next start removes it', async () => {
    const role = await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } });
    await app.strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action: 'api::contact.contact.find', role: role.id } });
    const { enforcePublicPermissions } = await import('../../cms/src/bootstrap/public-permissions');
    await enforcePublicPermissions(app.strapi);
    const left = await app.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { role: role.id, action: 'api::contact.contact.find' } });
    expect(left).toEqual([]);
  });
});

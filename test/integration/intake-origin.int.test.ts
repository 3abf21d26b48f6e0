import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAST_PORTAL_ENV,
  intakeSettled,
  magazineOrder,
  registration,
  submit,
  subscription,
} from '../support/portal';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * Who may post the portal's forms, checked by the CMS: the portal, the CMS's own pages and the
 * configured municipal websites. A browser names the page it posts from (`Origin`); a post from
 * any other page is refused before it is read, and nothing of it is stored.
 */
const SITE = 'http://portal.example';
const MUNICIPAL = 'https://www.are.example';
let app: TestStrapi;

beforeAll(async () => {
  app = await startStrapi({ ...FAST_PORTAL_ENV, SITE_URL: SITE, CORS_ORIGINS: MUNICIPAL });
});
afterAll(async () => {
  await app?.stop();
});

async function stored() {
  const knex = app.strapi.db.connection;
  await intakeSettled(app.strapi);
  const [{ count: inbox }] = await knex('intake_inbox').count({ count: '*' });
  return {
    inbox: Number(inbox),
    contacts: await app.strapi.db.query('api::contact.contact').count(),
    orders: await app.strapi.db.query('api::magazine-order.magazine-order').count(),
    subscriptions: await app.strapi.db.query('api::newsletter-subscription.newsletter-subscription').count(),
  };
}

describe('the origin of a form post', () => {
  it('refuses every form posted from a foreign page, in the visitor language, and stores nothing', async () => {
    const before = await stored();
    for (const [path, body] of [
      ['/api/registrations', registration()],
      ['/api/magazine-orders', magazineOrder()],
      ['/api/newsletter/subscriptions', subscription()],
    ] as const) {
      const sv = await submit(app.url, path, body, { Origin: 'https://evil.example' });
      expect(sv.status).toBe(403);
      expect(sv.body.error?.message).toBe('Formuläret kan inte skickas från den här webbplatsen.');
    }
    const en = await submit(app.url, '/api/registrations', registration(), {
      Origin: 'https://evil.example',
      'Accept-Language': 'en',
    });
    expect(en.status).toBe(403);
    expect(en.body.error?.message).toBe('The form cannot be sent from this website.');
    // An opaque origin (a sandboxed frame, a data: page) is no better.
    expect((await submit(app.url, '/api/registrations', registration(), { Origin: 'null' })).status).toBe(
      403,
    );
    expect(await stored()).toEqual(before);
  });

  it('accepts the portal, the CMS itself, a configured municipality, and clients that name no page', async () => {
    for (const origin of [SITE, app.url, MUNICIPAL]) {
      const res = await submit(app.url, '/api/registrations', registration(), { Origin: origin });
      expect(res.status, origin).toBe(201);
    }
    // A mail client's one-click unsubscribe or a server names no page: the challenge still applies.
    expect((await submit(app.url, '/api/registrations', registration())).status).toBe(201);
  });

  it('refuses a registration marked as embedded that names no allowed website', async () => {
    const embedded = registration({ source: 'municipal-site', sourceMunicipality: 'are' });
    const unnamed = await submit(app.url, '/api/registrations', embedded, { Origin: SITE });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error?.details?.errors?.map((e) => e.path.join('.'))).toEqual(['embedOrigin']);
    const stranger = await submit(
      app.url,
      '/api/registrations',
      { ...embedded, embedOrigin: 'https://www.stranger.example' },
      { Origin: SITE },
    );
    expect(stranger.status).toBe(400);
    const named = await submit(
      app.url,
      '/api/registrations',
      { ...embedded, embedOrigin: MUNICIPAL },
      { Origin: SITE },
    );
    expect(named.status).toBe(201);
  });
});

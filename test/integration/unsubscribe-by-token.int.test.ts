import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntakeCms } from '../support/fixtures';
import { linkToCountyNewsletter } from '../support/newsletter';

/**
 * One-click unsubscribes (RFC 8058) are authorised by their unguessable token, not limited per IP:
 * a mailbox provider sends all its users' unsubscribes from a few addresses. Unknown tokens spend
 * a budget of their own, and an unsubscribe the database cannot take is answered 503, never 2xx.
 * Over real HTTP, from one IP, with the portal's per-IP limit at its default of 20 a minute.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';
const COUNT = 10_000;
const tokens: string[] = [];

beforeAll(async () => {
  cms = await startIntakeCms({ PORTAL_RATE_LIMIT: '20', PORTAL_JUNK_TOKEN_LIMIT: '20' });
  const rows = Array.from({ length: COUNT }, (_, i) => {
    const token = randomBytes(32).toString('base64url');
    tokens.push(token);
    return {
      email: `prenumerant${i}@example.se`,
      subscriptionStatus: 'confirmed',
      language: 'sv',
      interests: [],
      municipalities: [],
      unsubscribeToken: token,
      confirmToken: randomBytes(32).toString('base64url'),
      bounceCount: 0,
      publishedAt: new Date(),
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await cms.app.strapi.db.query(SUBSCRIPTION).createMany({ data: rows.slice(i, i + 500) });
  }
  await linkToCountyNewsletter(cms.app.strapi);
}, 300_000);
afterAll(async () => {
  await cms?.stop();
});

const oneClick = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${cms.app.url}/api/newsletter/unsubscribe?token=${token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: 'List-Unsubscribe=One-Click',
  });

/** One confirmed subscriber more, with a token of its own. */
const subscriber = (email: string) =>
  cms.app.strapi.db.query(SUBSCRIPTION).create({
    data: {
      email,
      subscriptionStatus: 'confirmed',
      language: 'sv',
      unsubscribeToken: randomBytes(32).toString('base64url'),
      publishedAt: new Date(),
    },
  });

const unsubscribed = () =>
  cms.app.strapi.db.query(SUBSCRIPTION).count({ where: { subscriptionStatus: 'unsubscribed' } });

describe('one-click unsubscribes', () => {
  it(`takes effect for all of ${COUNT.toLocaleString('en')} valid tokens sent from one IP as fast as it answers`, async () => {
    const statuses = new Map<number, number>();
    let next = 0;
    const started = Date.now();
    // 32 at a time, like a mailbox provider's sender.
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < tokens.length) {
          const token = tokens[next++];
          const res = await oneClick(token);
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    console.log(
      `${COUNT} one-click unsubscribes from one IP in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(Object.fromEntries(statuses)).toEqual({ 200: COUNT });
    expect(await unsubscribed()).toBe(COUNT);
  }, 600_000);

  it('takes a one-click unsubscribe sent as multipart, its length told or not', async () => {
    for (const chunked of [false, true]) {
      const row = (await subscriber(`flerdel.${String(chunked)}@example.se`)) as { unsubscribeToken: string };
      const form = new FormData();
      form.append('List-Unsubscribe', 'One-Click');
      const encoded = new Response(form);
      const res = await fetch(`${cms.app.url}/api/newsletter/unsubscribe?token=${row.unsubscribeToken}`, {
        method: 'POST',
        headers: { 'Content-Type': encoded.headers.get('content-type')! },
        // A stream has no length: fetch sends it chunked.
        body: chunked ? encoded.body : await encoded.arrayBuffer(),
        duplex: 'half',
      } as RequestInit);
      expect(res.status, `chunked: ${chunked}`).toBe(200);
      expect(
        (await cms.app.strapi.db
          .query(SUBSCRIPTION)
          .findOne({ where: { unsubscribeToken: row.unsubscribeToken } })) as { subscriptionStatus: string },
      ).toMatchObject({ subscriptionStatus: 'unsubscribed' });
    }
  });

  it('gives unknown tokens a budget of their own, which never blocks a valid token', async () => {
    const row = await subscriber('efter-skrapet@example.se');
    const junk = [];
    for (let i = 0; i < 25; i++) {
      const res = await oneClick(randomBytes(32).toString('base64url'), { Accept: 'application/json' });
      junk.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(junk.slice(0, 20)).toEqual(Array(20).fill(400));
    expect(junk.slice(20)).toEqual(Array(5).fill(429));
    // A mail's link opened in a browser past the budget: a page saying so, not JSON.
    const browser = await fetch(
      `${cms.app.url}/api/newsletter/confirm?token=${randomBytes(32).toString('base64url')}`,
      { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'Accept-Language': 'sv' } },
    );
    expect(browser.status).toBe(429);
    expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await browser.text()).toMatch(/För många förfrågningar\. Försök igen om \d+ sekunder\./);
    // The same IP, its junk budget spent: a valid token still takes effect at once.
    expect((await oneClick(row.unsubscribeToken)).status).toBe(200);
    const after = await cms.app.strapi.db.query(SUBSCRIPTION).findOne({ where: { id: row.id } });
    expect(after.subscriptionStatus).toBe('unsubscribed');
  });

  it('answers 503 with Retry-After when the database is unavailable, and takes the retry', async () => {
    const row = await subscriber('under-avbrottet@example.se');
    const knex = cms.app.strapi.db.connection;
    await knex.destroy();
    try {
      const res = await oneClick(row.unsubscribeToken);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('60');
      expect(await res.text()).toContain('Försök igen om en stund');
      const page = await fetch(`${cms.app.url}/api/newsletter/unsubscribe?token=${row.unsubscribeToken}`, {
        headers: { Accept: 'application/json' },
      });
      expect(page.status).toBe(503);
      expect(await page.json()).toEqual({ error: 'unavailable' });
    } finally {
      knex.initialize();
    }
    // The mail client tries again: it takes effect.
    expect((await oneClick(row.unsubscribeToken)).status).toBe(200);
    const after = await cms.app.strapi.db.query(SUBSCRIPTION).findOne({ where: { id: row.id } });
    expect(after.subscriptionStatus).toBe('unsubscribed');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_PORTAL_ENV, post, registration } from '../support/portal';
import { startStrapi, type TestStrapi } from '../support/strapi';

/** The guards in front of the portal endpoints: per-IP rate limit and body size limit. */
let app: TestStrapi;
beforeAll(async () => {
  app = await startStrapi({
    ...FAST_PORTAL_ENV,
    PORTAL_RATE_LIMIT: '5',
    PORTAL_BEACON_LIMIT: '12',
    PORTAL_BODY_LIMIT_KB: '16',
  });
});
afterAll(async () => {
  await app?.stop();
});

describe('portal limits', () => {
  it('answers 429 with Retry-After once an IP has used up its requests, per endpoint', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await post(app.url, '/api/newsletter/subscriptions', {})).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429]);

    const limited = await post(app.url, '/api/newsletter/subscriptions', {}, { 'Accept-Language': 'en' });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.error?.message).toBe(`Too many requests. Try again in ${retryAfter} seconds.`);

    // Every spelling the router takes to the same handler shares the budget.
    for (const variant of ['/api/newsletter/subscriptions/', '/API/Newsletter/Subscriptions']) {
      expect((await post(app.url, variant, {})).status, variant).toBe(429);
    }

    // Another endpoint has its own budget.
    expect((await post(app.url, '/api/magazine-orders', {})).status).toBe(400);
  });

  it('gives the statistics beacon a budget of its own, above the forms', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++)
      statuses.push((await post(app.url, '/api/stats/hits', { t: 'view', p: '/' })).status);
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(204));
    expect(statuses[12]).toBe(429);
  });

  it('refuses a body over the limit before reading it, and stores nothing', async () => {
    const huge = { ...registration(), message: 'å'.repeat(20_000) };
    const res = await post(app.url, '/api/registrations', huge);
    expect(res.status).toBe(413);
    expect(res.body.error?.message).toMatch(/^Formuläret innehåller för mycket text/);
    expect(await app.strapi.db.query('api::contact.contact').count()).toBe(0);
  });

  it('answers a chunked body past the body parser’s limit with the same 413, in the language asked', async () => {
    const body = JSON.stringify({ ...registration(), message: 'å'.repeat(700_000) });
    for (const [language, message] of [
      ['sv', /^Formuläret innehåller för mycket text/],
      ['en', /^The form contains too much text/],
    ] as const) {
      // A stream has no Content-Length: fetch sends it chunked.
      const res = await fetch(`${app.url}/api/registrations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
        body: new Blob([body]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(await app.strapi.db.query('api::contact.contact').count()).toBe(0);
  });

  it("holds a path's variants to the same size limit and origin rule", async () => {
    const huge = { ...registration(), message: 'å'.repeat(20_000) };
    // Each test keeps to endpoints with budget left (PORTAL_RATE_LIMIT is 5 here).
    expect((await post(app.url, '/api/Event-Registrations/', huge)).status).toBe(413);
    const foreign = await post(app.url, '/api/event-registrations/', registration(), {
      Origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(await app.strapi.db.query('api::event-registration.event-registration').count()).toBe(0);
  });

  it('keeps no file posted to a form or to any other route on the disk', async () => {
    const since = Date.now();
    const leftovers = () =>
      fs
        .readdirSync(os.tmpdir(), { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(os.tmpdir(), entry.name))
        .filter((file) => {
          const stat = fs.statSync(file, { throwIfNoEntry: false });
          return stat !== undefined && stat.mtimeMs >= since - 1000 && stat.size === 12_345;
        });
    const form = () => {
      const body = new FormData();
      body.append('firstName', 'Anna');
      body.append('file', new Blob([Buffer.alloc(12_345, 1)]), 'bilaga.bin');
      return body;
    };
    // Chunked (no length to refuse it by): refused before it is read.
    const encoded = new Response(form());
    const chunked = await fetch(`${app.url}/api/magazine-orders`, {
      method: 'POST',
      headers: { 'Content-Type': encoded.headers.get('content-type')! },
      body: encoded.body,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // With its length, to a form and to a route that refuses everyone: read, refused, removed.
    expect((await fetch(`${app.url}/api/magazine-orders`, { method: 'POST', body: form() })).status).toBe(
      400,
    );
    expect(
      (await fetch(`${app.url}/api/contacts`, { method: 'POST', body: form() })).status,
    ).toBeGreaterThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leftovers()).toEqual([]);
  });

  it('answers 400 with a readable message for a body that is not JSON', async () => {
    const res = await post(app.url, '/api/registrations', '{"firstName": ');
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBe('Formuläret kunde inte läsas. Ladda om sidan och försök igen.');
  });
});

describe('outbox housekeeping', () => {
  it('forgets sent mail after 30 days and keeps what is pending or recent', async () => {
    const { pruneSentMail } = await import('../../cms/src/mail/outbox');
    const outbox = app.strapi.db.query('api::outbox-message.outbox-message');
    const now = new Date();
    const row = (subject: string, status: string, sentDaysAgo: number | null) =>
      outbox.create({
        data: {
          kind: 'test',
          to: 'a@example.se',
          subject,
          html: '<p>x</p>',
          text: 'x',
          sendStatus: status,
          sentAt: sentDaysAgo === null ? null : new Date(now.getTime() - sentDaysAgo * 86_400_000),
          publishedAt: now,
        },
      });
    await row('old sent', 'sent', 31);
    await row('recent sent', 'sent', 2);
    await row('old pending', 'pending', null);
    await pruneSentMail(app.strapi, now);
    const left = (await outbox.findMany({ select: ['subject'] })) as { subject: string }[];
    expect(left.map((m) => m.subject).sort()).toEqual(['old pending', 'recent sent']);
  });
});

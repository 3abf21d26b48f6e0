import { createRequire } from 'node:module';
import type { StatisticsReport } from '../../cms/src/statistics/report';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession } from '../support/admin';
import { CMS_DIR } from '../support/paths';
import { FAST_PORTAL_ENV } from '../support/portal';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * The cookie-free visitor statistics over real HTTP: the beacon's page views and conversions are
 * counted per day, a visitor once a day, Do-Not-Track and Global Privacy Control are honoured, bad
 * or oversized beacons are refused and count nothing, and no table holds anything that identifies
 * a visitor. The coordinator reads the figures and CSV through the admin API.
 */
const require = createRequire(import.meta.url);
const visits = require(path.join(CMS_DIR, 'dist', 'src', 'statistics', 'visits.js'));
const SITE = 'https://tasteget.example';
const TABLES = [visits.VIEWS, visits.VISITORS, visits.UNIQUES, visits.SALTS, visits.CONVERSIONS] as string[];
let app: TestStrapi;
let coordinator: string;

beforeAll(async () => {
  app = await startStrapi({ ...FAST_PORTAL_ENV, SITE_URL: SITE });
  coordinator = (await adminSession(app.strapi, app.url, 'coordinator', 'sam@statistik.example')).token;
});
afterAll(async () => {
  await app?.stop();
});

const UA_ONE = 'Mozilla/5.0 (X11; Linux x86_64) Besökare-ett';
const UA_TWO = 'Mozilla/5.0 (Android 15) Besökare-två';

function beacon(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/api/stats/hits`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: SITE,
      'User-Agent': UA_ONE,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}
const view = (p: string, more: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  beacon({ t: 'view', p, ...more }, headers);

async function report(from = '2000-01-01', to = '2100-01-01') {
  const res = await fetch(`${app.url}/tasteget/statistics?from=${from}&to=${to}`, {
    headers: { Authorization: `Bearer ${coordinator}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: StatisticsReport }).data;
}
const rowsOf = async () =>
  Object.fromEntries(
    await Promise.all(TABLES.map(async (t) => [t, await app.strapi.db.connection(t).select('*')] as const)),
  ) as Record<string, Record<string, unknown>[]>;

describe('visitor statistics', () => {
  it('counts page views per page, source and campaign, and each visitor once a day', async () => {
    expect((await view('/berattelser/')).status).toBe(204);
    expect((await view('/berattelser/', {}, { 'User-Agent': UA_TWO })).status).toBe(204);
    await view('/', { r: 'https://www.google.com/search?q=flytta+till+jamtland' });
    await view('/kommuner/are/', { r: `${SITE}/` }); // a move within the site: no source
    await view('/', { us: 'Nyhetsbrev', um: 'email', uc: 'vinter-2026' });

    const data = await report();
    expect(data.totals).toMatchObject({ views: 5, visitors: 2, conversions: 0 });
    expect(data.pages).toEqual([
      { path: '/', views: 2 },
      { path: '/berattelser/', views: 2 },
      { path: '/kommuner/are/', views: 1 },
    ]);
    expect(data.referrers).toEqual([{ host: 'google.com', views: 1 }]);
    expect(data.campaigns).toEqual([
      { source: 'nyhetsbrev', medium: 'email', campaign: 'vinter-2026', views: 1 },
    ]);
  });

  it('counts forms sent by landing page, source and municipality', async () => {
    for (const k of ['are', 'are', 'krokom'])
      expect((await beacon({ t: 'conversion', e: 'registration', l: '/', s: 'nyhetsbrev', k })).status).toBe(
        204,
      );
    await beacon({ t: 'conversion', e: 'subscription', l: '/berattelser/', s: 'direct' });
    const data = await report();
    expect(data.conversions).toEqual([
      { kind: 'registration', landing: '/', source: 'nyhetsbrev', municipality: 'are', count: 2 },
      { kind: 'registration', landing: '/', source: 'nyhetsbrev', municipality: 'krokom', count: 1 },
      { kind: 'subscription', landing: '/berattelser/', source: 'direct', municipality: '', count: 1 },
    ]);
    const csv = await fetch(
      `${app.url}/tasteget/statistics?from=2000-01-01&to=2100-01-01&format=csv&table=conversions`,
      { headers: { Authorization: `Bearer ${coordinator}` } },
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('Typ;Landningssida;Källa;Kommun;Antal');
    expect(lines).toContain('registration;/;nyhetsbrev;are;2');
  });

  it('counts nothing for a visitor who asks not to be tracked, and refuses bad or large beacons', async () => {
    const before = await rowsOf();
    expect((await view('/dnt/', {}, { DNT: '1' })).status).toBe(204);
    expect((await view('/gpc/', {}, { 'Sec-GPC': '1' })).status).toBe(204);
    for (const bad of [
      { t: 'view', p: 'javascript:alert(1)' },
      { t: 'view', p: '/ok/', us: 'x'.repeat(101) },
      { t: 'view', p: '/a\u0000b/' }, // PostgreSQL refuses NUL in text: a 400, not a 500
      { t: 'view', p: '/ok/', uc: 'vinter\u0000' },
      { t: 'conversion', e: 'purchase', l: '/' },
      { t: 'conversion', e: 'registration', l: '/', k: 'stockholm' },
      { t: 'click', p: '/' },
      {},
    ]) {
      const res = await beacon(bad as Record<string, string>);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /Ogiltigt värde|Kontrollera/,
      );
    }
    const large = await view('/', { r: `https://example.org/${'a'.repeat(1100)}` });
    expect(large.status).toBe(413);
    expect(await rowsOf()).toEqual(before);
  });

  it('stores nothing that identifies a visitor, and forgets the day’s visitors when it ends', async () => {
    const rows = await rowsOf();
    const stored = JSON.stringify(rows);
    for (const secret of ['127.0.0.1', '::1', UA_ONE, UA_TWO, 'Besökare', 'search?q', 'flytta+till']) {
      expect(stored, secret).not.toContain(secret);
    }
    // No column for an address, a browser or a session; a visitor is a salted hash of today.
    for (const table of TABLES) {
      const columns = Object.keys(await app.strapi.db.connection(table).columnInfo());
      expect(
        columns.filter((c) => /(^|_)(ip|address|agent|session|cookie|email|user)(_|$)/i.test(c)),
        table,
      ).toEqual([]);
    }
    expect(rows[visits.VISITORS].every((r) => /^[0-9a-f]{32}$/.test(String(r.visitor)))).toBe(true);

    // The next day: yesterday's hashes become a count, and they and the salt are gone.
    const today = rows[visits.SALTS][0].day as string;
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000);
    await visits.countView(
      app.strapi,
      { t: 'view', p: '/', r: '', us: '', um: '', uc: '' },
      { ip: '127.0.0.1', userAgent: UA_ONE, siteHost: 'tasteget.example' },
      tomorrow,
    );
    const after = await rowsOf();
    expect(after[visits.UNIQUES].map((r) => [r.day, Number(r.visitors)])).toEqual([[today, 2]]);
    expect(after[visits.SALTS].map((r) => r.day)).toEqual([tomorrow.toISOString().slice(0, 10)]);
    expect(after[visits.VISITORS].map((r) => r.day)).toEqual([tomorrow.toISOString().slice(0, 10)]);
    // The same person tomorrow is a new hash: days cannot be linked.
    expect(after[visits.VISITORS][0].visitor).not.toBe(rows[visits.VISITORS].find(() => true)?.visitor);
    const both = await report();
    expect(both.days.map((d) => d.visitors)).toEqual([2, 1]);
  });
});

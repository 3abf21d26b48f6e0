import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type AdminSession } from '../support/admin';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * Queries whose filters, sort or search Strapi's query engine cannot read are the client's error:
 * 400 with the project's bilingual message, never a 500 (cms/src/platform/malformed-query.ts),
 * on the public API without a login and on the Content Manager's.
 */
let app: TestStrapi;
let coordinator: AdminSession;
beforeAll(async () => {
  app = await startStrapi();
  coordinator = await adminSession(app.strapi, app.url, 'coordinator', 'samordnare@fragor.example');
});
afterAll(async () => {
  await app?.stop();
});

const PUBLIC = [
  '/api/stories?filters[$or]=x',
  '/api/stories?filters[$and]=x',
  '/api/stories?filters[$not]=x',
  '/api/stories?filters[$or][0]=x',
  '/api/stories?filters[title][$between]=x',
  '/api/events?filters[$or]=x',
  '/api/kommuner?filters[$or]=x',
  // A value where a condition belongs: the database was asked for a column "0".
  '/api/events?filters[0]=abc',
  '/api/stories?filters[0]=',
  '/api/magazine-editions?filters[0][0]=a',
  // A condition where a value belongs: the database was handed an object to compare with.
  '/api/stories?filters[title][$eq][$eq]=x',
  '/api/stories?filters[title][$ne][$eq]=x',
  '/api/stories?filters[id][$eq][$gt]=1',
  '/api/stories?filters[title][$eq][$null]=true',
  '/api/stories?populate[kommun][filters][name][$eq][$eq]=x',
  // A sort direction given as an object.
  '/api/stories?sort[title][x]=asc',
];
const ADMIN = [
  '/content-manager/collection-types/api::contact.contact?filters[householdSize][$gt]=abc',
  '/content-manager/collection-types/api::contact.contact?_q[$ne]=x',
  '/content-manager/collection-types/api::contact.contact?filters[$or]=x',
  '/content-manager/collection-types/api::contact.contact?filters[firstName][$eq][$eq]=x',
  '/content-manager/collection-types/api::contact.contact?filters[0]=x',
  '/content-manager/collection-types/api::contact.contact?sort[email][x]=asc',
];

type Refusal = {
  error: { status: number; message: string; details: { messages: { sv: string; en: string } } };
};

async function expectRefused(res: Response, path: string) {
  expect(res.status, path).toBe(400);
  const { error } = (await res.json()) as Refusal;
  expect(error.details.messages.sv, path).toMatch(/^Frågans filter, sortering eller sökning har fel form/);
  expect(error.details.messages.en, path).toMatch(/^The query's filters, sort or search are malformed/);
}

describe('malformed queries', () => {
  it('are a 400 on the public API, and well-formed ones still answer', async () => {
    for (const path of PUBLIC) await expectRefused(await fetch(`${app.url}${path}`), path);
    for (const fine of [
      '/api/stories?filters[$or][0][title][$eq]=x&filters[$or][1][slug][$eq]=y',
      '/api/stories?filters[kommun][slug][$eq]=are&filters[id][$in][0]=1&filters[id][$in][1]=2',
      '/api/stories?filters[$not][title][$null]=true&filters[title][$between][0]=a&filters[title][$between][1]=b',
      '/api/stories?sort[0]=title:asc&sort[1]=publishedAt:desc',
      '/api/stories?sort[title]=desc&populate[kommun][sort][name]=asc',
      // A list longer than the query parser's array limit arrives as an object of indexes.
      `/api/stories?${Array.from({ length: 120 }, (_, i) => `filters[id][$in][${i}]=${i + 1}`).join('&')}`,
    ])
      expect((await fetch(`${app.url}${fine}`)).status, fine).toBe(200);
  });

  it('are told in the language asked for, and in both without a wish', async () => {
    const path = `${app.url}/api/stories?filters[0]=abc`;
    const message = async (headers: Record<string, string>) =>
      ((await (await fetch(path, { headers })).json()) as Refusal).error.message;
    expect(await message({ 'Accept-Language': 'en' })).toBe(
      "The query's filters, sort or search are malformed and cannot be read.",
    );
    expect(await message({ 'Accept-Language': 'sv-SE, en;q=0.8' })).toBe(
      'Frågans filter, sortering eller sökning har fel form och kan inte läsas.',
    );
    expect(await message({})).toMatch(/^Frågans filter.* \/ The query's filters/);
  });

  it('refuse paging a database cannot take, on the public and the admin API', async () => {
    for (const path of [
      '/api/stories?pagination[start]=99999999999999999999',
      '/api/kommuner?pagination[page]=99999999999999999999',
      '/api/stories?pagination[limit]=-5',
      '/api/stories?pagination[pageSize]=abc',
      '/content-manager/collection-types/api::contact.contact?page=99999999999999999999',
    ]) {
      const res = path.startsWith('/api/') ? await fetch(`${app.url}${path}`) : await coordinator.fetch(path);
      expect(res.status, path).toBe(400);
      const { error } = (await res.json()) as Refusal;
      expect(error.details.messages.sv, path).toMatch(
        /^Frågans sidindelning \(page, pageSize, start, limit\) ska vara heltal/,
      );
    }
    expect((await fetch(`${app.url}/api/stories?pagination[start]=0&pagination[limit]=10`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/stories?pagination[page]=2&pagination[pageSize]=5`)).status).toBe(
      200,
    );
  });

  it("are a 400 on the Content Manager's API, and well-formed ones still answer", async () => {
    for (const path of ADMIN) await expectRefused(await coordinator.fetch(path), path);
    const fine = await coordinator.fetch(
      '/content-manager/collection-types/api::contact.contact?filters[householdSize][$gt]=2&_q=anna',
    );
    expect(fine.status).toBe(200);
  });
});

import type { Browser } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signPreview } from '../../cms/src/content/preview/preview-link';
import { adminSession, type AdminSession } from '../support/admin';
import { axeViolations } from '../support/axe';
import { launchChromium, watchCsp } from '../support/browser';
import { startPortalStack, type PortalStack } from '../support/portal-stack';
import type { TestStrapi } from '../support/strapi';

/**
 * Draft preview as an editor uses it: Strapi's preview button asks the CMS for the address of a
 * draft (an expiring link signed by the CMS), and the portal renders the draft with the components
 * of the published page. A forged or expired link shows nothing, and neither the static portal nor
 * the public API ever shows a draft.
 */
const DRAFT_STORY = {
  title: 'Utkast: Nora flyttar till Hede',
  slug: 'utkast-nora-flyttar-till-hede',
  lead: 'Nora har fått jobb på skolan i Hede och flyttar dit i augusti.',
};
const DRAFT_ARTICLE = {
  title: 'Utkast: Ny inflyttarträff i Sveg',
  slug: 'utkast-ny-inflyttartraff-i-sveg',
  lead: 'Härjedalens kommun bjuder in till inflyttarträff i höst.',
};
const PUBLISHED_TITLE = 'Gustav bygger båtar i Hoverberg';
const EDITED_TITLE = 'Gustav bygger båtar och bastur i Hoverberg';

let stack: PortalStack;
let browser: Browser;
let editor: AdminSession;
const ids = { story: '', article: '', published: '' };

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

/** Drafts written before the portal's first build: the build must leave them out. */
async function writeDrafts(cms: TestStrapi) {
  const stories = cms.strapi.documents('api::story.story');
  const berg = await cms.strapi
    .documents('api::kommun.kommun')
    .findFirst({ filters: { slug: 'berg' }, locale: 'sv' } as never);
  const story = await stories.create({
    data: {
      ...DRAFT_STORY,
      body: paragraph('Hon ser fram emot fjällen och den korta vägen till jobbet.'),
      person: { name: 'Nora Ek', age: 31, movedFrom: 'Linköping', occupation: 'Lärare' },
      kommun: berg!.documentId,
      themes: ['career'],
    },
    locale: 'sv',
  } as never);
  ids.story = story.documentId;

  const article = await cms.strapi.documents('api::article.article').create({
    data: { ...DRAFT_ARTICLE, body: paragraph('Anmälan öppnar i september.'), category: 'events' },
    locale: 'sv',
  } as never);
  ids.article = article.documentId;

  // A published story whose draft has been edited since.
  const published = await stories.create({
    data: {
      title: PUBLISHED_TITLE,
      slug: 'gustav-bygger-batar-i-hoverberg',
      lead: 'Gustav flyttade från Göteborg och startade ett båtbyggeri.',
      body: paragraph('Verkstaden ligger vid sjön.'),
      person: { name: 'Gustav Holm', movedFrom: 'Göteborg' },
      kommun: berg!.documentId,
      themes: ['entrepreneur'],
    },
    locale: 'sv',
    status: 'published',
  } as never);
  ids.published = published.documentId;
  await stories.update({
    documentId: published.documentId,
    locale: 'sv',
    data: { title: EDITED_TITLE },
  } as never);
}

beforeAll(async () => {
  stack = await startPortalStack({}, { beforeBuild: writeDrafts });
  editor = await adminSession(stack.cms.strapi, stack.cms.url, 'editor', 'redaktor@preview.example', 'Rut');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** What the admin's preview button asks the CMS for. */
async function previewUrl(uid: string, documentId: string, status: 'draft' | 'published' = 'draft') {
  const res = await editor.fetch(
    `/content-manager/preview/url/${uid}?documentId=${documentId}&locale=sv&status=${status}`,
  );
  return {
    status: res.status,
    url: res.status === 200 ? ((await res.json()) as { data: { url: string } }).data.url : '',
  };
}

/** The preview renders under the portal's Content-Security-Policy without a violation. */
const cspViolations: string[] = [];
afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

async function open(url: string) {
  const page = await watchCsp(await browser.newContext(), cspViolations).newPage();
  const response = await page.goto(url);
  return { page, response: response! };
}

describe('draft preview', () => {
  it('shows a draft story through the freshly signed link, with the published page’s layout', async () => {
    const { status, url } = await previewUrl('api::story.story', ids.story);
    expect(status).toBe(200);
    expect(url.startsWith(`${stack.siteUrl}/forhandsvisning/?`)).toBe(true);
    expect(url).not.toMatch(/secret|token/i);

    const { page, response } = await open(url);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    await page.getByRole('heading', { level: 1, name: DRAFT_STORY.title }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Förhandsvisning av ett utkast');
    expect(await page.getByText(DRAFT_STORY.lead).count()).toBe(1);
    // The story page's own parts: the main menu, the person, the municipality link, the call to register.
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).count()).toBe(1);
    expect(await page.locator('.person').textContent()).toContain('Nora Ek, 31');
    expect(await page.getByRole('link', { name: 'Berg', exact: true }).getAttribute('href')).toBe(
      '/kommuner/berg/',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows a draft article, and the edited draft of a published story', async () => {
    const article = await open((await previewUrl('api::article.article', ids.article)).url);
    await article.page.getByRole('heading', { level: 1, name: DRAFT_ARTICLE.title }).waitFor();
    await article.page.context().close();

    const edited = await open((await previewUrl('api::story.story', ids.published)).url);
    await edited.page.getByRole('heading', { level: 1, name: EDITED_TITLE }).waitFor();
    await edited.page.context().close();
    // The published version opens the public page, which still shows what was published.
    const published = await previewUrl('api::story.story', ids.published, 'published');
    expect(published.url).toBe(`${stack.siteUrl}/berattelser/gustav-bygger-batar-i-hoverberg/`);
    const html = await (await fetch(published.url)).text();
    expect(html).toContain(PUBLISHED_TITLE);
    expect(html).not.toContain(EDITED_TITLE);
  });

  it("shows a draft's image, served by the portal itself under its Content-Security-Policy", async () => {
    const [withImage] = (await stack.cms.strapi.documents('api::story.story').findMany({
      filters: { images: { id: { $notNull: true } } },
      locale: 'sv',
      status: 'draft',
      limit: 1,
    } as never)) as unknown as { documentId: string }[];
    expect(withImage, 'a seeded story with an image').toBeTruthy();
    const { page } = await open((await previewUrl('api::story.story', withImage.documentId)).url);
    const image = page.locator('article img').first();
    await image.waitFor();
    await page.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      await image.elementHandle(),
      { timeout: 15_000 },
    );
    const src = (await image.getAttribute('src'))!;
    expect(new URL(src, stack.siteUrl).origin).toBe(new URL(stack.siteUrl).origin);
    await page.context().close();
  });

  it('refuses a forged link', async () => {
    const { url } = await previewUrl('api::story.story', ids.story);
    const forged = new URL(url);
    const signature = forged.searchParams.get('signature')!;
    forged.searchParams.set('signature', `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`);
    // The same signature for another document, and a later expiry, are forgeries too.
    const otherDocument = new URL(url);
    otherDocument.searchParams.set('id', ids.article);
    otherDocument.searchParams.set('type', 'article');
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 86_400_000));
    const unsigned = new URL(url);
    unsigned.searchParams.delete('signature');

    for (const link of [forged, otherDocument, later, unsigned]) {
      const res = await fetch(link);
      const html = await res.text();
      expect(res.status, link.search).toBe(403);
      expect(html, link.search).toContain('Länken till förhandsvisningen är ogiltig');
      expect(html, link.search).not.toContain(DRAFT_STORY.title);
      expect(html, link.search).not.toContain(DRAFT_ARTICLE.title);
    }
  });

  it('refuses an expired link', async () => {
    const target = { type: 'story', documentId: ids.story, locale: 'sv' } as const;
    const { expires, signature } = signPreview(target, Date.now() - 24 * 3_600_000);
    expect(expires).toBeLessThan(Date.now());
    const query = new URLSearchParams({
      type: 'story',
      id: ids.story,
      locale: 'sv',
      expires: String(expires),
      signature,
    });
    const res = await fetch(`${stack.siteUrl}/forhandsvisning/?${query}`);
    const html = await res.text();
    expect(res.status).toBe(403);
    expect(html).toContain('Länken till förhandsvisningen har gått ut');
    expect(html).not.toContain(DRAFT_STORY.title);

    const direct = await fetch(`${stack.cms.url}/api/preview/story/${ids.story}?${query}`);
    expect(direct.status).toBe(403);
    expect(await direct.text()).not.toContain(DRAFT_STORY.title);
  });

  it('never shows a draft on the public site or through the public API', async () => {
    for (const path of [`/berattelser/${DRAFT_STORY.slug}/`, `/nyheter/${DRAFT_ARTICLE.slug}/`]) {
      expect((await fetch(`${stack.siteUrl}${path}`)).status, path).toBe(404);
    }
    for (const path of ['/berattelser/', '/nyheter/', '/berattelser/tema/career/', '/sitemap-0.xml']) {
      const html = await (await fetch(`${stack.siteUrl}${path}`)).text();
      expect(html, path).not.toContain(DRAFT_STORY.title);
      expect(html, path).not.toContain(DRAFT_ARTICLE.title);
      expect(html, path).not.toContain(EDITED_TITLE);
    }
    expect(await (await fetch(`${stack.siteUrl}/berattelser/`)).text()).toContain(PUBLISHED_TITLE);

    for (const path of [
      '/api/stories?status=draft&pagination[pageSize]=100',
      '/api/articles?status=draft&pagination[pageSize]=100',
      `/api/stories/${ids.story}?status=draft`,
      `/api/stories/${ids.published}?status=draft`,
      `/api/preview/story/${ids.story}?locale=sv`,
    ]) {
      const text = await (await fetch(`${stack.cms.url}${path}`)).text();
      expect(text, path).not.toContain(DRAFT_STORY.title);
      expect(text, path).not.toContain(DRAFT_ARTICLE.title);
      expect(text, path).not.toContain(EDITED_TITLE);
    }
    expect((await fetch(`${stack.cms.url}/api/stories/${ids.story}?status=draft`)).status).toBe(404);
    expect((await fetch(`${stack.cms.url}/api/preview/story/${ids.story}?locale=sv`)).status).toBe(403);
  });

  it('offers no preview for types that are not on the portal', async () => {
    const newsletter = await stack.cms.strapi
      .documents('api::newsletter.newsletter')
      .findFirst({ locale: 'sv' } as never);
    expect((await previewUrl('api::newsletter.newsletter', newsletter!.documentId)).status).toBe(204);
  });

  it('shows drafts of list entries first on their list pages: an ambassador, a coworking space, an edition', async () => {
    const ambassadors = stack.cms.strapi.documents('api::ambassador.ambassador');
    const ambassador = (await ambassadors.findFirst({ locale: 'sv', status: 'published' } as never))!;
    const bio = 'Utkast: Jag visar gärna runt i byn och svarar på frågor om skolan.';
    await ambassadors.update({ documentId: ambassador.documentId, locale: 'sv', data: { bio } } as never);
    const space = await stack.cms.strapi.documents('api::coworking-space.coworking-space').create({
      data: {
        name: 'Utkast: Kontorshotellet i Hammarstrand',
        slug: 'utkast-kontorshotellet-hammarstrand',
        address: { street: 'Storgatan 1', postalCode: '840 70', city: 'Hammarstrand' },
        latitude: 63.1,
        longitude: 16.35,
        amenities: ['wifi'],
      },
      locale: 'sv',
    } as never);
    const edition = await stack.cms.strapi.documents('api::magazine-edition.magazine-edition').create({
      data: { title: 'Utkast: Ta Steget 2027', slug: 'utkast-ta-steget-2027', year: 2027, orderable: false },
      locale: 'sv',
    } as never);

    const cases = [
      ['api::ambassador.ambassador', ambassador.documentId, '/ambassadorer/', bio],
      [
        'api::coworking-space.coworking-space',
        space.documentId,
        '/coworking/',
        'Utkast: Kontorshotellet i Hammarstrand',
      ],
      ['api::magazine-edition.magazine-edition', edition.documentId, '/tidningen/', 'Utkast: Ta Steget 2027'],
    ] as const;
    for (const [uid, documentId, listPage, text] of cases) {
      const { page, response } = await open((await previewUrl(uid, documentId)).url);
      expect(response.status()).toBe(200);
      expect(await page.getByRole('status').first().textContent()).toContain('Förhandsvisning av ett utkast');
      // The draft is the list's first entry.
      const first = page.locator('main li[id]').first();
      expect(await first.textContent()).toContain(text);
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
      expect(await (await fetch(`${stack.siteUrl}${listPage}`)).text()).not.toContain(text);
    }
    // A published entry's preview is its place on its list page.
    const published = await previewUrl('api::ambassador.ambassador', ambassador.documentId, 'published');
    expect(published.url).toBe(
      `${stack.siteUrl}/ambassadorer/#${(ambassador as unknown as { slug: string }).slug}`,
    );
  });

  it("shows an event's draft and a municipality page's edited draft with their published layouts", async () => {
    const events = stack.cms.strapi.documents('api::event.event');
    const draft = await events.create({
      data: {
        title: 'Utkast: Inflyttarmingel i Järpen',
        slug: 'utkast-inflyttarmingel-jarpen',
        startsAt: new Date(Date.now() + 20 * 86_400_000),
        place: 'Järpens folkets hus',
        description: paragraph('Mingel och information om att bo i Åre kommun.'),
        signUpOpen: true,
        capacity: 30,
      },
      locale: 'sv',
    } as never);
    const event = await open((await previewUrl('api::event.event', draft.documentId)).url);
    await event.page.getByRole('heading', { level: 1, name: 'Utkast: Inflyttarmingel i Järpen' }).waitFor();
    expect(await event.page.getByRole('status').first().textContent()).toContain(
      'Förhandsvisning av ett utkast',
    );
    await event.page.getByText('Järpens folkets hus').first().waitFor();
    expect(await axeViolations(event.page)).toEqual([]);
    await event.page.context().close();

    const kommuner = stack.cms.strapi.documents('api::kommun.kommun');
    const are = await kommuner.findFirst({ filters: { slug: 'are' }, locale: 'sv' } as never);
    await kommuner.update({
      documentId: are!.documentId,
      locale: 'sv',
      data: { intro: 'Utkast: Åre växer, och vi söker fler som vill bo här året runt.' },
    } as never);
    const kommun = await open((await previewUrl('api::kommun.kommun', are!.documentId)).url);
    await kommun.page.getByRole('heading', { level: 1, name: 'Åre' }).waitFor();
    await kommun.page.getByText('Utkast: Åre växer, och vi söker fler som vill bo här året runt.').waitFor();
    // The published page's lists come with it: its ambassadors and coworking spaces.
    expect(await kommun.page.locator('[data-list="coworking"] h3').count()).toBeGreaterThan(0);
    await kommun.page.context().close();
    const published = await (await fetch(`${stack.siteUrl}/kommuner/are/`)).text();
    expect(published).not.toContain('Utkast: Åre växer');
  });
});

import type { Browser } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type AdminSession } from '../support/admin';
import { launchChromium, watchCsp } from '../support/browser';
import { startPortalStack, type PortalStack } from '../support/portal-stack';

/**
 * Publish-to-live as an editor meets it: an edit published in the admin is on the portal within
 * seconds, long before a full build. The portal server here waits ten minutes before any full
 * rebuild, so every change seen comes from the live pages (scripts/lib/live-pages.mjs).
 */
const LIVE_WITHIN_MS = 5_000;
const STORY = 'api::story.story';

let stack: PortalStack;
let browser: Browser;
let editor: AdminSession;
const cspViolations: string[] = [];

beforeAll(async () => {
  stack = await startPortalStack({}, { rebuildDebounceMs: 10 * 60_000 });
  editor = await adminSession(stack.cms.strapi, stack.cms.url, 'editor', 'redaktor@live.example', 'Rut');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

type StoryRow = { documentId: string; slug: string; title: string };

async function publishedStory(offset: number): Promise<StoryRow> {
  const [story] = (await stack.cms.strapi.documents(STORY).findMany({
    locale: 'sv',
    status: 'published',
    sort: 'slug:asc',
    start: offset,
    limit: 1,
    fields: ['slug', 'title'],
  } as never)) as unknown as StoryRow[];
  return story!;
}

/** Saves the draft and publishes it, as the admin's "Publish" button does. */
async function publishEdit(documentId: string, data: Record<string, unknown>, locale = 'sv') {
  const res = await editor.fetch(
    `/content-manager/collection-types/${STORY}/${documentId}/actions/publish?locale=${locale}`,
    { method: 'POST', body: data },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return performance.now();
}

/** Waits for a page to answer as expected; returns how long it took from `since`. */
async function liveAfter(since: number, url: string, ready: (status: number, html: string) => boolean) {
  for (;;) {
    const res = await fetch(url);
    const html = await res.text();
    if (ready(res.status, html)) return performance.now() - since;
    if (performance.now() - since > 30_000) throw new Error(`${url} still answers ${res.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const scriptsOf = (html: string) => [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]).sort();
const stylesOf = (html: string) =>
  [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]).sort();

describe('publish to live', () => {
  it('shows an edited story within five seconds, as the full build would render it', async () => {
    const story = await publishedStory(0);
    const url = `${stack.siteUrl}/berattelser/${story.slug}/`;
    const before = await (await fetch(url)).text();
    expect(before).toContain(story.title);

    const title = `${story.title} – nu med bastu`;
    const published = await publishEdit(story.documentId, { title });
    const took = await liveAfter(published, url, (status, html) => status === 200 && html.includes(title));
    expect(took).toBeLessThan(LIVE_WITHIN_MS);
    expect(stack.portalOutput()).toMatch(new RegExp(`live: /berattelser/${story.slug}/ in \\d+ ms`));
    // No full build has run since the first: the page came from the live render.
    expect(stack.portalOutput().match(/building the site/g)).toHaveLength(1);

    const after = await (await fetch(url)).text();
    // The same page as the build's: its scripts (the statistics beacon only) and stylesheets.
    expect(scriptsOf(after)).toEqual(scriptsOf(before));
    expect(stylesOf(after)).toEqual(stylesOf(before));
    expect(after).toContain('http-equiv="content-security-policy"');
    expect(after).toContain(`<link rel="canonical" href="${stack.siteUrl}/berattelser/${story.slug}/">`);

    // In Chromium: the page renders under its Content-Security-Policy, its images load.
    const page = await watchCsp(await browser.newContext(), cspViolations).newPage();
    const broken: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'image' && r.status() !== 200)
        broken.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const images = await page.locator('main img').evaluateAll((all) =>
      all.map((img) => ({
        src: (img as HTMLImageElement).currentSrc,
        ok: (img as HTMLImageElement).naturalWidth > 0,
      })),
    );
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((i) => !i.ok)).toEqual([]);
    // Written as files with the page, as a build has them: no visitor makes the server resize.
    expect(images.filter((i) => !new URL(i.src).pathname.startsWith('/_live/'))).toEqual([]);
    expect(after).not.toContain('/_image?');
    expect(broken).toEqual([]);
    await page.context().close();
  });

  it("shows every block of the CMS's rich-text editor: headings, code, pictures and lists in lists", async () => {
    const story = await publishedStory(2);
    const url = `${stack.siteUrl}/berattelser/${story.slug}/`;
    const picture = (await stack.cms.strapi.db.query('plugin::upload.file').findOne({
      where: { mime: { $startsWith: 'image/' } },
    })) as { id: number; url: string; alternativeText: string | null; width: number; height: number };
    const words = (text: string) => [{ type: 'text', text }];
    const body = [
      { type: 'heading', level: 2, children: words('Vardagen') },
      { type: 'paragraph', children: words('Vi flyttade i maj.') },
      { type: 'code', children: words('08.15 Buss 163 mot Åre') },
      {
        type: 'image',
        image: { ...picture, alternativeText: 'Utsikt över sjön från altanen' },
        children: words(''),
      },
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: words('Skola') },
          {
            type: 'list',
            format: 'unordered',
            children: [{ type: 'list-item', children: words('Fritids') }],
          },
        ],
      },
    ];
    const published = await publishEdit(story.documentId, { body });
    await liveAfter(published, url, (status, html) => status === 200 && html.includes('Buss 163'));
    const page = await watchCsp(await browser.newContext(), cspViolations).newPage();
    await page.goto(url);
    // The editor's level 2 heading is the page's second level, under its h1.
    await page.getByRole('heading', { level: 2, name: 'Vardagen' }).waitFor();
    expect(await page.locator('main pre code').textContent()).toBe('08.15 Buss 163 mot Åre');
    const image = page.getByRole('img', { name: 'Utsikt över sjön från altanen' });
    await expect
      .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(await page.locator('main li li').textContent()).toBe('Fritids');
    await page.context().close();
  });

  it("publishes a municipality's edited page live, its stories' pictures and all, without a full build", async () => {
    const kommun = (await stack.cms.strapi.documents('api::kommun.kommun').findFirst({
      filters: { slug: 'ostersund' },
      locale: 'sv',
      status: 'published',
    } as never)) as unknown as {
      documentId: string;
      intro: string;
    };
    const intro = `${kommun.intro} Välkommen till vinterstaden!`;
    const res = await editor.fetch(
      `/content-manager/collection-types/api::kommun.kommun/${kommun.documentId}/actions/publish?locale=sv`,
      { method: 'POST', body: { intro } },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    // Timed by the story test; the page with its pictures of every story takes longer to render.
    await liveAfter(
      performance.now(),
      `${stack.siteUrl}/kommuner/ostersund/`,
      (status, html) => status === 200 && html.includes('Välkommen till vinterstaden!'),
    );
    expect(stack.portalOutput()).toMatch(/live: \/kommuner\/ostersund\/ in \d+ ms/);
    expect(stack.portalOutput()).not.toMatch(/live page \/kommuner\/ostersund\/ not published/);
    // The live render, not a build: the only build is the first.
    expect(stack.portalOutput().match(/building the site/g)).toHaveLength(1);
  });

  it('moves a story whose slug changed, and the old address answers 404', async () => {
    const story = await publishedStory(1);
    const oldUrl = `${stack.siteUrl}/berattelser/${story.slug}/`;
    expect((await fetch(oldUrl)).status).toBe(200);

    const slug = `${story.slug}-ny`;
    const published = await publishEdit(story.documentId, { slug });
    const newUrl = `${stack.siteUrl}/berattelser/${slug}/`;
    const took = await liveAfter(published, newUrl, (status) => status === 200);
    expect(took).toBeLessThan(LIVE_WITHIN_MS);
    expect((await fetch(oldUrl)).status).toBe(404);
    expect((await fetch(`${stack.siteUrl}/berattelser/${story.slug}`)).status).toBe(404);
  });

  it('takes an unpublished story off the portal within five seconds', async () => {
    const story = await publishedStory(2);
    const url = `${stack.siteUrl}/berattelser/${story.slug}/`;
    expect((await fetch(url)).status).toBe(200);

    const res = await editor.fetch(
      `/content-manager/collection-types/${STORY}/${story.documentId}/actions/unpublish?locale=sv`,
      { method: 'POST', body: {} },
    );
    expect(res.status).toBe(200);
    const took = await liveAfter(performance.now(), url, (status) => status === 404);
    expect(took).toBeLessThan(LIVE_WITHIN_MS);
    const html = await (await fetch(url)).text();
    expect(html).not.toContain(story.title);
  });

  it('publishes the English page of a story in English', async () => {
    const story = await publishedStory(3);
    const title = 'Moving north for the long light';
    const published = await publishEdit(
      story.documentId,
      {
        title,
        slug: `${story.slug}-en`,
        lead: 'A family tells how the first winter went.',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'We would do it again.' }] }],
      },
      'en',
    );
    const url = `${stack.siteUrl}/en/stories/${story.slug}-en/`;
    const took = await liveAfter(published, url, (status, html) => status === 200 && html.includes(title));
    expect(took).toBeLessThan(LIVE_WITHIN_MS);
    expect(await (await fetch(url)).text()).toContain('<html lang="en"');

    // The Swedish page names its translation in hreflang and its language link as soon.
    const swedish = `${stack.siteUrl}/berattelser/${story.slug}/`;
    const linked = await liveAfter(published, swedish, (status, html) =>
      new RegExp(`hreflang="en" href="[^"]*/en/stories/${story.slug}-en/"`).test(html),
    );
    expect(linked).toBeLessThan(LIVE_WITHIN_MS);
    expect(await (await fetch(swedish)).text()).toContain(`href="/en/stories/${story.slug}-en/"`);
  });

  it('keeps serving the good page when a live render fails', async () => {
    const story = await publishedStory(4);
    const url = `${stack.siteUrl}/berattelser/${story.slug}/`;
    const good = await (await fetch(url)).text();
    // A published version the site cannot render (an empty title breaks the site's contract).
    await stack.cms.strapi.db.query(STORY).updateMany({
      where: { documentId: story.documentId, publishedAt: { $notNull: true } },
      data: { title: '' },
    });
    const notice = await fetch(`${stack.siteUrl}/__rebuild`, {
      method: 'POST',
      headers: { Authorization: 'Bearer dev-only-site-build-secret', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        pages: [
          { type: 'story', documentId: story.documentId, locale: 'sv', was: `/berattelser/${story.slug}/` },
        ],
      }),
    });
    expect(notice.status).toBe(202);
    await expect
      .poll(() => stack.portalOutput(), { timeout: 10_000 })
      .toMatch(new RegExp(`live page story ${story.documentId} \\(sv\\) not rendered: HTTP 500`));
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(good);
  });

  it('refuses notices without the secret, and malformed ones', async () => {
    const post = (body: string, secret = 'dev-only-site-build-secret') =>
      fetch(`${stack.siteUrl}/__rebuild`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body,
      });
    expect((await post('{"pages":[]}', 'wrong')).status).toBe(401);
    expect((await post('not json')).status).toBe(400);
    expect(
      (
        await post(
          JSON.stringify({ pages: [{ type: 'story', documentId: '../x', locale: 'sv', was: null }] }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await post(
          JSON.stringify({ pages: [{ type: 'story', documentId: 'abc', locale: 'sv', was: '/../../etc/' }] }),
        )
      ).status,
    ).toBe(400);
    // The live render itself is not reachable from outside.
    expect((await fetch(`${stack.siteUrl}/live/story/?id=abc&locale=sv`)).status).toBe(404);
  });
});

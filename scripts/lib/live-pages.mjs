import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Pages published live over the build being served (its invariants: live-pages.md beside this file).
 *
 * After a publish the CMS names the pages it touched; each is rendered at once by the served build's
 * server code and written under `dir/pages/`, and a page that was unpublished, deleted or moved to a
 * new slug is marked gone. The manifest (`dir/manifest.json`) records when the CMS's notice for each
 * path arrived. A full build that started after that notice contains the change, so `settle` drops
 * the entry when such a build is switched in; a newer entry outlives an older build.
 */
const MANIFEST = 'manifest.json';
/** Where a live page's images are kept, named by their content: `/_live/<hash>.<ext>`. */
export const LIVE_IMAGES = '/_live/';
// Astro's on-demand image URLs in src and srcset (`&` written as `&amp;`; a comma is escaped).
const IMAGE_URL = /\/_image\?[^"'\s,<>]+/g;
const IMAGE_EXTENSIONS = {
  'image/webp': 'webp',
  'image/avif': 'avif',
  // sharp names its AVIF output "heif", and the on-demand endpoint answers with that type.
  'image/heif': 'avif',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

export class LivePages {
  /**
   * @param {{ dir: string, render: (pathAndQuery: string) => Promise<{ status: number, headers: Record<string, string | string[] | undefined>, body: Buffer }>, log: (message: string) => void }} options
   */
  constructor({ dir, render, log }) {
    this.dir = dir;
    this.pagesDir = path.join(dir, 'pages');
    this.render = render;
    this.log = log;
    /** @type {Map<string, { at: number, gone: boolean }>} path → when its notice came, and whether it is gone */
    this.entries = new Map();
    /** Notices are applied one after another, so an older render never overwrites a newer one. */
    this.chain = Promise.resolve();
    fs.mkdirSync(this.pagesDir, { recursive: true });
    try {
      const saved = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
      for (const [page, entry] of Object.entries(saved)) this.entries.set(page, entry);
    } catch {
      // No manifest yet: nothing published live.
    }
  }

  /** What a path resolves to: a live page, a page that is gone, or null (the build's own). */
  lookup(pathname) {
    const entry = this.entries.get(pagePathOf(pathname));
    if (!entry) return null;
    return entry.gone ? 'gone' : 'live';
  }

  /**
   * Renders and publishes the pages of a notice that arrived at `at`. Resolves when done; a page
   * whose render fails keeps what was served before (the next full build brings it).
   * @param {import('@tasteget/shared').LivePageChange[]} changes
   */
  apply(changes, at = Date.now()) {
    const applied = this.chain.then(() => this.applyNow(changes, at));
    this.chain = applied.catch(() => {});
    return applied;
  }

  async applyNow(changes, at) {
    for (const change of changes) {
      const started = performance.now();
      const query = new URLSearchParams({ id: change.documentId, locale: change.locale });
      let answer;
      try {
        answer = await this.render(`/live/${change.type}/?${query}`);
      } catch (error) {
        this.log(
          `live page ${change.type} ${change.documentId} (${change.locale}) not rendered: ${error.message}`,
        );
        continue;
      }
      const livePath = answer.headers['x-live-path'];
      let page = answer.status === 200 ? asStaticPage(answer) : null;
      if (page && typeof livePath === 'string' && pagePathOf(livePath) === livePath) {
        try {
          page = await this.withImages(page);
        } catch (error) {
          this.log(`live page ${livePath} not published: ${error.message}`);
          continue;
        }
        this.write(livePath, page);
        this.entries.set(livePath, { at, gone: false });
        if (change.was && change.was !== livePath) this.entries.set(change.was, { at, gone: true });
        this.log(`live: ${livePath} in ${Math.round(performance.now() - started)} ms`);
      } else if (answer.status === 404) {
        // No published version in this locale now: the page it had is gone.
        if (change.was) {
          this.entries.set(change.was, { at, gone: true });
          this.log(`live: ${change.was} is gone`);
        }
      } else {
        const reason = answer.status === 200 ? 'no Content-Security-Policy' : `HTTP ${answer.status}`;
        this.log(`live page ${change.type} ${change.documentId} (${change.locale}) not rendered: ${reason}`);
      }
    }
    this.save();
  }

  /**
   * The page with its images as files, as a build has them: each on-demand image URL is rendered
   * once and written under `_live/`, so visitors of a live page never make the server resize.
   */
  async withImages(page) {
    let html = page.toString('utf8');
    for (const written of new Set(html.match(IMAGE_URL) ?? [])) {
      const answer = await this.render(written.replaceAll('&amp;', '&'));
      const type = String(answer.headers['content-type'] ?? '').split(';')[0];
      const extension = IMAGE_EXTENSIONS[type];
      if (answer.status !== 200 || !extension)
        throw new Error(`an image answered HTTP ${answer.status} ${type}`);
      const name = `${createHash('sha256').update(answer.body).digest('hex').slice(0, 24)}.${extension}`;
      const file = path.join(this.pagesDir, LIVE_IMAGES, name);
      if (!fs.existsSync(file)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(`${file}.tmp`, answer.body);
        fs.renameSync(`${file}.tmp`, file);
      }
      html = html.replaceAll(written, `${LIVE_IMAGES}${name}`);
    }
    return Buffer.from(html);
  }

  /** A build that started at `buildStartedAt` is being served: entries it contains are dropped. */
  settle(buildStartedAt) {
    let dropped = 0;
    for (const [page, entry] of this.entries) {
      if (entry.at >= buildStartedAt) continue;
      this.entries.delete(page);
      fs.rmSync(this.fileOf(page), { force: true });
      dropped += 1;
    }
    if (dropped) this.save();
    // Images are shared by content; they go when no live page is left to show them.
    if (this.entries.size === 0)
      fs.rmSync(path.join(this.pagesDir, LIVE_IMAGES), { recursive: true, force: true });
  }

  /** The file a live page is served from. */
  fileOf(page) {
    return path.join(this.pagesDir, page, 'index.html');
  }

  write(page, body) {
    const file = this.fileOf(page);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written beside and renamed: a visitor gets the old page or the new one, never half of one.
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, body);
    fs.renameSync(temporary, file);
  }

  save() {
    const file = path.join(this.dir, MANIFEST);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(this.entries)));
    fs.renameSync(`${file}.tmp`, file);
  }
}

/**
 * A rendered page as the static build has it: Astro sends an on-demand page's
 * Content-Security-Policy as a header, and a static one carries it as a <meta>. A page without a
 * policy is not published (null).
 */
function asStaticPage(answer) {
  const html = answer.body.toString('utf8');
  if (/<meta http-equiv="content-security-policy"/i.test(html)) return answer.body;
  const policy = answer.headers['content-security-policy'];
  if (typeof policy !== 'string' || !html.includes('<head>')) return null;
  const content = policy.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  return Buffer.from(
    html.replace('<head>', `<head><meta http-equiv="content-security-policy" content="${content}">`),
  );
}

/** A request path as a page path: `/berattelser/x` and `/berattelser/x/index.html` → `/berattelser/x/`. */
export function pagePathOf(pathname) {
  let page = pathname.replace(/\/index\.html$/, '/');
  if (!page.endsWith('/')) page += '/';
  return /^\/(?:[a-z0-9-]+\/)+$/.test(page) ? page : null;
}

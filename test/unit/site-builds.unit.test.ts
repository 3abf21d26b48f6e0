import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RebuildQueue } from '../../scripts/lib/rebuild-queue.mjs';
import { LivePages, pagePathOf } from '../../scripts/lib/live-pages.mjs';
import { SiteBuilds } from '../../scripts/lib/site-builds.mjs';

/** The portal server's bookkeeping of builds: debounced, never overlapping, last good one kept. */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-builds-'));
  dirs.push(dir);
  return dir;
}

describe('SiteBuilds', () => {
  it('switches to a build only when it succeeded, and keeps serving the last good one', async () => {
    let version = 0;
    let fail = false;
    const builds = new SiteBuilds({
      buildsDir: tempDir(),
      build: async (outDir: string) => {
        fs.mkdirSync(outDir);
        fs.writeFileSync(path.join(outDir, 'index.html'), `version ${++version}`);
        if (fail) throw new Error('the CMS answered garbage');
      },
    });
    expect(builds.current()).toBeNull();

    await builds.buildAndSwitch();
    const page = () => fs.readFileSync(path.join(builds.currentLink, 'index.html'), 'utf8');
    expect(page()).toBe('version 1');

    fail = true;
    await expect(builds.buildAndSwitch()).rejects.toThrow('garbage');
    expect(page()).toBe('version 1');
    expect(fs.readdirSync(builds.buildsDir).filter((n) => n.startsWith('build-'))).toHaveLength(1);

    fail = false;
    for (let i = 0; i < 3; i++) await builds.buildAndSwitch();
    expect(page()).toBe('version 5');
    // The newest two are kept: a visitor in the middle of a page load still finds its files.
    expect(fs.readdirSync(builds.buildsDir).filter((n) => n.startsWith('build-'))).toHaveLength(2);
  });
});

describe('RebuildQueue', () => {
  it('turns a burst of notices into one build, and notices during a build into one more', async () => {
    let running = 0;
    let overlapped = false;
    let builds = 0;
    let release: () => void = () => {};
    const queue = new RebuildQueue({
      debounceMs: 20,
      rebuild: async () => {
        running += 1;
        overlapped ||= running > 1;
        await new Promise<void>((resolve) => (release = resolve));
        builds += 1;
        running -= 1;
      },
    });
    for (let i = 0; i < 10; i++) queue.request();
    await expect.poll(() => queue.status().building).toBe(true);
    for (let i = 0; i < 10; i++) queue.request(); // during the build
    release();
    await expect.poll(() => builds).toBe(1);
    await expect.poll(() => queue.status().building).toBe(true);
    release();
    await queue.idle();
    expect(builds).toBe(2);
    expect(overlapped).toBe(false);
    expect(queue.status()).toMatchObject({ builds: 2, failures: 0, waiting: false });
  });

  it('records a failed build and goes on', async () => {
    let attempt = 0;
    const errors: unknown[] = [];
    const queue = new RebuildQueue({
      debounceMs: 1,
      rebuild: async () => {
        attempt += 1;
        if (attempt === 1) throw new Error('build failed');
      },
      onError: (e) => errors.push(e),
    });
    queue.request();
    await queue.idle();
    expect(queue.status()).toMatchObject({ failures: 1, lastError: 'build failed' });
    queue.request();
    await queue.idle();
    expect(queue.status()).toMatchObject({ builds: 1, failures: 1, lastError: null });
    expect(errors).toHaveLength(1);
  });
});

describe('LivePages', () => {
  const POLICY = "default-src 'self'";
  /** The answers of a build's on-demand render, by the page asked for. */
  function renderer(pages: Record<string, { path: string; html: string } | null>) {
    return async (pathAndQuery: string) => {
      const id = new URL(pathAndQuery, 'http://portal').searchParams.get('id') ?? '';
      const page = pages[id];
      if (page === undefined) return { status: 500, headers: {}, body: Buffer.from('') };
      if (page === null) return { status: 404, headers: {}, body: Buffer.from('') };
      return {
        status: 200,
        headers: { 'x-live-path': page.path, 'content-security-policy': POLICY },
        body: Buffer.from(`<!DOCTYPE html><html><head><title>${page.html}</title></head></html>`),
      };
    };
  }
  const change = (documentId: string, was: string | null = null) =>
    ({ type: 'story', documentId, locale: 'sv', was }) as const;

  it('publishes rendered pages with their policy, marks moved and removed ones gone, and drops what a newer build holds', async () => {
    const dir = tempDir();
    const pages: Record<string, { path: string; html: string } | null> = {
      a: { path: '/berattelser/a-ny/', html: 'A' },
      b: null,
    };
    const live = new LivePages({ dir, render: renderer(pages), log: () => {} });
    await live.apply([change('a', '/berattelser/a/'), change('b', '/berattelser/b/'), change('c')], 1_000);

    expect(live.lookup('/berattelser/a-ny')).toBe('live');
    expect(live.lookup('/berattelser/a-ny/index.html')).toBe('live');
    expect(live.lookup('/berattelser/a/')).toBe('gone');
    expect(live.lookup('/berattelser/b/')).toBe('gone');
    expect(live.lookup('/berattelser/c/')).toBeNull();
    const html = fs.readFileSync(live.fileOf('/berattelser/a-ny/'), 'utf8');
    expect(html).toContain(`<head><meta http-equiv="content-security-policy" content="default-src 'self'">`);

    // A restart keeps what was published live.
    const restarted = new LivePages({ dir, render: renderer(pages), log: () => {} });
    expect(restarted.lookup('/berattelser/a-ny/')).toBe('live');

    // A change after the build began outlives it; the rest is in the build.
    await restarted.apply([change('a')], 3_000);
    restarted.settle(2_000);
    expect(restarted.lookup('/berattelser/a-ny/')).toBe('live');
    expect(restarted.lookup('/berattelser/a/')).toBeNull();
    restarted.settle(4_000);
    expect(restarted.lookup('/berattelser/a-ny/')).toBeNull();
    expect(fs.existsSync(restarted.fileOf('/berattelser/a-ny/'))).toBe(false);
  });

  it('never publishes a page without a Content-Security-Policy or at a path that is not a page', async () => {
    const live = new LivePages({
      dir: tempDir(),
      render: async (pathAndQuery: string) => {
        const id = new URL(pathAndQuery, 'http://portal').searchParams.get('id');
        return {
          status: 200,
          headers:
            id === 'nopolicy'
              ? { 'x-live-path': '/berattelser/x/' }
              : { 'x-live-path': '/../../etc/', 'content-security-policy': POLICY },
          body: Buffer.from('<html><head></head></html>'),
        };
      },
      log: () => {},
    });
    await live.apply([change('nopolicy'), change('traversal')]);
    expect(live.entries.size).toBe(0);
    expect(pagePathOf('/../../etc/passwd')).toBeNull();
    expect(pagePathOf('/berattelser/%2e%2e/')).toBeNull();
  });
});

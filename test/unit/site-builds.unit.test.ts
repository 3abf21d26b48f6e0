import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RebuildQueue } from '../../scripts/lib/rebuild-queue.mjs';
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

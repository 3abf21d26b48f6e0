import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { packageBin } from './package-bin.mjs';

/**
 * The portal's builds on disk: each build goes into a folder of its own under `buildsDir`, and
 * `current` (a symlink) names the last good one. A new build replaces `current` only when it has
 * fully succeeded, with an atomic rename, so visitors never see a half-written site and a failed
 * build leaves the previous one serving.
 */
const run = promisify(execFile);
let sequence = 0;

export class SiteBuilds {
  /** @param {{ buildsDir: string, build: (outDir: string) => Promise<void>, keep?: number }} options */
  constructor({ buildsDir, build, keep = 2 }) {
    this.buildsDir = buildsDir;
    this.build = build;
    this.keep = keep;
    fs.mkdirSync(buildsDir, { recursive: true });
  }

  get currentLink() {
    return path.join(this.buildsDir, 'current');
  }

  /** The folder being served, or null before the first good build. */
  current() {
    try {
      return fs.realpathSync(this.currentLink);
    } catch {
      return null;
    }
  }

  /** Builds into a fresh folder and makes it current; throws (keeping the old one) on failure. */
  async buildAndSwitch() {
    // Sortable by time; the sequence keeps two builds in the same millisecond apart.
    const stamp = `${Date.now()}-${String(++sequence).padStart(6, '0')}-${process.pid}`;
    const outDir = path.join(this.buildsDir, `build-${stamp}`);
    try {
      await this.build(outDir);
    } catch (error) {
      fs.rmSync(outDir, { recursive: true, force: true });
      throw error;
    }
    const next = `${this.currentLink}.next`;
    fs.rmSync(next, { force: true });
    fs.symlinkSync(path.basename(outDir), next);
    fs.renameSync(next, this.currentLink);
    this.prune();
    return outDir;
  }

  /** Removes old builds, keeping the newest few (a visitor mid-download keeps its files). */
  prune() {
    const current = this.current();
    const builds = fs
      .readdirSync(this.buildsDir)
      .filter((name) => name.startsWith('build-'))
      .map((name) => path.join(this.buildsDir, name))
      .sort();
    for (const dir of builds.slice(0, Math.max(0, builds.length - this.keep))) {
      if (dir !== current) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** When a build began, from its folder's name (`build-<ms>-…`): it holds content published before. */
export const buildStartedAt = (buildDir) => Number(path.basename(buildDir).split('-')[1]);

/** Where a build keeps the static site, and the draft preview's server code (astro.config.mjs). */
export const staticDir = (buildDir) => path.join(buildDir, 'client');
export const serverEntry = (buildDir) => path.join(buildDir, 'server', 'entry.mjs');

/**
 * The preview's server code imports the project's packages, during the build (prerendering) and
 * when it runs: a `node_modules` link beside the builds lets it find them wherever they are kept.
 */
export function linkPackages(root, dir) {
  const link = path.join(dir, 'node_modules');
  if (path.resolve(link) === path.resolve(root, 'node_modules')) return;
  fs.mkdirSync(dir, { recursive: true });
  try {
    fs.lstatSync(link);
  } catch {
    fs.symlinkSync(path.join(root, 'node_modules'), link, 'dir');
  }
}

/** The real build: Astro from the CMS's published content, then the Pagefind search index. */
export function astroBuild({ root, env }) {
  return async (outDir) => {
    linkPackages(root, path.dirname(outDir));
    const options = {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      maxBuffer: 64 * 1024 * 1024,
    };
    await run(process.execPath, [packageBin(root, 'astro'), 'build', '--outDir', outDir], options);
    await run(
      process.execPath,
      [packageBin(root, 'pagefind'), '--site', staticDir(outDir), '--silent'],
      options,
    );
  };
}

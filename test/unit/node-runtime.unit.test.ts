import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { NEWSLETTER_WORKER_NODE_FLAGS } from '../../scripts/lib/cms-node-flags.mjs';
import { ROOT } from '../support/paths';

/**
 * The project runs on the Node lines its package.json names (24 and 26, the maintained LTS lines):
 * every package the lock file installs here must accept all of them, so an upgrade that drags in a
 * package for a newer Node fails here instead of warning EBADENGINE on a colleague's machine.
 */
type LockEntry = {
  version?: string;
  engines?: Record<string, string> | string[];
  os?: string[];
  cpu?: string[];
};

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const projectRange: string = readJson('package.json').engines.node;
const lock: { packages: Record<string, LockEntry> } = readJson('package-lock.json');

/** npm's rule for os and cpu lists: names, or names with "!" that exclude. */
const allows = (list: string[] | undefined, value: string) =>
  !list ||
  (list.some((entry) => !entry.startsWith('!')) ? list.includes(value) : !list.includes(`!${value}`));

/** A package's node range; the old array form reads ["node >= 0.8"]. */
function nodeRange(engines: LockEntry['engines']): string | undefined {
  if (Array.isArray(engines)) return engines.find((e) => e.startsWith('node'))?.replace(/^node\s*/, '');
  return engines?.node;
}

const installedHere = Object.entries(lock.packages).filter(
  ([location, entry]) =>
    location !== '' && allows(entry.os, process.platform) && allows(entry.cpu, process.arch),
);

describe('Node engines', () => {
  it('the project supports Node 24 and 26 and nothing older or in between', () => {
    expect(semver.validRange(projectRange)).not.toBeNull();
    expect(semver.subset(projectRange, '^24 || ^26')).toBe(true);
    expect(semver.intersects(projectRange, '^24')).toBe(true);
    expect(semver.intersects(projectRange, '^26')).toBe(true);
    expect(semver.satisfies(process.versions.node, projectRange)).toBe(true);
  });

  it('every installed package accepts every Node the project supports', () => {
    const refusing = installedHere
      .map(([location, entry]) => ({ location, version: entry.version, range: nodeRange(entry.engines) }))
      .filter(({ range }) => range && !semver.subset(projectRange, range));
    expect(installedHere.length).toBeGreaterThan(500);
    expect(refusing).toEqual([]);
  });
});

describe('node flags of the CMS processes', () => {
  it('the newsletter worker and sender run with the flags chosen for them', () => {
    const scripts: Record<string, string> = readJson('package.json').scripts;
    for (const name of ['newsletter:worker', 'newsletter:send']) {
      const command = /\bnode((?: --\S+)*) cms\/scripts\//.exec(scripts[name]);
      expect(command?.[1].trim().split(' '), name).toEqual(NEWSLETTER_WORKER_NODE_FLAGS);
    }
  });
});

describe('one zod', () => {
  // Strapi's packages pin zod exactly; package.json's override gives them ours, so that the CMS
  // process loads one copy (eleven copies cost it about 35 MB of resident memory).
  it('shared, the newsletter, the CMS, the site, Astro and every Strapi package resolve the same zod 4', () => {
    const zodFrom = (dir: string) => createRequire(path.join(ROOT, dir, 'package.json')).resolve('zod');
    const packageDir = (name: string) =>
      path.relative(
        ROOT,
        path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve(`${name}/package.json`)),
      );
    const strapiWithZod = fs
      .readdirSync(path.join(ROOT, 'node_modules', '@strapi'))
      .map((name) => `node_modules/@strapi/${name}`)
      .filter((dir) => fs.existsSync(path.join(ROOT, dir, 'package.json')))
      .filter((dir) => readJson(`${dir}/package.json`).dependencies?.zod);
    expect(strapiWithZod.length).toBeGreaterThan(5);
    const resolved = new Set(
      ['.', 'shared', 'newsletter', 'cms', packageDir('astro'), ...strapiWithZod].map((dir) => zodFrom(dir)),
    );
    expect([...resolved]).toHaveLength(1);
    const [zod] = resolved;
    expect(readJson(path.relative(ROOT, path.join(path.dirname(zod), 'package.json'))).version).toMatch(
      /^4\./,
    );
  });
});

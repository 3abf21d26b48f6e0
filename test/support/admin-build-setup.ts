import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CMS_DIR, ROOT } from './paths';

/**
 * End-to-end tests drive the real admin panel: build it (`strapi build`, about 45 s and 2 GB)
 * unless the build in cms/dist/build is newer than every source it is made from.
 */
const BUILD_INDEX = path.join(CMS_DIR, 'dist', 'build', 'index.html');
const SOURCES = [
  path.join(CMS_DIR, 'src', 'admin'),
  path.join(ROOT, 'shared', 'src'),
  path.join(CMS_DIR, 'package.json'),
];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

export default function setup() {
  const builtAt = fs.existsSync(BUILD_INDEX) ? fs.statSync(BUILD_INDEX).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newestMtime))) return;
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'],
    {
      cwd: CMS_DIR,
      stdio: 'inherit',
      env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', NODE_OPTIONS: '--max-old-space-size=4096' },
    },
  );
}

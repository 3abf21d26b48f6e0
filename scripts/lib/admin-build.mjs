import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether the admin panel (cms/dist/build, made by `strapi build`: about a minute and 2 GB) must be
 * built: it is missing, or older than a source it is made from (the admin customisations, the
 * shared vocabulary it shows, the CMS's dependencies).
 */
export function adminBuildIsStale(root) {
  const index = path.join(root, 'cms', 'dist', 'build', 'index.html');
  if (!fs.existsSync(index)) return true;
  const sources = [
    path.join(root, 'cms', 'src', 'admin'),
    path.join(root, 'shared', 'src'),
    path.join(root, 'cms', 'package.json'),
  ];
  return Math.max(...sources.map(newestMtime)) > fs.statSync(index).mtimeMs;
}

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

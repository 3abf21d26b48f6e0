import fs from 'node:fs';
import path from 'node:path';

/**
 * The command-line script a package declares under `bin` in its package.json, resolved from the
 * project root: run it with `process.execPath`, so the same Node runs it, without a path into the
 * package's internals (Astro 7 moved its script from `astro.js` to `bin/astro.mjs`).
 */
export function packageBin(root, name, command = name) {
  const dir = path.join(root, 'node_modules', name);
  const { bin } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const script = typeof bin === 'string' ? bin : bin?.[command];
  if (!script) throw new Error(`${name} declares no command-line script "${command}"`);
  return path.join(dir, script);
}

'use strict';
/**
 * `npm run build:dist -w cms`: compiles the CMS into dist/ (incrementally), then removes what a
 * deleted source left behind there. tsc never deletes output, and Strapi loads every file it finds
 * under dist/src/api, so a removed route or controller would otherwise live on in an existing
 * checkout. Files are removed one by one rather than dist/ being emptied first: a running CMS
 * still reads from it.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CMS_DIR = path.resolve(__dirname, '..');
const DIST_DIR = path.join(CMS_DIR, 'dist');
const COMPILED = ['src', 'config'];

execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', path.join(CMS_DIR, 'tsconfig.json')],
  {
    stdio: 'inherit',
  },
);

/** The source a dist file was made from: foo.js from foo.ts or foo.js, foo.json from itself. */
function hasSource(relative) {
  const source = path.join(CMS_DIR, relative);
  if (relative.endsWith('.json')) return fs.existsSync(source);
  const stem = source.replace(/\.js(\.map)?$/, '');
  return ['.ts', '.js'].some((ext) => fs.existsSync(stem + ext));
}

function prune(relativeDir) {
  const dir = path.join(DIST_DIR, relativeDir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = path.join(relativeDir, entry.name);
    if (entry.isDirectory()) {
      prune(relative);
      if (fs.readdirSync(path.join(DIST_DIR, relative)).length === 0)
        fs.rmdirSync(path.join(DIST_DIR, relative));
    } else if (!hasSource(relative)) {
      fs.rmSync(path.join(DIST_DIR, relative));
    }
  }
}

for (const dir of COMPILED) if (fs.existsSync(path.join(DIST_DIR, dir))) prune(dir);

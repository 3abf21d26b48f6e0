'use strict';
/**
 * `npm run restore -- <folder> [--replace] [--uploads <folder>]`: restores a backup of
 * `npm run backup` into the configured database (empty, unless --replace) and upload storage,
 * then checks every table's row count against the backup's. Stop the CMS first.
 */
const path = require('node:path');
const { parseArgs } = require('node:util');

const USAGE = 'Användning / usage: npm run restore -- <mapp/folder> [--replace] [--uploads <mapp/folder>]';

(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { replace: { type: 'boolean', default: false }, uploads: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const { environment } = require('../dist/src/platform/environment');
  const { restore } = require('../dist/src/platform/backup');
  const from = path.resolve(positionals[0]);
  const manifest = await restore(environment(), {
    from,
    replace: values.replace,
    uploadsDir: values.uploads,
  });
  console.log(
    `Återställd / restored: ${from} (${manifest.createdAt})\n  ${Object.keys(manifest.counts).length} tabeller ` +
      `med samma antal rader / tables with equal row counts, ${manifest.uploads.files.length} filer / files`,
  );
})().catch((error) => {
  console.error(`Återställningen misslyckades / restore failed: ${error.message}`);
  process.exit(1);
});

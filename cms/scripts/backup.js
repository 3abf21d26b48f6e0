'use strict';
/**
 * `npm run backup [-- --to <folder>] [--uploads <folder>]`: copies the register's database and
 * every uploaded file into a new folder (default backups/<UTC time>/), while the CMS runs. What
 * is in it, and why the counts can be trusted: cms/src/platform/backup.ts.
 */
const path = require('node:path');
const { parseArgs } = require('node:util');

(async () => {
  const { values } = parseArgs({ options: { to: { type: 'string' }, uploads: { type: 'string' } } });
  const { environment } = require('../dist/src/platform/environment');
  const { backup } = require('../dist/src/platform/backup');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const to = path.resolve(values.to ?? path.join(__dirname, '..', '..', 'backups', stamp));
  const manifest = await backup(environment(), { to, uploadsDir: values.uploads });
  const rows = Object.values(manifest.counts).reduce((sum, n) => sum + n, 0);
  console.log(
    `Säkerhetskopia / backup: ${to}\n  ${manifest.database}, ${Object.keys(manifest.counts).length} tabeller / tables, ` +
      `${rows} rader / rows, ${manifest.uploads.files.length} filer / files (${manifest.uploads.store})`,
  );
})().catch((error) => {
  console.error(`Säkerhetskopieringen misslyckades / backup failed: ${error.message}`);
  process.exit(1);
});

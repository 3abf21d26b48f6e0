'use strict';
/**
 * `npm run register:purge -- --dry-run`: lists the contacts the yearly purge would remove (no
 * activity for five years, confirmed subscribers kept) and what goes with them, and every
 * retention rule's counts (cms/src/workspace/care/purge.ts).
 * `npm run register:purge -- --confirm`: removes them and writes the anonymous audit line.
 * Prints references and counts only: names and addresses stay in the register (see them in the
 * admin's dry run).
 */
const os = require('node:os');
const { bootStrapi } = require('./headless');

const USAGE = 'Användning / usage: npm run register:purge -- --dry-run | --confirm';

(async () => {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  if (dryRun === args.includes('--confirm')) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  process.env.SEED_ON_EMPTY = 'false';
  const strapi = await bootStrapi({ logLevel: 'warn' });
  try {
    const { runPurge } = require('../dist/src/workspace/care/purge');
    const result = await runPurge(strapi, {
      dryRun,
      ranBy: `Kommandorad / command line (${os.userInfo().username})`,
    });
    console.log(`${result.rule}`);
    console.log(
      `${dryRun ? 'Provkörning / dry run' : 'Gallrat / purged'}: ${result.candidates.length} kontakter utan aktivitet sedan ${result.cutoff.slice(0, 10)}.`,
    );
    for (const c of result.candidates) {
      console.log(
        `  ${c.documentId}  ${c.assignedMunicipality}  senaste aktivitet / last activity ${c.lastActivityAt.slice(0, 10)}`,
      );
    }
    const counted = (counts) =>
      Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([what, n]) => `${what} ${n}`)
        .join(', ') || '0';
    console.log(
      `${dryRun ? 'Skulle tas bort / would remove' : 'Borttaget / removed'}: ${counted(result.counts)}`,
    );
    for (const rule of result.rules) console.log(`  ${rule.name}: ${counted(rule.counts)}`);
  } finally {
    await strapi.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

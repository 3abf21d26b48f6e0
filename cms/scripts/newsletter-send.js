'use strict';
/**
 * `npm run newsletter:send -- <campaign documentId>`: "Skicka" from the command line. Freezes the
 * campaign if it is a draft (resumes it if paused), sends it with this process's worker (and any
 * other running), and shows progress until nothing is left queued. Exit code 1 when the campaign
 * ends paused (e.g. the SMTP server refused the credentials) or cannot be sent.
 */
const { bootStrapi } = require('./headless');

const USAGE = 'Användning / usage: npm run newsletter:send -- <campaign documentId>';
const BAR = 30;

function line(p) {
  const total = Math.max(p.recipientCount, 1);
  const done = p.sent + p.failed + p.skipped;
  const filled = Math.round((done / total) * BAR);
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${Math.floor((done / total) * 100)
      .toString()
      .padStart(3)}%  ` +
    `skickade/sent ${p.sent}  misslyckade/failed ${p.failed}  hoppade över/skipped ${p.skipped}  ` +
    `kvar/remaining ${p.remaining}  ${p.ratePerSecond}/s`
  );
}

(async () => {
  const documentId = process.argv[2];
  if (!documentId || !/^[a-z0-9]{1,64}$/i.test(documentId)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  process.env.SEED_ON_EMPTY = 'false';
  process.env.NEWSLETTER_WORKER = 'true';
  const strapi = await bootStrapi({ logLevel: 'warn' });
  try {
    const { freezeCampaign } = require('../dist/src/newsletter/freeze');
    const { campaignProgress, resumeCampaign } = require('../dist/src/newsletter/campaign-status');
    const { wakeNewsletterWorker } = require('../dist/src/newsletter/worker');

    const frozen = await freezeCampaign(strapi, documentId);
    if (frozen.frozen)
      console.log(`Utskicket är fryst / campaign frozen: ${frozen.recipientCount} mottagare/recipients`);
    let progress = await campaignProgress(strapi, documentId);
    if (progress.status === 'paused') await resumeCampaign(strapi, documentId);
    wakeNewsletterWorker();

    const tty = process.stdout.isTTY;
    let lastPrinted = 0;
    for (;;) {
      progress = await campaignProgress(strapi, documentId);
      const finished = progress.status !== 'sending';
      if (tty) process.stdout.write(`\r${line(progress)}`);
      else if (finished || Date.now() - lastPrinted >= 2000) {
        console.log(line(progress));
        lastPrinted = Date.now();
      }
      if (finished) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (tty) process.stdout.write('\n');
    const labels = {
      sent: 'Skickat / sent',
      paused: 'Pausat / paused',
      cancelled: 'Avbrutet / cancelled',
    };
    console.log(`${labels[progress.status] ?? progress.status}.`);
    if (progress.status !== 'sent') process.exitCode = 1;
  } catch (error) {
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await strapi.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

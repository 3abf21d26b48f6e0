'use strict';
/**
 * `npm run newsletter:worker`: a campaign worker with no HTTP server. It boots the CMS headless,
 * serves the delivery queue (the same worker every CMS process runs) and stops on SIGTERM or
 * SIGINT after the mails in flight, giving its unsent batch back at once. Run as many as wanted:
 * they share campaigns through delivery leases.
 */
const { bootStrapi } = require('./headless');

(async () => {
  process.env.SEED_ON_EMPTY = 'false';
  // This process exists to send, whatever the CMS processes are told.
  process.env.NEWSLETTER_WORKER = 'true';
  await bootStrapi({ logLevel: process.env.LOG_LEVEL || 'info' });
  console.log(`Nyhetsbrevsarbetaren är igång / newsletter worker running (pid ${process.pid})`);
  // Strapi destroys itself on SIGTERM and SIGINT (its destroy stops the worker after the mails in
  // flight) and exits; this only says so.
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => console.log(`${signal}: avslutar / stopping`));
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

'use strict';
/**
 * `npm run inbound:worker`: the inbound mail worker with no HTTP server. It boots the CMS
 * headless and reads the mailbox (the same loop every CMS process with INBOUND_IMAP_HOST runs);
 * it stops on SIGTERM or SIGINT. Several may run: messages are claimed once each
 * (cms/src/inbound/README.md).
 */
const { bootStrapi } = require('./headless');

(async () => {
  process.env.SEED_ON_EMPTY = 'false';
  if (!process.env.INBOUND_IMAP_HOST) {
    console.error('INBOUND_IMAP_HOST saknas / is not set: no mailbox to read');
    process.exit(1);
  }
  await bootStrapi({ logLevel: process.env.LOG_LEVEL || 'info' });
  console.log(`Inkommande e-post läses / inbound mail worker running (pid ${process.pid})`);
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => console.log(`${signal}: avslutar / stopping`));
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

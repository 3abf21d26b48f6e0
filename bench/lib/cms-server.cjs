'use strict';
/**
 * A CMS for benchmarks, in its own process: boots the built dist/, creates a full-access API token
 * (for the baseline's plain content-type create), prints {url, token} as one JSON line and runs
 * until SIGTERM.
 */
const { bootStrapi } = require('../../cms/scripts/headless.js');

(async () => {
  const strapi = await bootStrapi({ listen: true, logLevel: 'error' });
  const { accessKey } = await strapi.service('admin::api-token').create({
    name: `bench-${Date.now()}`,
    type: 'full-access',
    lifespan: null,
  });
  const { port } = strapi.server.httpServer.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, token: accessKey })}\n`);
  // Strapi itself destroys the app and exits on SIGTERM and SIGINT.
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

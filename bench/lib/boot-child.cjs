'use strict';
/** One measured boot: prints {bootMs, idleRssMb} as JSON on stdout. Mode "strapi" or "baseline". */
const started = performance.now();
const mode = process.argv[2];

async function main() {
  let stop;
  if (mode === 'strapi') {
    const { bootStrapi } = require('../../cms/scripts/headless.js');
    const strapi = await bootStrapi({ listen: true, logLevel: 'error' });
    stop = () => strapi.destroy();
  } else {
    // Baseline: the bare HTTP framework Strapi is built on, listening, nothing else.
    const Koa = require(require.resolve('koa', { paths: [require.resolve('@strapi/core')] }));
    const app = new Koa();
    app.use((ctx) => (ctx.status = 204));
    const server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    stop = () => new Promise((resolve) => server.close(resolve));
  }
  const bootMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  if (global.gc) global.gc();
  const idleRssMb = process.memoryUsage().rss / 1024 / 1024;
  await stop();
  process.stdout.write(`${JSON.stringify({ bootMs, idleRssMb })}\n`);
  process.exit(0);
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});

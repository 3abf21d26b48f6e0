'use strict';
/**
 * Boots the CMS from its compiled dist/ without the admin panel: used by the seed command, the
 * tests, the benchmarks and the newsletter worker. Compile first (`npm run build:dist -w cms`).
 */
const path = require('node:path');
const fs = require('node:fs');

const CMS_DIR = path.resolve(__dirname, '..');
const DIST_DIR = path.join(CMS_DIR, 'dist');

process.env.STRAPI_TELEMETRY_DISABLED = 'true';

/** @param {{ listen?: boolean, logLevel?: string, serveAdminPanel?: boolean }} [options] */
async function bootStrapi(options = {}) {
  if (!fs.existsSync(path.join(DIST_DIR, 'src', 'index.js'))) {
    throw new Error('cms/dist is missing: run `npm run build:dist -w cms` first');
  }
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({
    appDir: CMS_DIR,
    distDir: DIST_DIR,
    autoReload: false,
    // The admin panel is served only where a test drives it (built by `strapi build` into dist/build).
    serveAdminPanel: options.serveAdminPanel ?? false,
  });
  if (options.logLevel) app.log.level = options.logLevel;
  await app.load();
  if (options.listen) await app.listen();
  return app;
}

module.exports = { bootStrapi, CMS_DIR, DIST_DIR };

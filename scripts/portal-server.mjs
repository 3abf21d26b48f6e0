#!/usr/bin/env node
/**
 * The portal as `npm start` runs it: serves the last good static build of the site and rebuilds
 * it when the CMS says published content changed (POST /__rebuild with the shared secret,
 * debounced). A failed build is logged and the previous build keeps serving. The pages a publish
 * touched are published live first, within a second or two (lib/live-pages.mjs), so an edit does not
 * wait for the full build. The draft preview (/forhandsvisning/, opened from the CMS admin with a
 * signed link), the live pages and their images are rendered on demand by the served build's server
 * code (lib/on-demand-renderer.mjs); everything a visitor gets is otherwise static.
 *
 * Environment: SITE_PORT (4321), SITE_HOST (127.0.0.1), CMS_URL, SITE_URL, SITE_BUILD_SECRET,
 * SITE_BUILDS_DIR (dist/site-builds), SITE_REBUILD_DEBOUNCE_MS (3000), CORS_ORIGINS (the municipal
 * websites that may frame the embedded form), NODE_ENV (production adds HSTS).
 */
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import sirv from 'sirv';
import { RebuildQueue } from './lib/rebuild-queue.mjs';
import sharedPackage from '@tasteget/shared';
import { LIVE_IMAGES, LivePages } from './lib/live-pages.mjs';
import { OnDemandRenderer } from './lib/on-demand-renderer.mjs';
import { embedOrigins, securityHeaders } from './lib/security-headers.mjs';
import { SiteBuilds, astroBuild, buildStartedAt, serverEntry, staticDir } from './lib/site-builds.mjs';

const { siteNotice } = sharedPackage;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEV_SECRET = 'dev-only-site-build-secret';

const config = {
  port: Number(process.env.SITE_PORT ?? 4321),
  host: process.env.SITE_HOST ?? '127.0.0.1',
  secret: process.env.SITE_BUILD_SECRET || DEV_SECRET,
  buildsDir: path.resolve(ROOT, process.env.SITE_BUILDS_DIR ?? 'dist/site-builds'),
  debounceMs: Number(process.env.SITE_REBUILD_DEBOUNCE_MS ?? 3000),
  headers: {
    origins: embedOrigins(process.env.CORS_ORIGINS),
    // The admin's preview pane frames the portal's pages: the CMS as visitors' browsers reach it.
    adminOrigin: new URL(process.env.PUBLIC_CMS_URL ?? process.env.CMS_URL ?? 'http://127.0.0.1:1337').origin,
    production: process.env.NODE_ENV === 'production',
  },
};
if (process.env.NODE_ENV === 'production' && config.secret === DEV_SECRET) {
  console.error('[portal] SITE_BUILD_SECRET is set to a development default; set a secret of your own');
  process.exit(1);
}

const log = (message) => console.log(`[portal] ${new Date().toISOString()} ${message}`);
const builds = new SiteBuilds({ buildsDir: config.buildsDir, build: astroBuild({ root: ROOT, env: {} }) });
const renderer = new OnDemandRenderer({
  entryOf: () => {
    const current = builds.current();
    return current && serverEntry(current);
  },
  log,
});
const live = new LivePages({
  dir: path.join(config.buildsDir, 'live'),
  render: (pathAndQuery) => renderer.render(pathAndQuery),
  log,
});
const queue = new RebuildQueue({
  debounceMs: config.debounceMs,
  rebuild: async () => {
    log('building the site…');
    const started = Date.now();
    const dir = await builds.buildAndSwitch();
    live.settle(buildStartedAt(dir));
    // The new build's server code is started now, so the next live page does not wait for it.
    renderer.port().catch(() => {});
    log(`build ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.basename(dir)}`);
  },
  onError: (error) =>
    log(`build failed, the previous build keeps serving:\n${error.stderr ?? error.message}`),
});

function authorized(req) {
  const expected = Buffer.from(`Bearer ${config.secret}`);
  const given = Buffer.from(req.headers.authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Hashed assets (`/_astro/`, named by their content) are cached for a year; pages and everything
 * else are revalidated on each visit (ETag), so a publish is seen at once.
 */
const HASHED_ASSET = /^\/(?:_astro|_live)\//;
function cacheHeaders(res, pathname) {
  res.setHeader(
    'Cache-Control',
    HASHED_ASSET.test(pathname)
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=0, must-revalidate',
  );
  // sirv's table of types has no .ico (the site icon's fallback for older browsers).
  if (pathname.endsWith('.ico')) res.setHeader('Content-Type', 'image/x-icon');
}
// `dev: true` makes sirv look at the disk on every request, so it follows `current` to each new build.
const serve = sirv(staticDir(builds.currentLink), { dev: true, etag: true, setHeaders: cacheHeaders });
const serveLive = sirv(live.pagesDir, { dev: true, etag: true, setHeaders: cacheHeaders });
// Brotli or gzip, as the browser accepts, for every text response (HTML, CSS, JS, JSON, SVG).
const compress = compression();
const PREVIEW_PATH = /^\/forhandsvisning\/?$/;
// The draft preview's images are optimised on request (a build and a live page have theirs as
// files): at most a few at a time, so the endpoint cannot be used to keep the server resizing.
const IMAGE_PATH = /^\/_image\/?$/;
const MAX_IMAGE_RENDERS = 4;
let imageRenders = 0;
const NOTICE_LIMIT_BYTES = 64 * 1024;

const server = http.createServer((req, res) => compress(req, res, () => route(req, res)));

function route(req, res) {
  const url = new URL(req.url ?? '/', 'http://portal');
  for (const [name, value] of Object.entries(securityHeaders(url.pathname, config.headers))) {
    res.setHeader(name, value);
  }
  if (url.pathname === '/__rebuild') {
    if (req.method === 'GET') return json(res, 200, queue.status());
    if (req.method !== 'POST') return json(res, 405, { error: 'method not allowed' });
    if (!authorized(req)) return json(res, 401, { error: 'unauthorized' });
    return void receiveNotice(req, res);
  }
  if (PREVIEW_PATH.test(url.pathname)) return void renderer.handle(req, res);
  if (IMAGE_PATH.test(url.pathname) && (req.method === 'GET' || req.method === 'HEAD')) {
    if (imageRenders >= MAX_IMAGE_RENDERS) {
      res.writeHead(503, { 'Retry-After': '1', 'Cache-Control': 'no-store' });
      return void res.end();
    }
    imageRenders += 1;
    res.once('close', () => (imageRenders -= 1));
    return void renderer.handle(req, res);
  }
  const notFound = () => {
    // Under /en/ the English-first page (site/pages/en/404.astro), else the Swedish-first one.
    const english = path.join(staticDir(builds.currentLink), 'en', '404', 'index.html');
    const page =
      url.pathname.startsWith('/en/') && fs.existsSync(english)
        ? english
        : path.join(staticDir(builds.currentLink), '404.html');
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    fs.createReadStream(page)
      .on('error', () => res.end('Not found'))
      .pipe(res);
  };
  if (url.pathname.startsWith(LIVE_IMAGES)) return serveLive(req, res, notFound);
  const published = live.lookup(url.pathname);
  if (published === 'gone') return notFound();
  if (published === 'live') return serveLive(req, res, () => serve(req, res, notFound));
  serve(req, res, notFound);
}

/**
 * A notice from the CMS: the pages it names are published live, and a full build is queued for the
 * rest (lists, search index, sitemap). A notice with no body asks for the build only.
 */
async function receiveNotice(req, res) {
  const at = Date.now();
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > NOTICE_LIMIT_BYTES) return json(res, 413, { error: 'notice too large' });
  }
  let parsed;
  try {
    parsed = siteNotice.safeParse(body.trim() ? JSON.parse(body) : {});
  } catch {
    return json(res, 400, { error: 'the notice is not JSON' });
  }
  if (!parsed.success) return json(res, 400, { error: 'invalid notice', issues: parsed.error.issues });
  queue.request();
  if (parsed.data.pages.length) void live.apply(parsed.data.pages, at);
  return json(res, 202, { queued: true, live: parsed.data.pages.length });
}

// The first start builds before serving; later starts serve at once and refresh in the background.
// A build from before the static site moved into `client/` counts as none.
const served = builds.current();
if (!served || !fs.existsSync(staticDir(served))) {
  try {
    await queue.rebuild();
  } catch (error) {
    console.error(`[portal] the first build failed:\n${error.stderr ?? error.message}`);
    process.exit(1);
  }
} else {
  live.settle(buildStartedAt(served));
  queue.request();
}

server.listen(config.port, config.host, () => log(`serving http://${config.host}:${config.port}`));

const shutdown = () => {
  queue.stop();
  void renderer.stop();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

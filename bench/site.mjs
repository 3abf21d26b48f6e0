#!/usr/bin/env node
/**
 * `npm run bench:site`: how the portal's static build scales, and what a visitor downloads.
 *
 * 1. Generates BENCH_STORIES + BENCH_ARTICLES published documents (5,000 + 5,000; 150 + 150 with
 *    BENCH_SMOKE=1) with the document service of a real CMS on a fresh database (SQLite, or
 *    PostgreSQL when DATABASE_URL is set).
 * 2. Builds the portal from the CMS over HTTP, recording every answer to a local JSON dump
 *    (CMS_RECORD), then builds the same pages again from that dump (CMS_REPLAY): the baseline,
 *    measured in the same run. Prints both times, their ratio and ms per page.
 * 3. Page weights: a story page's HTML + CSS gzipped (no JavaScript but the statistics beacon),
 *    and the gzipped JavaScript of the form pages.
 * 4. Lighthouse 13 (Debian Chromium, offline, the pages served compressed as the portal server
 *    does) on home, story, municipality, event, registration and coworking, with its default
 *    mobile settings (a simulated mid-range phone on a slow network) and its desktop preset:
 *    performance and accessibility scores, each from the median of BENCH_LIGHTHOUSE_RUNS runs (5;
 *    1 with BENCH_SMOKE=1), as Lighthouse's guide on variability advises: on this two-core machine
 *    single runs of the same page gave total blocking times from under 20 ms to nearly 200 ms. The
 *    smoke size runs home, story and registration only.
 * 5. Publish-to-live: the real portal server (scripts/portal-server.mjs) serves the build from the
 *    CMS; an editor publishes BENCH_PUBLISHES edits of stories (20; 5 with BENCH_SMOKE=1) through
 *    the admin API, one every BENCH_PUBLISH_GAP_MS (2,000), while the full rebuilds they cause
 *    run. Prints p50/p95 from the click to the edit on the portal, beside the time from the last
 *    publish to the full rebuild serving it (what every publish cost before live pages).
 * Goals (issues 5 and 20): build ≤ 40 s, ratio ≤ 1.2, story ≤ 15 KB HTML+CSS and ≤ 2 KB JS (the
 * beacon), forms ≤ 80 KB JS, Lighthouse 100 / 100 on mobile and desktop, publish-to-live p95 ≤ 5 s.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import compression from 'compression';
import sirv from 'sirv';
import { spawn } from 'node:child_process';
import { ROOT, SMOKE, benchSize, compileCms, freshDatabase, printGoals, startCms } from './lib/harness.mjs';
import { packageBin } from '../scripts/lib/package-bin.mjs';
import { freePort } from '../scripts/lib/ports.mjs';
import { linkPackages } from '../scripts/lib/site-builds.mjs';

const run = promisify(execFile);
const STORIES = benchSize('BENCH_STORIES', 5000, 150);
const ARTICLES = benchSize('BENCH_ARTICLES', 5000, 150);
const PUBLISHES = benchSize('BENCH_PUBLISHES', 20, 5);
const PUBLISH_GAP_MS = Number(process.env.BENCH_PUBLISH_GAP_MS ?? 2000);
const MUNICIPALITIES = ['berg', 'bracke', 'harjedalen', 'krokom', 'ragunda', 'stromsund', 'are', 'ostersund'];
const THEMES = ['family', 'remote-work', 'entrepreneur', 'nature', 'returner', 'career'];

const paragraph = (text) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/** Creates the documents through the CMS's document service, published, in batches. */
async function publish(cms, uid, total, make) {
  for (let i = 0; i < total; i += 100) {
    const documents = Array.from({ length: Math.min(100, total - i) }, (_, j) => make(i + j));
    await cms.call('create', { uid, status: 'published', documents });
  }
}

async function generate(cms) {
  const body = [
    paragraph(
      'Det var en vinter med mycket snö som fick oss att bestämma oss. Vi ville ha mer tid tillsammans.',
    ),
    paragraph(
      'Kommunens flyttvägledare hjälpte oss med förskola, bostad och kontakter med arbetsgivare i bygden.',
    ),
    paragraph('I dag trivs vi och rekommenderar alla som funderar att komma hit en vecka i november.'),
  ];
  const started = performance.now();
  await publish(cms, 'api::story.story', STORIES, (i) => ({
    title: `Berättelse nummer ${i + 1} om att flytta hit`,
    slug: `bench-berattelse-${i + 1}`,
    lead: `Familj ${i + 1} flyttade till ${MUNICIPALITIES[i % 8]} och berättar om första året.`,
    body,
    person: { name: `Person ${i + 1}`, age: 20 + (i % 50), movedFrom: 'Stockholm', occupation: 'Lärare' },
    themes: [THEMES[i % THEMES.length]],
  }));
  await publish(cms, 'api::article.article', ARTICLES, (i) => ({
    title: `Nyhet nummer ${i + 1} från länet`,
    slug: `bench-nyhet-${i + 1}`,
    lead: `Kort om vad som händer i ${MUNICIPALITIES[i % 8]} den här veckan.`,
    body,
    category: 'news',
  }));
  return (performance.now() - started) / 1000;
}

async function build(outDir, env) {
  linkPackages(ROOT, path.dirname(outDir));
  const startedAt = Date.now();
  const started = performance.now();
  await run(process.execPath, [packageBin(ROOT, 'astro'), 'build', '--outDir', outDir], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  // The static site is in client/ (server/ holds the on-demand draft preview).
  const pages = countPages(path.join(outDir, 'client'));
  return {
    seconds: Number(seconds.toFixed(1)),
    pages,
    msPerPage: Number(((seconds * 1000) / pages).toFixed(2)),
    startedAt,
  };
}

function countPages(dir) {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) count += 1;
  }
  return count;
}

/** Gzipped bytes of a page's HTML with its stylesheets, and of its scripts. */
function pageWeight(outDir, pagePath) {
  const file = path.join(outDir, pagePath, 'index.html');
  const html = fs.readFileSync(file, 'utf8');
  const assets = (pattern) =>
    [...html.matchAll(pattern)].map((m) => m[1]).filter((href) => href.startsWith('/'));
  const read = (href) => fs.readFileSync(path.join(outDir, href.split('?')[0]));
  const css = assets(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g).map(read);
  const scripts = [
    ...assets(/<script[^>]+src="([^"]+)"/g),
    ...assets(/component-url="([^"]+)"/g),
    ...assets(/renderer-url="([^"]+)"/g),
  ];
  const js = scripts.map(read);
  const gz = (buffers) => buffers.reduce((sum, b) => sum + gzipSync(b).length, 0);
  return {
    htmlCssKb: Number((gz([Buffer.from(html), ...css]) / 1024).toFixed(1)),
    jsKb: Number((gz(js) / 1024).toFixed(1)),
    inlineScripts: (html.match(/<script(?![^>]*src=)[^>]*>/g) ?? []).length,
  };
}

/** The first page under a folder of the build (e.g. a story), as a path. */
function firstPageUnder(outDir, folder) {
  const dir = path.join(outDir, folder);
  if (!fs.existsSync(dir)) return null;
  // berattelser/tema/ holds the theme pages, not a story.
  const child = fs
    .readdirSync(dir, { withFileTypes: true })
    .find((e) => e.isDirectory() && e.name !== 'tema');
  return child ? `/${folder}/${child.name}/` : null;
}

/** Lighthouse's two presets: its default (mobile, simulated throttling) and desktop, unthrottled. */
const PRESETS = {
  mobile: {},
  desktop: {
    formFactor: 'desktop',
    screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
    throttlingMethod: 'provided',
  },
};

const LIGHTHOUSE_RUNS = benchSize('BENCH_LIGHTHOUSE_RUNS', 5, 1);

async function lighthouseScores(outDir, pages) {
  const { default: lighthouse } = await import('lighthouse');
  const { computeMedianRun } = await import('lighthouse/core/lib/median-run.js');
  const chromeLauncher = await import('chrome-launcher');
  const serve = sirv(outDir, { dev: false });
  const compress = compression();
  const server = http.createServer((req, res) =>
    compress(req, res, () => serve(req, res, () => res.writeHead(404).end())),
  );
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const scores = {};
  try {
    for (const page of pages) {
      for (const [preset, settings] of Object.entries(PRESETS)) {
        const runs = [];
        for (let i = 0; i < LIGHTHOUSE_RUNS; i += 1) {
          const result = await lighthouse(`${base}${page}`, {
            port: chrome.port,
            onlyCategories: ['performance', 'accessibility'],
            logLevel: 'error',
            ...settings,
          });
          runs.push(result.lhr);
        }
        // The run nearest the median first paint and time to interactive (Lighthouse's own pick).
        const lhr = computeMedianRun(runs);
        const c = lhr.categories;
        const ms = (audit) => Math.round(lhr.audits[audit].numericValue);
        scores[`${page} (${preset})`] = {
          performance: Math.round(c.performance.score * 100),
          accessibility: Math.round(c.accessibility.score * 100),
          // What a score below 100 comes from.
          'FCP ms': ms('first-contentful-paint'),
          'LCP ms': ms('largest-contentful-paint'),
          'TBT ms': ms('total-blocking-time'),
          CLS: Number(lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)),
        };
      }
    }
  } finally {
    chrome.kill();
    server.close();
  }
  return scores;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** The portal server as `npm start` runs it, serving `buildDir` (already built) from `buildsDir`. */
async function startPortal({ port, buildsDir, buildDir, startedAt, cmsUrl }) {
  linkPackages(ROOT, buildsDir);
  const served = path.join(buildsDir, `build-${startedAt}-000000-bench`);
  fs.renameSync(buildDir, served);
  fs.symlinkSync(path.basename(served), path.join(buildsDir, 'current'));
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'portal-server.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      SITE_PORT: String(port),
      SITE_BUILDS_DIR: buildsDir,
      SITE_REBUILD_DEBOUNCE_MS: '1000',
      CMS_URL: cmsUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (child.exitCode !== null) throw new Error(`the portal server stopped:\n${output}`);
    if (
      await fetch(`${url}/__rebuild`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 600) throw new Error(`the portal server did not start:\n${output}`);
    await sleep(100);
  }
  return {
    url,
    output: () => output,
    status: async () => (await fetch(`${url}/__rebuild`)).json(),
    stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))),
  };
}

/** Waits until the portal server has no build running or waiting; returns when the last one ended. */
async function portalIdle(portal, sinceBuilds) {
  for (;;) {
    const status = await portal.status();
    if (status.failures) throw new Error(`a portal build failed: ${status.lastError}\n${portal.output()}`);
    if (!status.building && !status.waiting && status.builds > sinceBuilds) return status;
    await sleep(100);
  }
}

/**
 * Publishes edits of stories through the admin API, as an editor's "Publish" does, and times each
 * from the click until the portal serves it; then the time from the last publish until a full
 * build serves it.
 */
async function publishToLive(cms, portal) {
  // The served build is refreshed once at start; measuring begins from a quiet server.
  await portalIdle(portal, 0);
  const latencies = [];
  let lastPublish = 0;
  for (let i = 0; i < PUBLISHES; i += 1) {
    const slug = `bench-berattelse-${1 + ((i * 37) % STORIES)}`;
    const [documentId] = await cms.call('documentIds', { uid: 'api::story.story', filters: { slug } });
    const title = `Berättelse ${slug} – redigerad ${i + 1}`;
    const started = performance.now();
    lastPublish = Date.now();
    const res = await fetch(
      `${cms.url}/content-manager/collection-types/api::story.story/${documentId}/actions/publish?locale=sv`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${cms.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title }),
      },
    );
    if (res.status !== 200) throw new Error(`publish: HTTP ${res.status} ${await res.text()}`);
    for (;;) {
      const page = await fetch(`${portal.url}/berattelser/${slug}/`);
      if (page.status === 200 && (await page.text()).includes(title)) break;
      if (performance.now() - started > 120_000)
        throw new Error(`${slug} never went live:\n${portal.output()}`);
      await sleep(50);
    }
    latencies.push(performance.now() - started);
    await sleep(PUBLISH_GAP_MS);
  }
  const before = (await portal.status()).builds;
  const settled = await portalIdle(portal, before - 1);
  const fullRebuildSeconds = (Date.parse(settled.lastSuccessAt) - lastPublish) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50: Math.round(percentile(latencies, 50)),
    p95: Math.round(percentile(latencies, 95)),
    max: Math.round(latencies.at(-1)),
    fullRebuildSeconds: Number(fullRebuildSeconds.toFixed(1)),
    builds: settled.builds,
  };
}

const database = await freshDatabase(process.env.DATABASE_URL);
console.log(`bench:site on ${database.label}: ${STORIES} stories + ${ARTICLES} articles`);
compileCms();
const portalPort = await freePort();
const cms = await startCms({
  ...database.env,
  SEED_ON_EMPTY: 'true',
  SITE_REBUILD_URL: `http://127.0.0.1:${portalPort}/__rebuild`,
});
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tasteget-bench-site-'));
try {
  const generateSeconds = await generate(cms);
  console.log(`generated in ${generateSeconds.toFixed(1)} s`);

  const dump = path.join(work, 'cms-dump.json');
  const fromCms = await build(path.join(work, 'from-cms'), { CMS_URL: cms.url, CMS_RECORD: dump });
  const fromDump = await build(path.join(work, 'from-dump'), { CMS_URL: cms.url, CMS_REPLAY: dump });
  const ratio = fromCms.seconds / fromDump.seconds;
  console.log('\nBuild');
  const row = ({ seconds, pages, msPerPage }) => ({ seconds, pages, msPerPage });
  console.table({
    'from the CMS (HTTP)': row(fromCms),
    'from a local JSON dump (baseline)': row(fromDump),
  });
  console.log(`ratio CMS / dump: ${ratio.toFixed(2)}×`);
  // Every generated story and article has its page in both builds (home, lists and the rest aside).
  for (const built of [fromCms, fromDump]) {
    if (built.pages < STORIES + ARTICLES)
      throw new Error(`${built.pages} pages for ${STORIES + ARTICLES} documents`);
  }

  const outDir = path.join(work, 'from-cms', 'client');
  const story = firstPageUnder(outDir, 'berattelser');
  const kommun = firstPageUnder(outDir, 'kommuner');
  const weighed = { '/': pageWeight(outDir, '/'), '/registrering/': pageWeight(outDir, '/registrering') };
  weighed[story] = pageWeight(outDir, story);
  console.log('\nPage weight (gzipped KB)');
  console.table(weighed);

  const event = firstPageUnder(outDir, 'evenemang');
  const pages = SMOKE
    ? ['/', story, '/registrering/']
    : ['/', story, kommun, event, '/registrering/', '/coworking/'];
  const scores = await lighthouseScores(outDir, pages.filter(Boolean));
  console.log(
    `\nLighthouse 13, default mobile settings and desktop preset (median of ${LIGHTHOUSE_RUNS} runs)`,
  );
  console.table(scores);

  const portal = await startPortal({
    port: portalPort,
    buildsDir: path.join(work, 'builds'),
    buildDir: path.join(work, 'from-cms'),
    startedAt: fromCms.startedAt,
    cmsUrl: cms.url,
  });
  let live;
  try {
    live = await publishToLive(cms, portal);
  } finally {
    await portal.stop();
  }
  console.log(
    `\nPublish-to-live at ${fromCms.pages} pages: ${PUBLISHES} edits, one every ${PUBLISH_GAP_MS} ms`,
  );
  console.table({
    'live page (click → on the portal), ms': { p50: live.p50, p95: live.p95, max: live.max },
    'full rebuild (last click → served), ms': {
      p50: live.fullRebuildSeconds * 1000,
      p95: live.fullRebuildSeconds * 1000,
      max: live.fullRebuildSeconds * 1000,
    },
  });
  console.log(
    `full build from the CMS: ${fromCms.seconds} s; full rebuilds during the edits: ${live.builds}; ` +
      `live p95 / full rebuild: ${(live.p95 / (live.fullRebuildSeconds * 1000)).toFixed(3)}×`,
  );

  const registration = weighed['/registrering/'];
  printGoals(database.label, [
    ['build ≤ 40 s', fromCms.seconds <= 40],
    ['ratio ≤ 1.2×', ratio <= 1.2],
    [
      'story ≤ 15 KB HTML+CSS and ≤ 2 KB JS (the beacon)',
      weighed[story].htmlCssKb <= 15 && weighed[story].jsKb <= 2,
    ],
    ['forms ≤ 80 KB JS', registration.jsKb <= 80],
    [
      'Lighthouse 100 / 100',
      Object.values(scores).every((s) => s.performance === 100 && s.accessibility === 100),
    ],
    ['publish-to-live p95 ≤ 5 s', live.p95 <= 5000],
  ]);
} finally {
  await cms.stop();
  await database.drop();
  fs.rmSync(work, { recursive: true, force: true });
}

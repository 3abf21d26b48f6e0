import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths';
import { FAST_PORTAL_ENV } from './portal';
import { freePort } from './ports';
import { startSmtp, type TestSmtp } from './smtp';
import { startStrapi, type TestStrapi } from './strapi';

/**
 * The whole platform as a visitor meets it: a seeded CMS on a temporary database, a real SMTP
 * server, the portal built from that CMS into a temporary folder (with its search index) and
 * served statically, and a municipal website on another origin that embeds the form.
 */
export interface PortalStack {
  cms: TestStrapi;
  smtp: TestSmtp;
  siteUrl: string;
  /** A municipal website configured in the CMS (CORS_ORIGINS), embedding the form. */
  municipalUrl: string;
  /** A website that is not configured: the portal refuses to be framed there. */
  strangerUrl: string;
  /** What the portal server has logged (builds, failures). */
  portalOutput(): string;
  stop(): Promise<void>;
}

async function listen(server: http.Server, port: number) {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

/**
 * A municipal page with the embed snippet, as a municipality would paste it; under `/en` the
 * municipality's English page, which asks for the English form. `?kommun=` writes another
 * `data-kommun`, as an editor might.
 */
function municipalSite(siteUrl: string, kommun: string) {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://municipal.example');
    const english = url.pathname.startsWith('/en');
    const written = (url.searchParams.get('kommun') ?? kommun).replace(/[^\p{L}\p{N} -]/gu, '');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="${english ? 'en' : 'sv'}"><head><meta charset="utf-8"><title>Kommunens webbplats</title></head>
<body><main><h1>Flytta hit</h1><script src="${siteUrl}/embed.js" data-kommun="${written}"${english ? ' data-lang="en"' : ''}></script></main></body></html>`);
  });
}

/**
 * The portal server as `npm start` runs it (scripts/portal-server.mjs): builds the site from the
 * CMS, serves it, and rebuilds when the CMS says published content changed. A child process, so
 * the CMS in this thread keeps answering the build's requests.
 */
async function startPortalServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'portal-server.mjs')], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const statusUrl = `http://127.0.0.1:${env.SITE_PORT}/__rebuild`;
  for (;;) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(r, 250, 'waiting'))]);
    if (code !== 'waiting') throw new Error(`The portal server stopped (${code}):\n${output}`);
    if (
      await fetch(statusUrl).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
  }
  return {
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface PortalStackOptions {
  /** Runs against the seeded CMS before the portal's first build (e.g. to write drafts). */
  beforeBuild?: (cms: TestStrapi) => Promise<void>;
  /** How long the portal server waits after a notice before the full rebuild (200 ms). */
  rebuildDebounceMs?: number;
}

export async function startPortalStack(
  env: Record<string, string> = {},
  options: PortalStackOptions = {},
): Promise<PortalStack> {
  const [cmsPort, sitePort, municipalPort, strangerPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const cmsUrl = `http://127.0.0.1:${cmsPort}`;
  const municipalUrl = `http://127.0.0.1:${municipalPort}`;
  const strangerUrl = `http://localhost:${strangerPort}`;

  const smtp = await startSmtp();
  const cms = await startStrapi({
    ...FAST_PORTAL_ENV,
    SEED_ON_EMPTY: 'true',
    PORT: String(cmsPort),
    PUBLIC_URL: cmsUrl,
    SITE_URL: siteUrl,
    CORS_ORIGINS: municipalUrl,
    SITE_REBUILD_URL: `${siteUrl}/__rebuild`,
    SMTP_PORT: String(smtp.port),
    ...env,
  });

  await options.beforeBuild?.(cms);

  const buildsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasteget-site-'));
  const portal = await startPortalServer({
    SITE_PORT: String(sitePort),
    SITE_BUILDS_DIR: buildsDir,
    SITE_REBUILD_DEBOUNCE_MS: String(options.rebuildDebounceMs ?? 200),
    CMS_URL: cms.url,
    SITE_URL: siteUrl,
    CORS_ORIGINS: municipalUrl,
  });
  const municipal = municipalSite(siteUrl, 'are');
  const stranger = municipalSite(siteUrl, 'krokom');
  await Promise.all([listen(municipal, municipalPort), listen(stranger, strangerPort)]);

  return {
    cms,
    smtp,
    siteUrl,
    portalOutput: portal.output,
    municipalUrl,
    strangerUrl,
    async stop() {
      await portal.stop();
      for (const server of [municipal, stranger]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      await cms.stop();
      await smtp.stop();
      fs.rmSync(buildsDir, { recursive: true, force: true });
    },
  };
}

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sirv from 'sirv';
import { ROOT } from './paths';
import { FAST_PORTAL_ENV } from './portal';
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
  /** A website that is not configured: the form embedded there is refused. */
  strangerUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listen(server: http.Server, port: number) {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

/** A municipal page with the embed snippet, as a municipality would paste it. */
function municipalSite(siteUrl: string, kommun: string) {
  return http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kommunens webbplats</title></head>
<body><main><h1>Flytta hit</h1><script src="${siteUrl}/embed.js" data-kommun="${kommun}"></script></main></body></html>`);
  });
}

const run = promisify(execFile);

/**
 * Builds the portal from a CMS and indexes it for search. Asynchronous on purpose: the CMS under
 * test answers the build's requests from this same thread.
 */
export async function buildSite(outDir: string, env: Record<string, string>) {
  const options = {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  };
  await run(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'astro', 'astro.js'), 'build', '--outDir', outDir],
    options,
  );
  await run(path.join(ROOT, 'node_modules', '.bin', 'pagefind'), ['--site', outDir, '--silent'], options);
}

export async function startPortalStack(env: Record<string, string> = {}): Promise<PortalStack> {
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
    SMTP_PORT: String(smtp.port),
    ...env,
  });

  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasteget-site-'));
  await buildSite(outDir, { CMS_URL: cms.url, SITE_URL: siteUrl });

  const serve = sirv(outDir, { dev: false, etag: true });
  const notFoundPage = path.join(outDir, '404.html');
  const notFound = fs.existsSync(notFoundPage) ? fs.readFileSync(notFoundPage) : 'Not found';
  const site = http.createServer((req, res) =>
    serve(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(notFound);
    }),
  );
  const municipal = municipalSite(siteUrl, 'are');
  const stranger = municipalSite(siteUrl, 'krokom');
  await Promise.all([
    listen(site, sitePort),
    listen(municipal, municipalPort),
    listen(stranger, strangerPort),
  ]);

  return {
    cms,
    smtp,
    siteUrl,
    municipalUrl,
    strangerUrl,
    async stop() {
      for (const server of [site, municipal, stranger]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      await cms.stop();
      await smtp.stop();
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}

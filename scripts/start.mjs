#!/usr/bin/env node
/**
 * `npm start`: the whole platform on its embedded defaults. Builds what is missing (CMS dist,
 * admin panel, site), then runs the mail catcher, the CMS and the portal, prints the URLs and
 * stops everything cleanly on Ctrl-C. Ports come from MAIL_SMTP_PORT, MAIL_WEB_PORT, PORT and
 * SITE_PORT.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminBuildIsStale } from './lib/admin-build.mjs';
import { CMS_NODE_FLAGS } from './lib/cms-node-flags.mjs';
import { dovecotInstalled, startDovecot } from './lib/dovecot.mjs';
import { packageBin } from './lib/package-bin.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CMS = path.join(ROOT, 'cms');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

const ports = {
  smtp: Number(process.env.MAIL_SMTP_PORT ?? 1025),
  mailWeb: Number(process.env.MAIL_WEB_PORT ?? 1080),
  cms: Number(process.env.PORT ?? 1337),
  site: Number(process.env.SITE_PORT ?? 4321),
  imap: Number(process.env.INBOUND_LOCAL_IMAP_PORT ?? 1143),
  lmtp: Number(process.env.INBOUND_LOCAL_LMTP_PORT ?? 2424),
};
const urls = {
  cms: `http://127.0.0.1:${ports.cms}`,
  site: `http://127.0.0.1:${ports.site}`,
  mail: `http://127.0.0.1:${ports.mailWeb}`,
};

const env = {
  ...process.env,
  STRAPI_TELEMETRY_DISABLED: 'true',
  ASTRO_TELEMETRY_DISABLED: '1',
  HOST: '127.0.0.1',
  PORT: String(ports.cms),
  PUBLIC_URL: process.env.PUBLIC_URL ?? urls.cms,
  SITE_URL: process.env.SITE_URL ?? urls.site,
  CMS_URL: process.env.CMS_URL ?? urls.cms,
  SMTP_HOST: process.env.SMTP_HOST ?? '127.0.0.1',
  SMTP_PORT: process.env.SMTP_PORT ?? String(ports.smtp),
  SITE_PORT: String(ports.site),
  // The CMS tells the portal server to rebuild when published content changes.
  SITE_REBUILD_URL: process.env.SITE_REBUILD_URL ?? `${urls.site}/__rebuild`,
};

const children = [];
let stopping = false;
/** The local Dovecot, when npm start runs one (it is a daemon, not a child to signal). */
let mailbox = null;

function log(message) {
  console.log(`[start] ${message}`);
}

function run(label, command, args, options = {}) {
  log(`${label}…`);
  const result = spawnSync(command, args, { stdio: 'inherit', env, ...options });
  if (result.status !== 0) {
    console.error(`[start] ${label} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

function launch(label, command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env, ...options });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `[start] ${label} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest.`,
      );
      stop(1);
    }
  });
  children.push({ label, child });
  return child;
}

async function waitFor(url, label, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${label} did not answer at ${url} within ${timeoutMs / 1000} s`);
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  mailbox?.stop();
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 10_000);
  force.unref();
  Promise.all(
    children.map(({ child }) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// 1. Build what is missing. The server code compiles incrementally in seconds, so it always runs;
//    the admin panel (about a minute, 2 GB of memory) only when it is missing or out of date.
run('Compiling the CMS', process.execPath, [path.join(CMS, 'scripts', 'build-dist.js')], { cwd: CMS });
if (adminBuildIsStale(ROOT)) {
  run('Building the admin panel (about a minute)', bin('strapi'), ['build'], {
    cwd: CMS,
    env: { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim() },
  });
}

// 2. Mail catcher: every mail the CMS sends lands here.
launch('Mail catcher', bin('maildev'), [
  '--ip',
  '127.0.0.1',
  '--web-ip',
  '127.0.0.1',
  '--smtp',
  String(ports.smtp),
  '--web',
  String(ports.mailWeb),
  '--silent',
]);

// 2b. A local mailbox for replies and bounces (Debian's Dovecot, when installed and no mailbox is
//     configured): the inbound domain is delivered into it over LMTP (`npm run mail:deliver`), and
//     the CMS's inbound worker reads it over IMAP.
if (!process.env.INBOUND_IMAP_HOST && dovecotInstalled()) {
  log('Local mailbox (Dovecot)…');
  try {
    mailbox = await startDovecot({
      root: path.join(ROOT, 'data', 'mailbox'),
      imapPort: ports.imap,
      lmtpPort: ports.lmtp,
    });
    Object.assign(env, mailbox.env, { INBOUND_POLL_MS: process.env.INBOUND_POLL_MS ?? '5000' });
  } catch (error) {
    // Replies are an extra on a developer's machine: the platform runs without them.
    log(`the local mailbox did not start (${error.message}); replies are off`);
  }
}

// 3. CMS (seeds demo content on the first start of an empty database).
launch('CMS', process.execPath, [...CMS_NODE_FLAGS, packageBin(ROOT, '@strapi/strapi'), 'start'], {
  cwd: CMS,
});
await waitFor(`${urls.cms}/_health`, 'The CMS');

// 4. Portal: built from the CMS's published content (on the first start before it serves), then
//    rebuilt whenever the CMS publishes a change.
log('Portal (the first start builds the site, about half a minute)…');
launch('Portal', process.execPath, [path.join(ROOT, 'scripts', 'portal-server.mjs')], { cwd: ROOT });
await waitFor(urls.site, 'The portal', 600_000);

console.log(`
Ta Steget is running:
  Portal         ${urls.site}
  CMS (REST)     ${urls.cms}/api
  Admin panel    ${urls.cms}/admin   (demo login: admin@tasteget.local / TaSteget2026!)
  Mail catcher   ${urls.mail}   (SMTP 127.0.0.1:${ports.smtp})
  ${
    mailbox
      ? `Replies        IMAP 127.0.0.1:${ports.imap}; answer a mail with npm run mail:deliver (see README)`
      : 'Replies        off: install dovecot-imapd and dovecot-lmtpd, or set INBOUND_IMAP_HOST'
  }
Press Ctrl-C to stop.
`);

import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { freePort } from './ports.mjs';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';
export const DOVECOT_LMTP = '/usr/lib/dovecot/lmtp';
/** Whether Debian's Dovecot (IMAP and LMTP) is installed here. */
export const dovecotInstalled = () => existsSync(DOVECOT_BINARY) && existsSync(DOVECOT_LMTP);

/**
 * A real IMAP server for the inbound mail tests and `bench:inbound`: Debian's Dovecot, started
 * with a throw-away configuration and maildir on free ports (IMAP without TLS, and LMTP, the way
 * a mail system delivers into it). `.ci/run` installs the package, as it does Chromium.
 * `env` points the CMS's inbound worker at the mailbox; `deliver` sends a raw message over LMTP
 * as the receiving mail server would; `append` puts messages straight into the inbox over IMAP
 * (fast, for many); `counts` says how many messages each folder holds.
 */
export async function startDovecot(options = {}) {
  /** @type {{ root?: string; imapPort?: number; lmtpPort?: number }} */
  const { root: fixedRoot, imapPort: fixedImap, lmtpPort: fixedLmtp } = options;
  const root = fixedRoot ?? mkdtempSync(path.join(os.tmpdir(), 'tasteget-dovecot-'));
  const imapPort = fixedImap ?? (await freePort());
  const lmtpPort = fixedLmtp ?? (await freePort());
  const user = 'inbound@tasteget.test';
  const password = 'inbound-test-password';
  for (const dir of ['run', 'state', 'mail', 'home']) mkdirSync(path.join(root, dir), { recursive: true });
  // Dovecot never gives mail to uid 0: as root, the mail belongs to its own 'dovecot' user.
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'dovecot']).toString()) : process.getuid();
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'dovecot']).toString()) : process.getgid();
  if (asRoot) {
    chownSync(path.join(root, 'mail'), uid, gid);
    chownSync(path.join(root, 'home'), uid, gid);
  }
  chmodSync(root, 0o755);
  const me = os.userInfo().username;
  writeFileSync(path.join(root, 'users'), `${user}:{PLAIN}${password}\n`);
  writeFileSync(
    path.join(root, 'dovecot.conf'),
    [
      `base_dir = ${root}/run`,
      `state_dir = ${root}/state`,
      `log_path = ${root}/log`,
      `instance_name = tasteget-${path.basename(root)}`,
      'protocols = imap lmtp',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `first_valid_uid = ${uid}`,
      // One maildir for every address: the inbound domain is a catch-all, as the mail system sets it up.
      `mail_location = maildir:${root}/mail/inbox`,
      ...(asRoot ? [] : [`default_login_user = ${me}`, `default_internal_user = ${me}`]),
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${root}/users`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=${uid} gid=${gid} home=${root}/home allow_all_users=yes`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      `    port = ${imapPort}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      'service lmtp {',
      '  inet_listener lmtp {',
      '    address = 127.0.0.1',
      `    port = ${lmtpPort}`,
      '  }',
      '}',
      'service stats {',
      '  unix_listener stats-writer {',
      '    mode = 0666',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const config = path.join(root, 'dovecot.conf');
  // A mailbox kept between starts may still have the last start's daemon running.
  if (fixedRoot) spawnSync('doveadm', ['-c', config, 'stop'], { stdio: 'ignore' });
  // The daemon keeps its parent's output open: a file, not a pipe spawnSync would wait on forever.
  const startupLog = path.join(root, 'startup.log');
  const output = openSync(startupLog, 'w');
  const started = spawnSync(DOVECOT_BINARY, ['-c', config], { stdio: ['ignore', output, output] });
  closeSync(output);
  if (started.status !== 0) throw new Error(`dovecot did not start: ${readFileSync(startupLog, 'utf8')}`);

  const imap = () =>
    new ImapFlow({
      host: '127.0.0.1',
      port: imapPort,
      secure: false,
      auth: { user, pass: password },
      logger: false,
    });
  await waitUntil(async () => {
    const client = imap();
    await client.connect();
    await client.logout();
  });
  const lmtp = nodemailer.createTransport({
    host: '127.0.0.1',
    port: lmtpPort,
    lmtp: true,
    secure: false,
    ignoreTLS: true,
  });

  return {
    imapPort,
    lmtpPort,
    /** The configuration file, for doveadm (`doveadm -c <config> kick <user>`). */
    config,
    user,
    password,
    env: {
      INBOUND_IMAP_HOST: '127.0.0.1',
      INBOUND_IMAP_PORT: String(imapPort),
      INBOUND_IMAP_SECURE: 'false',
      INBOUND_IMAP_USER: user,
      INBOUND_IMAP_PASSWORD: password,
    },
    /** @param {string | Buffer} raw */
    async deliver(raw, recipient = user) {
      await lmtp.sendMail({ envelope: { from: 'mailer@example.net', to: [recipient] }, raw });
    },
    /** @param {(string | Buffer)[]} raws */
    async append(raws) {
      const client = imap();
      await client.connect();
      try {
        for (const raw of raws) await client.append('INBOX', raw);
      } finally {
        await client.logout();
      }
    },
    async counts() {
      const client = imap();
      await client.connect();
      try {
        /** @type {Record<string, number>} */
        const out = {};
        for (const box of await client.list()) {
          const status = await client.status(box.path, { messages: true });
          out[box.path] = status.messages ?? 0;
        }
        return out;
      } finally {
        await client.logout();
      }
    },
    stop() {
      spawnSync('doveadm', ['-c', config, 'stop'], { stdio: 'ignore' });
      lmtp.close();
      // A fixed root is the caller's (npm start keeps its mailbox between starts).
      if (!fixedRoot) rmSync(root, { recursive: true, force: true });
    },
  };
}

/** @param {() => Promise<void>} probe */
async function waitUntil(probe, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

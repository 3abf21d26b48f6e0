#!/usr/bin/env node
/**
 * `npm run bench:inbound`: BENCH_MESSAGES mixed messages (replies to known contacts by their reply
 * address, RFC 3464 bounces, ARF complaints) waiting in a real IMAP server (Debian's Dovecot), put
 * in their places by the built CMS's inbound worker, beside a bare imapflow fetch of the same
 * messages in the same run, and beside the worker's own parse and classification of the same
 * sources without a database (the floor of any worker that reads each message). Prints messages
 * per second, the ratios and the CMS process's peak RSS while it processes them.
 * SQLite, and PostgreSQL when DATABASE_URL names a server.
 * BENCH_MESSAGES (10,000; 300 with BENCH_SMOKE=1).
 * Goal: ≥ 0.5× the bare fetch, peak RSS ≤ 300 MB.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { startDovecot } from '../scripts/lib/dovecot.mjs';
import { arfComplaint, composed, postfixBounce } from '../scripts/lib/inbound-mail.mjs';
import {
  ROOT,
  SMOKE,
  benchSize,
  compileCms,
  freshDatabase,
  printGoals,
  startCms,
  startSmtpSinkProcess,
} from './lib/harness.mjs';

const TOTAL = benchSize('BENCH_MESSAGES', 10_000, 300);
const CONTACTS = 50;
const CONTACT = 'api::contact.contact';
const STAGING = 'Staging';
const INCOMING = 'Incoming';

compileCms();
// The reply addresses are signed as the CMS signs them (the same development secret).
const require = createRequire(import.meta.url);
const { replyAddress } = require(path.join(ROOT, 'cms', 'dist', 'src', 'mail', 'addresses.js'));
const { classify, parseInbound } = require(path.join(ROOT, 'cms', 'dist', 'src', 'inbound', 'classify.js'));

const sink = await startSmtpSinkProcess();
const dovecot = await startDovecot();
const imap = () =>
  new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.imapPort,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });

// The worker's mailbox exists before the CMS starts reading it.
const setup = imap();
await setup.connect();
for (const folder of [STAGING, INCOMING]) await setup.mailboxCreate(folder).catch(() => undefined);
await setup.logout();

const databases = process.env.DATABASE_URL ? [undefined, process.env.DATABASE_URL] : [undefined];
try {
  for (const serverUrl of databases) {
    const db = await freshDatabase(serverUrl);
    const env = {
      ...db.env,
      ...dovecot.env,
      SMTP_PORT: String(sink.port),
      INBOUND_MAILBOX: INCOMING,
      INBOUND_POLL_MS: '100',
      OUTBOX_POLL_MS: '200',
      NEWSLETTER_WORKER: 'false',
    };
    try {
      // The contacts are made by a first CMS process, which creates the new database's schema;
      // the worker is a second one booted on the existing database, as a deployed worker is. The
      // first boot's schema work leaves its process about 80 MB larger for good.
      const setupCms = await startCms(env);
      let contactIds;
      try {
        contactIds = await createContacts(setupCms);
      } finally {
        await setupCms.stop();
      }
      const cms = await startCms(env);
      try {
        await run(db.label, cms, contactIds);
      } finally {
        await cms.stop();
      }
    } finally {
      await db.drop();
    }
  }
} finally {
  dovecot.stop();
  await sink.close();
}

async function createContacts(cms) {
  await cms.call('create', {
    uid: CONTACT,
    documents: Array.from({ length: CONTACTS }, (_, i) => ({
      firstName: `Bench${i}`,
      email: `bench-contact-${i}@example.se`,
      preferredChannel: 'email',
      municipalities: ['ostersund'],
      source: 'portal',
      language: 'sv',
    })),
  });
  return cms.call('documentIds', { uid: CONTACT, filters: {} });
}

async function run(label, cms, contactIds) {
  const messages = [];
  for (let i = 0; i < TOTAL; i += 1) {
    const original = { from: 'info@tasteget.local', subject: 'Tack', messageId: `<o${i}@bench.invalid>` };
    if (i % 3 === 0) {
      messages.push(
        await composed({
          from: `bench-contact-${i % CONTACTS}@example.se`,
          to: replyAddress(contactIds[i % contactIds.length]),
          subject: `Re: Tack ${i}`,
          text: `Svar nr ${i}.\n\nDen 1 dec. 2026 skrev Ta Steget:\n> Tack för din anmälan.\n`,
        }),
      );
    } else if (i % 3 === 1) {
      const failed = `studs-${i}@example.org`;
      messages.push(
        postfixBounce({
          to: 'bounce@inbound.tasteget.local',
          failed,
          status: '5.1.1',
          diagnostic: '550 5.1.1 User unknown',
          original: { ...original, to: failed },
        }),
      );
    } else {
      const complainant = `klagar-${i}@example.org`;
      messages.push(
        arfComplaint({
          to: 'fbl@inbound.tasteget.local',
          complainant,
          original: { ...original, to: complainant },
        }),
      );
    }
  }

  const client = imap();
  await client.connect();
  for (const raw of messages) await client.append(STAGING, raw);

  // Baseline: a bare imapflow fetch of the same messages, whole sources, in one connection.
  const sources = [];
  const bareStart = performance.now();
  const lock = await client.getMailboxLock(STAGING);
  try {
    for await (const message of client.fetch('1:*', { uid: true, source: true })) {
      if (message.source) sources.push(message.source);
    }
  } finally {
    lock.release();
  }
  const bareMs = performance.now() - bareStart;
  const fetched = sources.length;

  // The floor of any worker that reads each message: the worker's own parse and classification
  // (mailparser, the reply parser, DSN and ARF reports) of the same sources, with no database.
  const parseStart = performance.now();
  for (const source of sources) await classify(await parseInbound(source), 'avregistrera');
  const parseMs = performance.now() - parseStart;
  sources.length = 0;

  // The worker's memory is measured while it works, from what is resident when the mail comes.
  const bootPeakRss = await cms.call('peakRss', {});
  const idleRss = await cms.call('resetPeakRss', {});

  // The worker: the messages arrive in the mailbox it reads at once, and it runs until it is empty.
  const moveLock = await client.getMailboxLock(STAGING);
  const start = performance.now();
  try {
    await client.messageMove('1:*', INCOMING);
  } finally {
    moveLock.release();
  }
  for (;;) {
    const { messages: left } = await client.status(INCOMING, { messages: true });
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const workerMs = performance.now() - start;
  await client.logout();
  const peakRss = await cms.call('peakRss', {});

  const bareRate = (fetched / bareMs) * 1000;
  const workerRate = (TOTAL / workerMs) * 1000;
  const ratio = workerRate / bareRate;
  console.log(`${label}: ${TOTAL} messages (a third each replies, bounces, complaints)`);
  console.log(
    `baseline: bare imapflow fetch   ${bareRate.toFixed(0).padStart(7)} msg/s   ${(bareMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `parse + classify only (no DB)   ${((TOTAL / parseMs) * 1000).toFixed(0).padStart(7)} msg/s   ${(parseMs / 1000).toFixed(2)} s   ${(bareMs / parseMs).toFixed(3)}× the bare fetch`,
  );
  console.log(
    `inbound worker, to their places ${workerRate.toFixed(0).padStart(7)} msg/s   ${(workerMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `ratio worker / bare fetch: ${ratio.toFixed(3)}×; CMS process peak RSS while processing ${peakRss.toFixed(0)} MB`,
  );
  console.log(
    `  (the CMS process's RSS when the messages came ${idleRss.toFixed(0)} MB; its peak before, in its boot, ${bootPeakRss.toFixed(0)} MB)`,
  );
  if (!SMOKE)
    printGoals(label, [
      ['≥ 0.5× the bare fetch', ratio >= 0.5],
      ['RSS ≤ 300 MB', peakRss <= 300],
    ]);
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryKey, deliveryMessageId } from '../../newsletter/src';
import { CMS_DIR } from '../support/paths';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { startStrapi, type TestStrapi } from '../support/strapi';
import {
  createCampaign,
  linkToCountyNewsletter,
  newsletter,
  SUBSCRIPTION,
  tokenFor,
  waitFor,
  waitUntilSent,
} from '../support/newsletter';

/**
 * The headless worker process (`npm run newsletter:worker`) and `npm run newsletter:send`, as
 * separate processes on the test's database. The CMS booted by the test runs no worker
 * (NEWSLETTER_WORKER=false): every mail here comes from the child processes.
 */
let app: TestStrapi;
let smtp: TestSmtp;
const POOL_SIZE = 3;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startStrapi({
    SMTP_PORT: String(smtp.port),
    PUBLIC_URL: 'https://cms.tasteget.example',
    NEWSLETTER_FROM: 'Ta Steget <nyhetsbrev@tasteget.example>',
    NEWSLETTER_WORKER: 'false',
  });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await app?.stop();
  await smtp?.stop();
});

/** A child process with the test CMS's database and SMTP server (startStrapi set process.env). */
function run(script: string, args: string[] = [], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [path.join(CMS_DIR, 'scripts', script), ...args], {
    env: {
      ...process.env,
      NEWSLETTER_WORKER: 'true',
      NEWSLETTER_POOL_SIZE: String(POOL_SIZE),
      NEWSLETTER_POLL_MS: '100',
      NEWSLETTER_LEASE_MS: '1000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  children.add(child);
  return { child, exited, output: () => output };
}

async function seedCampaign(municipality: string, count: number, subject: string) {
  const emails = Array.from({ length: count }, (_, i) => `${municipality}-${i}@example.se`);
  // In bulk: thousands of subscribers one create at a time would take most of the test's time.
  for (let i = 0; i < count; i += 500) {
    const now = new Date();
    await app.strapi.db.query(SUBSCRIPTION).createMany({
      data: emails.slice(i, i + 500).map((email) => ({
        email,
        subscriptionStatus: 'confirmed',
        municipalities: [municipality],
        interests: [],
        language: 'sv',
        bounceCount: 0,
        unsubscribeToken: tokenFor(email),
        publishedAt: now,
      })),
    });
  }
  await linkToCountyNewsletter(app.strapi);
  const documentId = await createCampaign(app.strapi, {
    subject,
    segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: [municipality] }] },
  });
  return { documentId, emails };
}

/** Each address's mails and their distinct Message-IDs. */
function byRecipient(mails: ReceivedMail[]) {
  const ids = new Map<string, Set<string | undefined>>();
  let total = 0;
  for (const mail of mails) {
    for (const email of mail.envelopeTo) {
      total += 1;
      if (!ids.has(email)) ids.set(email, new Set());
      ids.get(email)!.add(mail.parsed.messageId);
    }
  }
  return { ids, total, duplicates: total - ids.size };
}

describe('the headless worker process', () => {
  // The size: 5,000 recipients. Seeding, freezing and sending them with four worker boots
  // took 34 s on SQLite and 92 s on PostgreSQL on a 2-core machine, beside another suite.
  const KILL_RECIPIENTS = 5000;
  it(`killed (SIGKILL) three times in a ${KILL_RECIPIENTS}-recipient campaign: everyone gets it, resends only of what was in flight, one Message-ID each`, async () => {
    const subject = 'Strömsund: tre avbrott';
    const { documentId, emails } = await seedCampaign('stromsund', KILL_RECIPIENTS, subject);
    await newsletter.freeze.freezeCampaign(app.strapi, documentId);
    const mails = () => smtp.mails.filter((m) => m.parsed.subject === subject);

    // Each kill lands mid-send: the campaign is at most 80 % through at the last one.
    for (const killAt of [0.2, 0.5, 0.8].map((share) => share * KILL_RECIPIENTS)) {
      const worker = run('newsletter-worker.js');
      await waitFor(async () => mails().length >= killAt, `${killAt} mails`, 90_000);
      worker.child.kill('SIGKILL');
      await worker.exited;
      expect(mails().length).toBeLessThan(KILL_RECIPIENTS);
    }
    const last = run('newsletter-worker.js');
    await waitUntilSent(app.strapi, documentId, 120_000);
    last.child.kill('SIGTERM');
    expect(await last.exited, last.output()).toBe(0);

    const { ids, duplicates } = byRecipient(mails());
    expect([...ids.keys()].sort()).toEqual([...emails].sort());
    // Only what each killed process had in flight: one mail per pooled connection.
    expect(duplicates).toBeLessThanOrEqual(POOL_SIZE * 3);
    for (const [email, messageIds] of ids) {
      expect([...messageIds], email).toEqual([
        deliveryMessageId(deliveryKey(documentId, email), 'tasteget.example'),
      ]);
    }
    expect(await newsletter.status.campaignProgress(app.strapi, documentId)).toMatchObject({
      sent: KILL_RECIPIENTS,
      failed: 0,
      remaining: 0,
    });
  }, 300_000);

  it('two worker processes share one campaign: every recipient exactly once, both send (SKIP LOCKED on PostgreSQL, one atomic UPDATE … RETURNING on SQLite)', async () => {
    const subject = 'Krokom: två arbetsprocesser';
    const { documentId, emails } = await seedCampaign('krokom', 1000, subject);
    // Each process signs with its own sender name, so the SMTP server can tell who sent what.
    const workers = ['A', 'B'].map((name) =>
      run('newsletter-worker.js', [], {
        NEWSLETTER_FROM: `Arbetare ${name} <nyhetsbrev@tasteget.example>`,
        NEWSLETTER_BATCH_SIZE: '10',
      }),
    );
    await waitFor(
      async () => workers.every((w) => w.output().includes('newsletter worker running')),
      'both workers to boot',
      90_000,
    );
    // Frozen only once both are polling: neither gets a head start.
    await newsletter.freeze.freezeCampaign(app.strapi, documentId);
    await waitUntilSent(app.strapi, documentId, 90_000);
    for (const worker of workers) worker.child.kill('SIGTERM');
    for (const worker of workers) expect(await worker.exited, worker.output()).toBe(0);

    const mails = smtp.mails.filter((m) => m.parsed.subject === subject);
    const received = mails.flatMap((m) => m.envelopeTo).sort();
    // No kill, so no excuse: not a single duplicate.
    expect(received).toEqual([...emails].sort());
    const perWorker = new Map<string, number>();
    for (const mail of mails) {
      const name = mail.parsed.from?.value[0]?.name ?? '';
      perWorker.set(name, (perWorker.get(name) ?? 0) + 1);
    }
    expect([...perWorker.keys()].sort()).toEqual(['Arbetare A', 'Arbetare B']);
    expect(await newsletter.status.campaignProgress(app.strapi, documentId)).toMatchObject({
      sent: 1000,
      failed: 0,
      remaining: 0,
    });
  }, 180_000);
});

describe('npm run newsletter:send', () => {
  it('freezes a draft, sends it and prints progress until done', async () => {
    const subject = 'Berg: från kommandoraden';
    const { documentId, emails } = await seedCampaign('berg', 40, subject);
    const send = run('newsletter-send.js', [documentId]);
    expect(await send.exited).toBe(0);
    expect(send.output()).toContain('40 mottagare/recipients');
    expect(send.output()).toMatch(/\[#{30}\] 100%\s+skickade\/sent 40 {2}misslyckade\/failed 0/);
    expect(send.output()).toContain('Skickat / sent.');
    const received = smtp.mails.filter((m) => m.parsed.subject === subject).flatMap((m) => m.envelopeTo);
    expect(received.sort()).toEqual([...emails].sort());
  });

  it('refuses an unknown campaign with exit code 1', async () => {
    const send = run('newsletter-send.js', ['finnsinte']);
    expect(await send.exited).toBe(1);
    expect(send.output()).toContain('Utskicket finns inte');
  });
});

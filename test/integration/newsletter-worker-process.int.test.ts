import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryKey, deliveryMessageId } from '../../newsletter/src';
import { CMS_DIR } from '../support/paths';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { startStrapi, type TestStrapi } from '../support/strapi';
import { createCampaign, newsletter, seedSubscriber, waitFor, waitUntilSent } from '../support/newsletter';

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
  const emails: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${municipality}-${i}@example.se`;
    await seedSubscriber(app.strapi, { email, municipalities: [municipality] });
    emails.push(email);
  }
  const documentId = await createCampaign(app.strapi, {
    subject,
    segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: [municipality] }] },
  });
  return { documentId, emails };
}

describe('the headless worker process', () => {
  it('killed (SIGKILL) three times mid-campaign: everyone gets it, resends only of what was in flight, one Message-ID each', async () => {
    const subject = 'Strömsund: tre avbrott';
    const { documentId, emails } = await seedCampaign('stromsund', 300, subject);
    await newsletter.freeze.freezeCampaign(app.strapi, documentId);
    const mails = () => smtp.mails.filter((m) => m.parsed.subject === subject);

    // Rate-limited so that each kill lands mid-send.
    const env = { NEWSLETTER_RATE_LIMIT: '150' };
    for (const killAt of [40, 120, 200]) {
      const worker = run('newsletter-worker.js', [], env);
      await waitFor(async () => mails().length >= killAt, `${killAt} mails`, 40_000);
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    const last = run('newsletter-worker.js', [], env);
    await waitUntilSent(app.strapi, documentId, 40_000);
    last.child.kill('SIGTERM');
    expect(await last.exited, last.output()).toBe(0);

    const received = mails().flatMap((m) => m.envelopeTo);
    const unique = new Set(received);
    expect([...unique].sort()).toEqual([...emails].sort());
    expect(received.length - unique.size).toBeLessThanOrEqual(POOL_SIZE * 3);
    for (const email of unique) {
      const ids = new Set(
        mails()
          .filter((m) => m.envelopeTo.includes(email))
          .map((m) => m.parsed.messageId),
      );
      expect([...ids]).toEqual([deliveryMessageId(deliveryKey(documentId, email), 'tasteget.example')]);
    }
  }, 90_000); // four worker boots on a busy CI machine
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

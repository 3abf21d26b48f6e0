import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddress } from '../../cms/src/mail/addresses';
import { startDovecot, type TestDovecot } from '../support/dovecot';
import { composed, postfixBounce } from '../../scripts/lib/inbound-mail.mjs';
import { CMS_DIR } from '../support/paths';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * `npm run inbound:worker` as a separate process on the test's database, killed (SIGKILL) in the
 * middle of 1,000 messages and followed by a second worker: every message ends in exactly one
 * place, none twice.
 */
const COUNT = 1000;
let app: TestStrapi;
let dovecot: TestDovecot;
const children = new Set<ChildProcess>();
const CONTACT = 'api::contact.contact';
const ACTIVITY = 'api::contact-activity.contact-activity';

beforeAll(async () => {
  dovecot = await startDovecot();
  // The test's CMS reads no mailbox: every message is processed by the child processes.
  app = await startStrapi({ INBOUND_DOMAIN: 'inbound.tasteget.local' });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await app?.stop();
  dovecot?.stop();
});

function worker() {
  const child = spawn(process.execPath, [path.join(CMS_DIR, 'scripts', 'inbound-worker.js')], {
    env: {
      ...process.env,
      ...dovecot.env,
      INBOUND_POLL_MS: '100',
      INBOUND_LEASE_MS: '2000',
      INBOUND_BATCH_SIZE: '50',
      NEWSLETTER_WORKER: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  children.add(child);
  child.once('exit', () => children.delete(child));
  return { child, output: () => output };
}

const claims = () => app.strapi.db.connection('tasteget_inbound_claims');
const placed = async () => Number((await claims().whereNotNull('place').count({ n: '*' }))[0].n);

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a worker killed mid-batch', () => {
  it('leaves each of 1,000 messages in exactly one place once a second worker has finished', async () => {
    const contacts = [];
    for (let i = 0; i < 5; i += 1) {
      contacts.push(
        (await app.strapi.documents(CONTACT).create({
          data: {
            firstName: `Person${i}`,
            email: `person${i}@example.se`,
            preferredChannel: 'email',
            municipalities: ['are'],
            source: 'event',
            language: 'sv',
          },
        } as never)) as unknown as { id: number; documentId: string },
      );
    }
    const messages: Buffer[] = [];
    for (let i = 0; i < COUNT; i += 1) {
      if (i % 3 === 0) {
        const contact = contacts[i % contacts.length];
        messages.push(
          await composed({
            from: `person${i % contacts.length}@example.se`,
            to: replyAddress(contact.documentId),
            subject: `Svar ${i}`,
            text: `Meddelande nr ${i}.`,
          }),
        );
      } else if (i % 3 === 1) {
        messages.push(
          await composed({
            from: `okand${i}@example.org`,
            to: 'info@tasteget.local',
            subject: `Hej ${i}`,
            text: 'Hej',
          }),
        );
      } else {
        messages.push(
          Buffer.from(
            postfixBounce({
              to: 'bounce@inbound.tasteget.local',
              failed: `studs${i}@example.org`,
              status: '5.1.1',
              diagnostic: '550 5.1.1 User unknown',
              original: {
                from: 'info@tasteget.local',
                to: `studs${i}@example.org`,
                subject: 'Tack',
                messageId: `<o${i}@x>`,
              },
            }),
          ),
        );
      }
    }
    await dovecot.append(messages);

    const first = worker();
    await waitFor(
      async () => (await placed()) >= 150,
      120_000,
      `the first worker to place 150 (${first.output()})`,
    );
    first.child.kill('SIGKILL');
    const killedAt = await placed();
    expect(killedAt).toBeLessThan(COUNT);

    const second = worker();
    await waitFor(
      async () => (await dovecot.counts()).INBOX === 0,
      180_000,
      `an empty inbox (${second.output()})`,
    );
    second.child.kill('SIGTERM');

    const counts = await dovecot.counts();
    expect(counts.Processed + (counts.Quarantine ?? 0)).toBe(COUNT);
    const rows = (await claims().select('place')) as { place: string | null }[];
    expect(rows).toHaveLength(COUNT);
    const byPlace = rows.reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [String(r.place)]: (acc[String(r.place)] ?? 0) + 1 }),
      {},
    );
    const replies = Math.ceil(COUNT / 3);
    expect(byPlace).toEqual({
      activity: replies,
      review: Math.floor((COUNT + 1) / 3),
      bounce: Math.floor(COUNT / 3),
    });

    // Each reply once on its card, each unknown sender once in the review list, each bounce once.
    const activities = (await app.strapi.db.query(ACTIVITY).findMany({
      where: { direction: 'in' },
      select: ['summary'],
    })) as { summary: string }[];
    const numbers = activities.map((a) => Number(/Meddelande nr (\d+)/.exec(a.summary)?.[1]));
    expect(new Set(numbers).size).toBe(replies);
    expect(numbers).toHaveLength(replies);
    const reviews = (await app.strapi.db.query('api::inbound-message.inbound-message').findMany({
      select: ['subject'],
    })) as { subject: string }[];
    expect(new Set(reviews.map((r) => r.subject)).size).toBe(reviews.length);
    expect(reviews).toHaveLength(byPlace.review);
    const suppressed = await app.strapi.db
      .query('api::mail-suppression.mail-suppression')
      .count({ where: { active: true } });
    expect(suppressed).toBe(byPlace.bounce);
  });
});

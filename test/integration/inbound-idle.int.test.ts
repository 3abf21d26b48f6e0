import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composed } from '../support/inbound-mail.mjs';
import { startDovecot, type TestDovecot } from '../support/dovecot';
import { startIntakeCms } from '../support/fixtures';
import { waitFor } from '../support/newsletter';

/**
 * IMAP IDLE: with the poll an hour apart, mail that arrives is read within seconds, because the
 * server tells the CMS's listening connection (cms/src/inbound/watch.ts). Also after Dovecot
 * dropped every connection: the listener comes back by itself.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let dovecot: TestDovecot;
const REVIEW = 'api::inbound-message.inbound-message';

beforeAll(async () => {
  dovecot = await startDovecot();
  cms = await startIntakeCms({ ...dovecot.env, INBOUND_POLL_MS: '3600000' });
});
afterAll(async () => {
  await cms?.stop();
  dovecot?.stop();
});

/** A message from nobody the register knows: it lands in the coordinator's review list. */
const stranger = (subject: string) =>
  composed({ from: 'okand@example.net', to: 'info@inbound.tasteget.local', subject, text: 'Hej!' });

const reviewed = (subject: string) =>
  waitFor(
    async () => (await cms.app.strapi.db.query(REVIEW).count({ where: { subject } })) === 1,
    `"${subject}" to be read`,
    15_000,
  );

describe('IMAP IDLE', () => {
  it('reads new mail within seconds though the next poll is an hour away', async () => {
    const started = Date.now();
    await dovecot.deliver(await stranger('Fråga om bostad'));
    await reviewed('Fråga om bostad');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('listens again after the server dropped the connection', async () => {
    // Dovecot's admin tool ends every IMAP session of the user, the listener's too.
    const { spawnSync } = await import('node:child_process');
    const kicked = spawnSync('doveadm', ['-c', dovecot.config, 'kick', dovecot.user]);
    expect(kicked.status, String(kicked.stderr)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 7_000)); // the listener's reconnect delay
    await dovecot.deliver(await stranger('Fråga om jobb'));
    await reviewed('Fråga om jobb');
  }, 30_000);
});

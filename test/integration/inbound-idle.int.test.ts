import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composed } from '../../scripts/lib/inbound-mail.mjs';
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

/** Read well before the poll (an hour): only the IDLE notice can have woken the loop. */
const WITHIN_MS = 60_000;
const reviewed = (subject: string) =>
  waitFor(
    async () => (await cms.app.strapi.db.query(REVIEW).count({ where: { subject } })) === 1,
    `"${subject}" to be read`,
    WITHIN_MS,
  );

/**
 * Waits until the listener holds an IMAP session, so the mail below arrives while it listens:
 * mail that came before would be read by the catch-up on connect, and prove nothing about IDLE.
 */
const listening = async () => {
  const { spawnSync } = await import('node:child_process');
  await waitFor(
    async () =>
      spawnSync('doveadm', ['-c', dovecot.config, 'who', dovecot.user])
        .stdout.toString()
        .includes(dovecot.user),
    'the IDLE listener to connect',
    WITHIN_MS,
  );
  // The catch-up pass on connect, and the startup pass, must be over before the clock starts.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
};

describe('IMAP IDLE', () => {
  it(
    'reads new mail within seconds though the next poll is an hour away',
    async () => {
      await listening();
      const started = Date.now();
      await dovecot.deliver(await stranger('Fråga om bostad'));
      await reviewed('Fråga om bostad');
      expect(Date.now() - started).toBeLessThan(WITHIN_MS);
    },
    2 * WITHIN_MS + 10_000,
  );

  it(
    'listens again after the server dropped the connection',
    async () => {
      // Dovecot's admin tool ends every IMAP session of the user, the listener's too.
      const { spawnSync } = await import('node:child_process');
      const kicked = spawnSync('doveadm', ['-c', dovecot.config, 'kick', dovecot.user]);
      expect(kicked.status, String(kicked.stderr)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the session to end
      await listening(); // after the listener's reconnect delay
      await dovecot.deliver(await stranger('Fråga om jobb'));
      await reviewed('Fråga om jobb');
    },
    3 * WITHIN_MS,
  );
});

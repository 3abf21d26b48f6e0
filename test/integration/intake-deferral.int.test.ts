import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldRow, type InboxRow } from '../../cms/src/intake/inbox';
import { startIntakeCms } from '../support/fixtures';
import { registration, submit } from '../support/portal';

/**
 * While visitors are registering, the inbox worker holds back so that answers stay fast; it folds
 * once the portal is quiet, and never later than INTAKE_MAX_DEFER_MS after a registration came.
 * Here "quiet" never comes within the test (a minute), so only the bound can release the row.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;

beforeAll(async () => {
  cms = await startIntakeCms({
    INTAKE_QUIET_MS: '60000',
    INTAKE_MAX_DEFER_MS: '2000',
    OUTBOX_POLL_MS: '100',
  });
});
afterAll(async () => {
  await cms?.stop();
});

const inInbox = async () =>
  Number((await cms.app.strapi.db.connection('intake_inbox').count({ n: '*' }))[0].n);
const contactsFor = (email: string) =>
  cms.app.strapi.db.query('api::contact.contact').count({ where: { email } });

describe('intake inbox under load', () => {
  it('defers folding while registrations arrive, and folds within the bound anyway', async () => {
    const body = registration();
    const answeredAt = Date.now();
    expect((await submit(cms.app.url, '/api/registrations', body)).status).toBe(201);

    await new Promise((r) => setTimeout(r, 800));
    expect(await inInbox()).toBe(1); // held back: the portal is "busy"
    expect(await contactsFor(body.email)).toBe(0);

    await expect.poll(() => contactsFor(body.email), { timeout: 15_000, interval: 100 }).toBe(1);
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(2000);
    expect(await inInbox()).toBe(0);
  });

  it('folds a registration in once when a lapsed lease let a second worker fold it first', async () => {
    const { strapi } = cms.app;
    const body = registration();
    expect((await submit(cms.app.url, '/api/registrations', body)).status).toBe(201);
    const row = (await strapi.db.connection('intake_inbox').orderBy('id', 'desc').first()) as InboxRow;
    const rows = async (
      uid: 'api::outbox-message.outbox-message' | 'api::contact-activity.contact-activity',
    ) => strapi.db.query(uid).count({});

    // Worker B claimed the row after A's lease ran out, and folds it; then A, frozen meanwhile,
    // comes back to its copy of the row. Its fold finds the row gone and leaves nothing behind.
    expect(await foldRow(strapi, row)).toBe(true);
    const after = [
      await rows('api::outbox-message.outbox-message'),
      await rows('api::contact-activity.contact-activity'),
    ];
    expect(await foldRow(strapi, row)).toBe(false);
    expect(await contactsFor(body.email)).toBe(1);
    expect([
      await rows('api::outbox-message.outbox-message'),
      await rows('api::contact-activity.contact-activity'),
    ]).toEqual(after);
    expect(await inInbox()).toBe(0);
  });
});

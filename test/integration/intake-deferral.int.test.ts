import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});

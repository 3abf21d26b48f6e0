import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession } from '../support/admin';
import { startIntakeCms } from '../support/fixtures';

/**
 * A subscription's status is its owner's (cms/src/contacts/rules/subscription-owner.ts), tried
 * through the real admin API as a guide: double opt-in cannot be skipped from the admin.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let token: string;
const PATH = '/content-manager/collection-types/api::newsletter-subscription.newsletter-subscription';

beforeAll(async () => {
  cms = await startIntakeCms();
  token = (await adminSession(cms.app.strapi, cms.app.url, 'guide', 'guide@owner.example')).token;
});
afterAll(async () => {
  await cms?.stop();
});

const send = (method: string, path: string, body: object) =>
  fetch(`${cms.app.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
const stored = (email: string) =>
  cms.app.strapi.db
    .query('api::newsletter-subscription.newsletter-subscription')
    .findOne({ where: { email } });

describe('a subscription entered or edited in the admin', () => {
  it('starts pending and gets the opt-in mail, whatever status and consent the form said', async () => {
    const res = await send('POST', PATH, {
      email: ' Ny.Prenumerant@Example.se ',
      subscriptionStatus: 'confirmed',
      consentAt: new Date().toISOString(),
      language: 'sv',
      interests: ['job'],
    });
    expect([200, 201], await res.clone().text()).toContain(res.status);
    const row = await stored('ny.prenumerant@example.se');
    expect(row).toMatchObject({ subscriptionStatus: 'pending', consentAt: null });
    expect(row.confirmToken).toEqual(expect.any(String));

    const [mail] = await cms.smtp.waitFor(1, (m) => m.envelopeTo.includes('ny.prenumerant@example.se'));
    expect(mail.parsed.text).toContain(`/api/newsletter/confirm?token=${row.confirmToken}`);
  });

  it('refuses a change of status or consent, in Swedish and English, and keeps other edits', async () => {
    const row = await stored('ny.prenumerant@example.se');
    const confirm = await send('PUT', `${PATH}/${row.documentId}`, { subscriptionStatus: 'confirmed' });
    expect(confirm.status).toBe(400);
    const body = (await confirm.json()) as {
      error: { message: string; details: { errors: { path: string[] }[] } };
    };
    expect(body.error.message).toMatch(
      /^Prenumerationens status och samtycke ändras bara av prenumeranten.* \/ A subscription's status/,
    );
    expect(body.error.details.errors.map((e) => e.path[0])).toEqual(['subscriptionStatus']);
    expect((await stored('ny.prenumerant@example.se')).subscriptionStatus).toBe('pending');

    // The admin's form sends every field back: unchanged status and consent pass, other edits land.
    const edit = await send('PUT', `${PATH}/${row.documentId}`, {
      subscriptionStatus: 'pending',
      consentAt: null,
      interests: ['job', 'housing'],
    });
    expect(edit.status, await edit.clone().text()).toBe(200);
    expect((await stored('ny.prenumerant@example.se')).interests).toEqual(['job', 'housing']);
  });
});

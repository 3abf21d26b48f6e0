import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type AdminSession } from '../support/admin';
import { startIntakeCms } from '../support/fixtures';

/**
 * A subscription's status is its owner's (cms/src/contacts/rules/subscription-owner.ts), tried
 * through the real admin API as a guide: double opt-in cannot be skipped from the admin. The
 * other way is the coordinator's status change, which records a reason.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let token: string;
let coordinator: AdminSession;
let guide: AdminSession;
const PATH = '/content-manager/collection-types/api::newsletter-subscription.newsletter-subscription';

beforeAll(async () => {
  cms = await startIntakeCms();
  // The region's guide: subscriptions with no contact are the region's queue.
  guide = await adminSession(cms.app.strapi, cms.app.url, 'guide', 'guide@owner.example');
  token = guide.token;
  await cms.app.strapi.db.query('api::guide-assignment.guide-assignment').create({
    data: { user: guide.id, queue: 'region', receivesReminders: false, publishedAt: new Date() },
  });
  coordinator = await adminSession(
    cms.app.strapi,
    cms.app.url,
    'coordinator',
    'samordnare@owner.example',
    'Sam',
  );
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

describe("the coordinator's status change", () => {
  const statusPath = (documentId: string) => `/tasteget-newsletter/subscriptions/${documentId}/status`;

  it('is refused to a guide, and to anyone without a reason, in Swedish and English', async () => {
    const row = await stored('ny.prenumerant@example.se');
    const byGuide = await guide.fetch(statusPath(row.documentId), {
      body: { status: 'confirmed', reason: 'Hon bekräftade i telefon.' },
    });
    expect(byGuide.status).toBe(403);
    expect(((await byGuide.json()) as { error: { message: string } }).error.message).toMatch(
      /^Bara samordnaren .* \/ Only the coordinator/,
    );
    const noReason = await coordinator.fetch(statusPath(row.documentId), { body: { status: 'confirmed' } });
    expect(noReason.status).toBe(400);
    const body = (await noReason.json()) as {
      error: { details: { messages: { sv: string; en: string }; errors: { path: string[] }[] } };
    };
    expect(body.error.details.messages.sv).toMatch(/skäl/);
    expect(body.error.details.errors.map((e) => e.path[0])).toEqual(['reason']);
    const unknown = await coordinator.fetch(statusPath('finns-inte'), {
      body: { status: 'confirmed', reason: 'Prov av okänd prenumeration.' },
    });
    expect(unknown.status).toBe(404);
    expect((await stored('ny.prenumerant@example.se')).subscriptionStatus).toBe('pending');
  });

  it('changes the status, logs who and why on the subscription and on the contact card', async () => {
    const { strapi } = cms.app;
    const contact = await strapi.documents('api::contact.contact').create({
      data: { firstName: 'Lo', email: 'lo@example.se', preferredChannel: 'email' },
    } as never);
    await strapi.db.query('api::newsletter-subscription.newsletter-subscription').update({
      where: { email: 'ny.prenumerant@example.se' },
      data: { contact: contact.id },
    });
    const row = await stored('ny.prenumerant@example.se');
    const res = await coordinator.fetch(statusPath(row.documentId), {
      body: { status: 'unsubscribed', reason: 'Bad om det i telefon den 3 december.' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ from: 'pending', to: 'unsubscribed' });

    const after = await stored('ny.prenumerant@example.se');
    expect(after.subscriptionStatus).toBe('unsubscribed');
    expect(after.unsubscribedAt).not.toBeNull();
    expect(after.statusLog).toEqual([
      {
        at: expect.any(String),
        from: 'pending',
        to: 'unsubscribed',
        reason: 'Bad om det i telefon den 3 december.',
        by: 'Sam Test',
      },
    ]);
    const activities = await strapi.db
      .query('api::contact-activity.contact-activity')
      .findMany({ where: { contact: contact.id, kind: 'newsletter' } });
    expect(activities.map((a: { summary: string }) => a.summary)).toEqual([
      'Prenumerationen på Ta Stegets nyhetsbrev: status ändrad av Sam Test: Väntar på bekräftelse → Avregistrerad. Skäl: Bad om det i telefon den 3 december.',
    ]);

    // The log is the system's: the Content Manager does not rewrite it.
    const rewrite = await send('PUT', `${PATH}/${row.documentId}`, { statusLog: [] });
    expect(rewrite.status).toBe(400);
    expect((await stored('ny.prenumerant@example.se')).statusLog).toHaveLength(1);

    // Confirmed again (a subscriber who asked back), it is a subscriber again in the key figures.
    const restored = await coordinator.fetch(statusPath(row.documentId), {
      body: { status: 'confirmed', reason: 'Ville ha brevet igen, bekräftat skriftligen.' },
    });
    expect(restored.status, await restored.clone().text()).toBe(200);
    const again = await stored('ny.prenumerant@example.se');
    expect(again).toMatchObject({ subscriptionStatus: 'confirmed', unsubscribedAt: null });
    expect(again.confirmedAt).not.toBeNull();
  });
});

import type { MunicipalitySlug } from '@tasteget/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type AdminSession } from '../support/admin';
import { startIntakeCms } from '../support/fixtures';
import { intakeSettled, registration, submit, uniqueEmail } from '../support/portal';

/**
 * What the platform keeps, not people (cms/src/platform/owned-fields.ts), through the real
 * Content Manager API as a guide and as the coordinator: a contact's deadline, first response,
 * consent record and responsible queue, and a campaign's status and counts once it is sent.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let guide: AdminSession;
let coordinator: AdminSession;
const CONTACTS = '/content-manager/collection-types/api::contact.contact';
const CAMPAIGNS = '/content-manager/collection-types/api::newsletter-campaign.newsletter-campaign';

beforeAll(async () => {
  cms = await startIntakeCms();
  guide = await adminSession(cms.app.strapi, cms.app.url, 'guide', 'guide@agda.example');
  coordinator = await adminSession(cms.app.strapi, cms.app.url, 'coordinator', 'samordnare@agda.example');
  await cms.app.strapi.db.query('api::guide-assignment.guide-assignment').create({
    data: { user: guide.id, queue: 'krokom', receivesReminders: false, publishedAt: new Date() },
  });
});
afterAll(async () => {
  await cms?.stop();
});

type Row = Record<string, unknown> & { id: number; documentId: string };
const contactRow = async (email: string) =>
  (await cms.app.strapi.db.query('api::contact.contact').findOne({ where: { email } })) as Row;
const consentRows = async (id: number) =>
  cms.app.strapi.db.query('api::consent-record.consent-record').count({ where: { contact: { id } } });
const instant = (value: unknown) => new Date(value as string).getTime();

async function registered(municipalities: MunicipalitySlug[]): Promise<Row> {
  const email = uniqueEmail('agd');
  expect(
    (await submit(cms.app.url, '/api/registrations', registration({ email, municipalities }))).status,
  ).toBe(201);
  await intakeSettled(cms.app.strapi);
  return contactRow(email);
}

/** The edit form as the admin sends it: the whole document, with the changes made. */
async function saveForm(session: AdminSession, documentId: string, changes: Record<string, unknown>) {
  const form = (await (await session.fetch(`${CONTACTS}/${documentId}`)).json()) as { data: Row };
  const {
    id: _id,
    documentId: _doc,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _cb,
    updatedBy: _ub,
    ...fields
  } = form.data;
  return session.fetch(`${CONTACTS}/${documentId}`, { method: 'PUT', body: { ...fields, ...changes } });
}

describe("a contact's bookkeeping", () => {
  it('refuses a save that moves the deadline or sets the first response by hand, in both languages', async () => {
    const contact = await registered(['krokom']);
    for (const changes of [
      { firstResponseDueAt: '2030-01-01T00:00:00.000Z' },
      { firstRespondedAt: '2026-01-01T00:00:00.000Z' },
    ]) {
      const res = await saveForm(guide, contact.documentId, { occupation: 'Snickare', ...changes });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as {
        error: {
          message: string;
          details: { messages: { sv: string; en: string }; errors: { path: string[] }[] };
        };
      };
      expect(error.details.messages.sv).toMatch(/^Svarstiden räknas från registreringen/);
      expect(error.details.messages.en).toMatch(/^The response deadline is counted/);
      expect(error.details.errors.map((e) => e.path.join('.'))).toEqual(Object.keys(changes));
    }
    const stored = await contactRow(contact.email as string);
    expect(instant(stored.firstResponseDueAt)).toBe(instant(contact.firstResponseDueAt));
    expect(stored.firstRespondedAt).toBeNull();
    expect(stored.occupation).toBe(contact.occupation);
  });

  it("saves a form whose consent and last activity went stale, keeping the stored ones and the guide's edit", async () => {
    const contact = await registered(['krokom']);
    const logged = await consentRows(contact.id);
    const res = await saveForm(guide, contact.documentId, {
      occupation: 'Sjuksköterska',
      contactConsentAt: null,
      contactConsentWithdrawnAt: '2026-12-01T10:00:00.000Z',
      lastActivityAt: '2020-01-01T00:00:00.000Z',
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const stored = await contactRow(contact.email as string);
    expect(stored.occupation).toBe('Sjuksköterska');
    expect(instant(stored.contactConsentAt)).toBe(instant(contact.contactConsentAt));
    expect(stored.contactConsentWithdrawnAt).toBeNull();
    expect(instant(stored.lastActivityAt)).toBeGreaterThanOrEqual(instant(contact.lastActivityAt));
    expect(await consentRows(contact.id)).toBe(logged);
  });

  it('moves the contact to the first municipality still chosen when its queue is taken off the card', async () => {
    const contact = await registered(['krokom', 'are']);
    expect(contact.assignedMunicipality).toBe('krokom');
    // A guide cannot hand their contact out of their own queue: the coordinator does that.
    const handOver = await saveForm(guide, contact.documentId, { municipalities: ['ostersund', 'are'] });
    expect(handOver.status).toBe(403);
    expect(await contactRow(contact.email as string)).toMatchObject({
      assignedMunicipality: 'krokom',
      municipalities: ['krokom', 'are'],
    });
    const res = await saveForm(coordinator, contact.documentId, { municipalities: ['ostersund', 'are'] });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await contactRow(contact.email as string)).assignedMunicipality).toBe('ostersund');
    // The card's change log says it in the admin's words, with names rather than codes.
    const logged = (await cms.app.strapi.db.query('api::contact-activity.contact-activity').findMany({
      where: { contact: { id: contact.id }, kind: 'system', summary: { $startsWith: 'Ändrat:' } },
      select: ['summary'],
    })) as { summary: string }[];
    expect(logged.map((a) => a.summary)).toContain(
      'Ändrat: kommuner Krokom, Åre → Östersund, Åre; ansvarig kö Krokom → Östersund',
    );

    // An assignment the coordinator makes on purpose, with the choices, stays as made.
    const kept = await saveForm(coordinator, contact.documentId, {
      municipalities: ['are'],
      assignedMunicipality: 'region',
    });
    expect(kept.status, await kept.clone().text()).toBe(200);
    expect((await contactRow(contact.email as string)).assignedMunicipality).toBe('region');

    // A save that leaves the choices as they were does not move the queue.
    expect((await saveForm(coordinator, contact.documentId, { occupation: 'Lärare' })).status).toBe(200);
    expect((await contactRow(contact.email as string)).assignedMunicipality).toBe('region');
  });

  it('gives a contact entered in the admin its own deadline, whatever the form said', async () => {
    const email = uniqueEmail('hand');
    const res = await guide.fetch(CONTACTS, {
      body: {
        firstName: 'Hanna',
        email,
        preferredChannel: 'email',
        municipalities: ['krokom'],
        source: 'event',
        language: 'sv',
        firstResponseDueAt: '2030-01-01T00:00:00.000Z',
        firstRespondedAt: '2026-01-01T00:00:00.000Z',
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const stored = await contactRow(email);
    expect(instant(stored.firstResponseDueAt)).toBeLessThan(Date.now() + 14 * 86_400_000);
    expect(stored.firstRespondedAt).toBeNull();
  });
});

describe("a campaign's sending", () => {
  const campaignRow = async (documentId: string) =>
    (await cms.app.strapi.db
      .query('api::newsletter-campaign.newsletter-campaign')
      .findOne({ where: { documentId } })) as Row;

  it('is the sender’s: a created campaign starts as a draft, and a sent one cannot be changed or put back', async () => {
    const created = await coordinator.fetch(CAMPAIGNS, {
      body: {
        subject: 'Hösten i länet',
        language: 'sv',
        audience: 'subscribers',
        campaignStatus: 'sent',
        sentCount: 999,
        recipientCount: 999,
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { documentId } = ((await created.json()) as { data: Row }).data;
    expect(await campaignRow(documentId)).toMatchObject({
      campaignStatus: 'draft',
      sentCount: 0,
      recipientCount: 0,
    });

    // Before sending, a person may mark it scheduled (for a time to come) and back, and edit it.
    const scheduled = await coordinator.fetch(`${CAMPAIGNS}/${documentId}`, {
      method: 'PUT',
      body: {
        campaignStatus: 'scheduled',
        scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        subject: 'Hösten i Jämtland',
      },
    });
    expect(scheduled.status, await scheduled.clone().text()).toBe(200);
    const counted = await coordinator.fetch(`${CAMPAIGNS}/${documentId}`, {
      method: 'PUT',
      body: { sentCount: 5, campaignStatus: 'sending' },
    });
    expect(counted.status).toBe(400);
    const refused = (await counted.json()) as { error: { details: { errors: { path: string[] }[] } } };
    expect(refused.error.details.errors.map((e) => e.path.join('.')).sort()).toEqual([
      'campaignStatus',
      'sentCount',
    ]);

    // Once sent (as the sender marks it), nothing of it is changed through the Content Manager.
    await cms.app.strapi.db
      .query('api::newsletter-campaign.newsletter-campaign')
      .update({ where: { documentId }, data: { campaignStatus: 'sent', sentAt: new Date(), sentCount: 3 } });
    for (const body of [{ campaignStatus: 'draft' }, { subject: 'Ändrad efter utskick' }]) {
      const res = await guide.fetch(`${CAMPAIGNS}/${documentId}`, { method: 'PUT', body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /^Utskicket har skickats, skickas eller är avbrutet.* \/ The campaign has been sent/,
      );
    }
    expect(await campaignRow(documentId)).toMatchObject({
      campaignStatus: 'sent',
      subject: 'Hösten i Jämtland',
      sentCount: 3,
    });

    // Its copy is a new draft.
    const copy = await coordinator.fetch(`${CAMPAIGNS}/clone/${documentId}`, {
      body: { subject: 'Hösten i Jämtland (kopia)' },
    });
    expect(copy.status, await copy.clone().text()).toBe(200);
    const copied = ((await copy.json()) as { data: Row }).data;
    expect(await campaignRow(copied.documentId)).toMatchObject({
      campaignStatus: 'draft',
      sentAt: null,
      sentCount: 0,
      subject: 'Hösten i Jämtland (kopia)',
    });
  });
});

import {
  addBusinessDays,
  addDays,
  firstResponseDeadline,
  stockholmDate,
  stockholmInstant,
} from '@tasteget/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type AdminSession } from '../support/admin';
import { startIntakeCms } from '../support/fixtures';
import { intakeSettled, registration, submit, uniqueEmail } from '../support/portal';
import type { TestSmtp } from '../support/smtp';
import type { TestStrapi } from '../support/strapi';

/**
 * The guides' workspace over the real admin API: queues per municipality, the dialog log and the
 * first response, move status, the daily reminder (real SMTP), as each role sees them.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let app: TestStrapi;
let smtp: TestSmtp;
let areGuide: AdminSession;
let bergGuide: AdminSession;
let coordinator: AdminSession;
let editor: AdminSession;

const CONTACT = 'api::contact.contact';
const ACTIVITY = 'api::contact-activity.contact-activity';
const DAY = 86_400_000;

beforeAll(async () => {
  cms = await startIntakeCms();
  ({ app, smtp } = cms);
  areGuide = await adminSession(app.strapi, app.url, 'guide', 'anna.are@kommun.example', 'Anna');
  bergGuide = await adminSession(app.strapi, app.url, 'guide', 'bo.berg@kommun.example', 'Bo');
  coordinator = await adminSession(app.strapi, app.url, 'coordinator', 'cecilia@region.example', 'Cecilia');
  editor = await adminSession(app.strapi, app.url, 'editor', 'erik@region.example', 'Erik');
  const assign = (user: AdminSession, queue: string, receivesReminders = true) =>
    app.strapi.db
      .query('api::guide-assignment.guide-assignment')
      .create({ data: { user: user.id, queue, receivesReminders, publishedAt: new Date() } });
  await assign(areGuide, 'are');
  await assign(bergGuide, 'berg');
  await assign(coordinator, 'region');
});
afterAll(async () => {
  await cms?.stop();
});

/** A contact stored as the intake would, with the deadline given. */
async function contact(fields: {
  municipalities?: string[];
  dueAt: Date;
  firstName?: string;
  preferredChannel?: 'email' | 'phone';
  moveStatus?: string;
  registeredAt?: Date;
}) {
  const municipalities = fields.municipalities ?? [];
  return (await app.strapi.db.query(CONTACT).create({
    data: {
      firstName: fields.firstName ?? 'Test',
      lastName: 'Person',
      email: uniqueEmail('queue'),
      phone: '+46 70 111 22 33',
      preferredChannel: fields.preferredChannel ?? 'email',
      municipalities,
      topics: [],
      assignedMunicipality: municipalities[0] ?? 'region',
      moveStatus: fields.moveStatus ?? 'new',
      source: 'portal',
      language: 'sv',
      firstResponseDueAt: fields.dueAt,
      contactConsentAt: new Date(),
      publishedAt: new Date(),
      ...(fields.registeredAt ? { createdAt: fields.registeredAt } : {}),
    },
  })) as { id: number; documentId: string; email: string };
}

type QueueBody = {
  data: Record<'overdue' | 'due-soon' | 'new', { documentId: string; responsible: boolean }[]>;
};
const queueIds = async (session: AdminSession, queue?: string) => {
  const res = await session.fetch(`/tasteget/queue${queue ? `?queue=${queue}` : ''}`);
  expect(res.status).toBe(200);
  const { data } = (await res.json()) as QueueBody;
  return {
    overdue: data.overdue.map((c) => c.documentId),
    dueSoon: data['due-soon'].map((c) => c.documentId),
    new: data.new.map((c) => c.documentId),
    all: data,
  };
};

describe('queues', () => {
  it("shows each guide their municipality's queue in three sections, and the coordinator the region's", async () => {
    const now = new Date();
    const overdue = await contact({ municipalities: ['are'], dueAt: new Date(now.getTime() - DAY) });
    const dueSoon = await contact({ municipalities: ['are'], dueAt: new Date(now.getTime() + 60_000) });
    const fresh = await contact({ municipalities: ['are'], dueAt: new Date(now.getTime() + 10 * DAY) });
    const shared = await contact({
      municipalities: ['berg', 'are'],
      dueAt: new Date(now.getTime() + 10 * DAY),
    });
    const regional = await contact({ dueAt: new Date(now.getTime() + 10 * DAY) });
    const closed = await contact({
      municipalities: ['are'],
      dueAt: new Date(now.getTime() - DAY),
      moveStatus: 'closed',
    });

    const are = await queueIds(areGuide);
    expect(are.overdue).toContain(overdue.documentId);
    expect(are.dueSoon).toContain(dueSoon.documentId);
    expect(are.new).toEqual(expect.arrayContaining([fresh.documentId, shared.documentId]));
    expect([...are.overdue, ...are.dueSoon, ...are.new]).not.toContain(regional.documentId);
    expect([...are.overdue, ...are.dueSoon, ...are.new]).not.toContain(closed.documentId);
    // Several municipalities: each sees it, the first listed is responsible.
    expect(are.all.new.find((c) => c.documentId === shared.documentId)?.responsible).toBe(false);
    const berg = await queueIds(bergGuide);
    expect(berg.new).toContain(shared.documentId);
    expect(berg.all.new.find((c) => c.documentId === shared.documentId)?.responsible).toBe(true);

    const region = await queueIds(coordinator);
    expect(region.new).toContain(regional.documentId);
    expect(region.new).not.toContain(fresh.documentId);
    // Everyone reads every queue: the municipalities share openly.
    expect((await queueIds(bergGuide, 'are')).overdue).toContain(overdue.documentId);
  });

  it('puts a contact registered through the portal in its queue with its deadline', async () => {
    const body = registration({ municipalities: ['krokom'] });
    expect((await submit(app.url, '/api/registrations', body)).status).toBe(201);
    await intakeSettled(app.strapi);
    const stored = await app.strapi.db.query(CONTACT).findOne({ where: { email: body.email } });
    const krokom = await queueIds(coordinator, 'krokom');
    expect([...krokom.dueSoon, ...krokom.new]).toContain(stored.documentId);
    const entry = [...krokom.all['due-soon'], ...krokom.all.new].find(
      (c) => c.documentId === stored.documentId,
    );
    expect(new Date((entry as unknown as { firstResponseDueAt: string }).firstResponseDueAt).getTime()).toBe(
      firstResponseDeadline(new Date(stored.createdAt)).getTime(),
    );
  });

  it('gives a contact a guide enters by hand its queue, deadline and first log line', async () => {
    const email = uniqueEmail('event');
    const res = await areGuide.fetch('/content-manager/collection-types/api::contact.contact', {
      body: {
        firstName: 'Ola',
        email,
        preferredChannel: 'phone',
        phone: '+46 70 222 33 44',
        source: 'event',
        municipalities: ['bracke', 'are'],
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const stored = await app.strapi.db.query(CONTACT).findOne({ where: { email } });
    expect(stored.assignedMunicipality).toBe('bracke');
    expect(new Date(stored.firstResponseDueAt).getTime()).toBe(
      firstResponseDeadline(new Date(stored.createdAt)).getTime(),
    );
    const log = await app.strapi.db.query(ACTIVITY).findMany({ where: { contact: { id: stored.id } } });
    expect(log.map((a: { summary: string }) => a.summary)).toEqual(['Registrerad i admin av Anna.']);
    const bracke = await queueIds(coordinator, 'bracke');
    expect([...bracke.dueSoon, ...bracke.new]).toContain(stored.documentId);
    // Bräcke's deadline runs, so Bräcke's guide is told, as of a registration (no Bräcke page
    // names a guide here: the region's address stands in).
    const [notice] = await smtp.waitFor(
      1,
      (m) =>
        m.parsed.subject?.startsWith('Ny kontakt: Ola') === true &&
        String(m.parsed.html).includes(stored.documentId),
    );
    expect(notice.envelopeTo).toEqual(['region-guide@example.se']);
  });

  it("takes a contact entered with nothing chosen, in the region's queue, and tells its guide", async () => {
    // Neither municipalities nor topics sent: the contact was stored, then the notice to the
    // region's guide read the missing lists and the save answered 500.
    const email = uniqueEmail('bare');
    const res = await areGuide.fetch('/content-manager/collection-types/api::contact.contact', {
      body: { firstName: 'Bo', email },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const stored = await app.strapi.db.query(CONTACT).findOne({ where: { email } });
    expect(stored).toMatchObject({ assignedMunicipality: 'region', municipalities: [], topics: [] });
    const [notice] = await smtp.waitFor(
      1,
      (m) =>
        m.parsed.subject?.startsWith('Ny kontakt: Bo') === true &&
        String(m.parsed.html).includes(stored.documentId),
    );
    expect(notice.parsed.text).toContain('Ingen (regionens kö)');
  });

  it("keeps a contact's id: a save that would change it is refused, and a new contact gets its own", async () => {
    const first = await areGuide.fetch('/content-manager/collection-types/api::contact.contact', {
      body: { firstName: 'Id', email: uniqueEmail('id-a'), municipalities: ['are'] },
    });
    const a = ((await first.json()) as { data: { documentId: string } }).data.documentId;
    // A new contact sent with another's id gets one of its own.
    const second = await areGuide.fetch('/content-manager/collection-types/api::contact.contact', {
      body: { firstName: 'Id', email: uniqueEmail('id-b'), municipalities: ['are'], documentId: a },
    });
    expect(second.status).toBe(201);
    const b = ((await second.json()) as { data: { documentId: string } }).data.documentId;
    expect(b).not.toBe(a);
    for (const documentId of ['hijack', a]) {
      const res = await areGuide.fetch(`/content-manager/collection-types/api::contact.contact/${b}`, {
        method: 'PUT',
        body: { documentId, occupation: 'Snickare' },
      });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as {
        error: { details: { errors: { path: string[]; message: string }[] } };
      };
      expect(error.details.errors).toEqual([
        expect.objectContaining({
          path: ['documentId'],
          message: expect.stringMatching(/^Id:t ges av systemet/),
        }),
      ]);
    }
    expect(await app.strapi.db.query(CONTACT).count({ where: { documentId: a } })).toBe(1);
    expect(await app.strapi.db.query(CONTACT).findOne({ where: { documentId: b } })).toMatchObject({
      occupation: null,
    });
    // Its own id, as a form may send it, changes nothing and the save goes through.
    const same = await areGuide.fetch(`/content-manager/collection-types/api::contact.contact/${b}`, {
      method: 'PUT',
      body: { documentId: b, occupation: 'Snickare' },
    });
    expect(same.status).toBe(200);
    expect(await app.strapi.db.query(CONTACT).findOne({ where: { documentId: b } })).toMatchObject({
      occupation: 'Snickare',
    });
  });

  it('refuses text with control characters in a save, and takes tabs and line breaks', async () => {
    const created = await areGuide.fetch('/content-manager/collection-types/api::contact.contact', {
      body: { firstName: 'Kim', email: uniqueEmail('control'), municipalities: ['are'] },
    });
    const { documentId } = ((await created.json()) as { data: { documentId: string } }).data;
    const path = `/content-manager/collection-types/api::contact.contact/${documentId}`;
    // NUL is refused by PostgreSQL (a 500) and stored as it is by SQLite.
    const refused = await areGuide.fetch(path, {
      method: 'PUT',
      body: { firstName: 'K\u0000im', occupation: 'Lärare\u0007', currentLocation: 'Oslo' },
    });
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as {
      error: { message: string; details: { errors: { path: string[] }[] } };
    };
    expect(error.message).toMatch(/^Texten innehåller osynliga styrtecken/);
    expect(error.details.errors.map((e) => e.path[0])).toEqual(['firstName', 'occupation']);
    expect(await app.strapi.db.query(CONTACT).findOne({ where: { documentId } })).toMatchObject({
      firstName: 'Kim',
      currentLocation: null,
    });
    const fine = await areGuide.fetch(path, {
      method: 'PUT',
      body: { occupation: 'Lärare\tsnickare', message: 'Rad ett\r\nRad två' },
    });
    expect(fine.status, await fine.clone().text()).toBe(200);
  });

  it('counts "due soon" in business days: a deadline two business days ahead is due soon, three is not', async () => {
    const today = stockholmDate(new Date());
    const inTwo = await contact({
      municipalities: ['ragunda'],
      dueAt: stockholmInstant(addBusinessDays(today, 2), '23:59:59.999'),
    });
    const inThree = await contact({
      municipalities: ['ragunda'],
      dueAt: stockholmInstant(addBusinessDays(today, 3), '23:59:59.999'),
    });
    const ragunda = await queueIds(coordinator, 'ragunda');
    expect(ragunda.dueSoon).toContain(inTwo.documentId);
    expect(ragunda.new).toContain(inThree.documentId);
  });

  it('refuses editors and unknown queues', async () => {
    const refused = await editor.fetch('/tasteget/queue?queue=are');
    expect(refused.status).toBe(403);
    // The reason reaches the user, in Swedish and English.
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'Du har inte behörighet till kontaktregistret. / You have no access to the contact register.',
    );
    const bad = await coordinator.fetch('/tasteget/queue?queue=stockholm');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^Okänd kö/);
    const anonymous = await fetch(`${app.url}/tasteget/queue`, { headers: { 'Accept-Language': 'sv' } });
    expect(anonymous.status).toBe(401);
    // Signed out, in the language asked for: no "Missing or invalid credentials".
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toBe(
      'Du är inte inloggad, eller så har inloggningen gått ut. Logga in igen.',
    );
  });
});

describe('the dialog log and the first response', () => {
  it('a logged call stops the clock, moves the contact to "contacted" and takes it out of the queue', async () => {
    const waiting = await contact({
      municipalities: ['are'],
      dueAt: new Date(Date.now() - DAY),
      preferredChannel: 'phone',
    });
    const res = await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'call', summary: 'Ringde och pratade om jobb inom vården.' },
    });
    expect(res.status, await res.clone().text()).toBe(201);

    const after = await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } });
    expect(after.firstRespondedAt).toBeTruthy();
    expect(after.moveStatus).toBe('contacted');
    expect(after.lastActivityAt).toBeTruthy();
    const log = await app.strapi.db.query(ACTIVITY).findMany({
      where: { contact: { id: waiting.id } },
      populate: ['performedBy'],
      orderBy: { id: 'asc' },
    });
    expect(log.map((a: { kind: string }) => a.kind)).toEqual(['call', 'system']);
    expect(log[0].performedBy.email).toBe(areGuide.email);
    expect(log[1].summary).toMatch(/^Första svar registrerat \(samtal\)/);
    expect((await queueIds(areGuide)).overdue).not.toContain(waiting.documentId);
    // The card gives the platform's own line in English too, for a user whose admin is in English;
    // what the guide wrote stays as written.
    const card = (await (await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/dialog`)).json()) as {
      data: { activities: { kind: string; summary: string; summaryEn: string | null }[] };
    };
    expect(card.data.activities.map((a) => [a.kind, a.summaryEn])).toEqual([
      ['system', 'First response logged (call); the response clock has stopped. Status New → Contacted.'],
      ['call', null],
    ]);

    // A later response does not move the first one.
    const first = after.firstRespondedAt;
    await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'email', summary: 'Skickade länkar om bostäder.' },
    });
    expect(
      (await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } })).firstRespondedAt,
    ).toEqual(first);
  });

  it('a contact card saved from a form opened before the response cannot restart the clock', async () => {
    const waiting = await contact({ municipalities: ['are'], dueAt: new Date(Date.now() + DAY) });
    const stale = await (
      await areGuide.fetch(`/content-manager/collection-types/api::contact.contact/${waiting.documentId}`)
    ).json();
    await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'email', summary: 'Svarade på mejl.' },
    });
    const answered = await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } });
    const { data } = stale as { data: Record<string, unknown> };
    const saved = await areGuide.fetch(
      `/content-manager/collection-types/api::contact.contact/${waiting.documentId}`,
      {
        method: 'PUT',
        body: { ...data, firstRespondedAt: null, moveStatus: 'new', occupation: 'Lärare' },
      },
    );
    expect(saved.status, await saved.clone().text()).toBe(200);
    const after = await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } });
    expect(after).toMatchObject({
      firstRespondedAt: answered.firstRespondedAt,
      moveStatus: 'contacted',
      occupation: 'Lärare',
    });

    // "New" chosen with the response in view, or asked for alone, is refused and said why.
    const fresh = (await (
      await areGuide.fetch(`/content-manager/collection-types/api::contact.contact/${waiting.documentId}`)
    ).json()) as { data: Record<string, unknown> };
    for (const body of [{ ...fresh.data, moveStatus: 'new' }, { moveStatus: 'new' }]) {
      const refused = await areGuide.fetch(
        `/content-manager/collection-types/api::contact.contact/${waiting.documentId}`,
        { method: 'PUT', body },
      );
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('kan inte bli Ny igen');
    }
    expect(await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } })).toMatchObject({
      moveStatus: 'contacted',
    });
  });

  it('a call logged late, dated before the first known response, becomes the first response', async () => {
    const waiting = await contact({
      municipalities: ['are'],
      dueAt: new Date(Date.now() + DAY),
      registeredAt: new Date(Date.now() - DAY),
    });
    await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'email', summary: 'Mejl.' },
    });
    const earlier = new Date(Date.now() - 2 * 3_600_000);
    await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'call', summary: 'Samtalet i förmiddags, loggat nu.', occurredAt: earlier.toISOString() },
    });
    const after = await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } });
    expect(new Date(after.firstRespondedAt).getTime()).toBe(earlier.getTime());
  });

  it('shows the contact card its dialog newest first, with who logged what', async () => {
    const waiting = await contact({
      municipalities: ['are'],
      dueAt: new Date(Date.now() + DAY),
      preferredChannel: 'phone',
    });
    await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'note', summary: 'Först' },
    });
    await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'call', summary: 'Sedan' },
    });
    const res = await bergGuide.fetch(`/tasteget/contacts/${waiting.documentId}/dialog`);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: {
        contact: Record<string, unknown>;
        activities: { kind: string; summary: string; performedBy: string | null }[];
      };
    };
    expect(data.contact).toMatchObject({
      preferredChannel: 'phone',
      phone: '070-111 22 33', // shown in the national form
      moveStatus: 'contacted',
    });
    expect(data.contact).not.toHaveProperty('id');
    expect(data.activities.map((a) => a.summary)).toEqual([
      expect.stringMatching(/^Första svar/),
      'Sedan',
      'Först',
    ]);
    expect(data.activities[1].performedBy).toBe('Anna Test');
    // Berg's guide reads Åre's contact; only Åre's guide (and the coordinator) answer and update it.
    const canWrite = async (session: typeof areGuide) =>
      (
        (await (await session.fetch(`/tasteget/contacts/${waiting.documentId}/dialog`)).json()) as {
          data: { canWrite: boolean };
        }
      ).data.canWrite;
    expect(await canWrite(bergGuide)).toBe(false);
    expect(await canWrite(areGuide)).toBe(true);
    expect(await canWrite(coordinator)).toBe(true);
    expect((await editor.fetch(`/tasteget/contacts/${waiting.documentId}/dialog`)).status).toBe(403);
    expect((await areGuide.fetch('/tasteget/contacts/nosuch/dialog')).status).toBe(404);
  });

  it('a note is bookkeeping: it does not answer the contact', async () => {
    const waiting = await contact({ municipalities: ['are'], dueAt: new Date(Date.now() + DAY) });
    const res = await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'note', summary: 'Försökte ringa, inget svar.' },
    });
    expect(res.status).toBe(201);
    const after = await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } });
    expect(after.firstRespondedAt).toBeNull();
    expect(after.moveStatus).toBe('new');
    expect(after.lastActivityAt).toBeTruthy();
  });

  it('an activity added in the Content Manager counts the same and is signed by the guide', async () => {
    const waiting = await contact({ municipalities: ['are'], dueAt: new Date(Date.now() + DAY) });
    const res = await areGuide.fetch(
      '/content-manager/collection-types/api::contact-activity.contact-activity',
      {
        body: {
          kind: 'meeting',
          summary: 'Träffades på inflyttarmässan.',
          contact: { connect: [waiting.documentId] },
        },
      },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const after = await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } });
    expect(after.firstRespondedAt).toBeTruthy();
    expect(after.moveStatus).toBe('contacted');
    const meeting = await app.strapi.db
      .query(ACTIVITY)
      .findOne({ where: { contact: { id: waiting.id }, kind: 'meeting' }, populate: ['performedBy'] });
    expect(meeting.performedBy.email).toBe(areGuide.email);
    expect(meeting.occurredAt).toBeTruthy();
  });

  it('refuses in the Content Manager an activity dated ahead, and takes a mail the household sent as no answer', async () => {
    const waiting = await contact({ municipalities: ['are'], dueAt: new Date(Date.now() + DAY) });
    const create = (body: Record<string, unknown>) =>
      areGuide.fetch('/content-manager/collection-types/api::contact-activity.contact-activity', {
        body: { ...body, contact: { connect: [waiting.documentId] } },
      });
    const ahead = await create({
      kind: 'call',
      summary: 'Ringer på fredag.',
      occurredAt: new Date(Date.now() + 3 * DAY).toISOString(),
    });
    expect(ahead.status).toBe(400);
    expect(await ahead.text()).toContain('Tiden kan inte ligga i framtiden.');
    expect(await app.strapi.db.query(ACTIVITY).count({ where: { contact: { id: waiting.id } } })).toBe(0);

    // Their mail, recorded by hand: on the card and keeping them alive, but the clock still runs.
    const theirs = await create({ kind: 'email', direction: 'in', summary: 'Hej, vi funderar på Åre.' });
    expect(theirs.status, await theirs.clone().text()).toBe(201);
    const after = await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } });
    expect(after.firstRespondedAt).toBeNull();
    expect(after.moveStatus).toBe('new');
    expect(new Date(after.lastActivityAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses an activity dated before the registration, from the card and the Content Manager alike', async () => {
    const registeredAt = new Date(Date.now() - DAY);
    const waiting = await contact({
      municipalities: ['are'],
      dueAt: new Date(Date.now() + DAY),
      registeredAt,
    });
    const before = new Date(registeredAt.getTime() - 60_000).toISOString();
    const fromCard = await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'call', summary: 'Bakåtdaterat.', occurredAt: '1900-01-01T00:00:00Z' },
    });
    expect(fromCard.status).toBe(400);
    const error = (
      (await fromCard.json()) as {
        error: { message: string; details: { errors: { path: string[] }[]; messages: { en: string } } };
      }
    ).error;
    expect(error.message).toMatch(
      /^Tiden kan inte ligga före registreringen \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}\)\./,
    );
    expect(error.details.messages.en).toMatch(/^The time cannot be before the registration/);
    expect(error.details.errors.map((e) => e.path.join('.'))).toEqual(['occurredAt']);
    const fromContentManager = await areGuide.fetch(
      '/content-manager/collection-types/api::contact-activity.contact-activity',
      {
        body: {
          kind: 'meeting',
          summary: 'Bakåtdaterat möte.',
          occurredAt: before,
          contact: { connect: [waiting.documentId] },
        },
      },
    );
    expect(fromContentManager.status).toBe(400);
    expect(await fromContentManager.text()).toContain('Tiden kan inte ligga före registreringen');
    // Nothing was stored, and the clock still runs.
    expect(await app.strapi.db.query(ACTIVITY).count({ where: { contact: { id: waiting.id } } })).toBe(0);
    expect(
      (await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } })).firstRespondedAt,
    ).toBeNull();
    // At the registration or after, it is taken.
    const after = await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: {
        kind: 'call',
        summary: 'Ringde.',
        occurredAt: new Date(registeredAt.getTime() + 60_000).toISOString(),
      },
    });
    expect(after.status).toBe(201);
  });

  it('refuses a bad activity with Swedish-first field messages, and an unknown contact with 404', async () => {
    const waiting = await contact({ municipalities: ['are'], dueAt: new Date(Date.now() + DAY) });
    const bad = await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'system', summary: '' },
    });
    expect(bad.status).toBe(400);
    const error = (
      (await bad.json()) as { error: { details: { errors: { path: string[]; message: string }[] } } }
    ).error;
    expect(error.details.errors.map((e) => e.path[0]).sort()).toEqual(['kind', 'summary']);
    expect(error.details.errors.every((e) => / \/ /.test(e.message))).toBe(true);
    const future = await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'call', summary: 'x', occurredAt: new Date(Date.now() + 2 * DAY).toISOString() },
    });
    expect(future.status).toBe(400);
    expect(await future.text()).toContain('Tiden kan inte ligga i framtiden.');
    // A time that is no time is told how to write one, not that it lies ahead.
    const notATime = await areGuide.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
      body: { kind: 'call', summary: 'x', occurredAt: 'yesterday' },
    });
    expect(notATime.status).toBe(400);
    const told = await notATime.text();
    expect(told).toContain('Ange tiden som datum och klockslag');
    expect(told).not.toContain('framtiden');
    const missing = await areGuide.fetch('/tasteget/contacts/nosuchcontact/activities', {
      body: { kind: 'call', summary: 'x' },
    });
    expect(missing.status).toBe(404);
    expect(
      (await app.strapi.db.query(CONTACT).findOne({ where: { id: waiting.id } })).firstRespondedAt,
    ).toBeNull();
    expect(
      (
        await editor.fetch(`/tasteget/contacts/${waiting.documentId}/activities`, {
          body: { kind: 'call', summary: 'x' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('move status', () => {
  const contacts = '/content-manager/collection-types/api::contact.contact';

  it('"moved" needs the municipality and the date; the change is logged', async () => {
    const household = await contact({ municipalities: ['are'], dueAt: new Date(Date.now() + DAY) });
    const save = (body: object) =>
      areGuide.fetch(`${contacts}/${household.documentId}`, { method: 'PUT', body });
    const refused = await save({ moveStatus: 'moved' });
    expect(refused.status).toBe(400);
    // Both missing: both fields are named, each with what to enter.
    const { error } = (await refused.json()) as {
      error: { message: string; details: { errors: { path: string[]; message: string }[] } };
    };
    expect(error.message).toMatch(/^2 fält behöver rättas: .* \/ 2 fields need correcting: /);
    expect(error.details.errors.map((e) => [e.path.join('.'), e.message.split(' / ')[0]])).toEqual([
      ['movedTo', 'Ange vilken kommun hushållet flyttade till.'],
      ['movedAt', 'Ange datum för flytten.'],
    ]);
    expect((await app.strapi.db.query(CONTACT).findOne({ where: { id: household.id } })).moveStatus).toBe(
      'new',
    );

    // A move is marked once it has happened: tomorrow is refused, on the field, in both languages.
    const tomorrow = addDays(stockholmDate(new Date()), 1);
    const early = await save({ moveStatus: 'moved', movedTo: 'are', movedAt: tomorrow });
    expect(early.status).toBe(400);
    const earlyError = (
      (await early.json()) as { error: { message: string; details: { errors: { path: string[] }[] } } }
    ).error;
    expect(earlyError.message).toMatch(
      /^Flyttdatumet kan inte ligga efter dagens datum.* \/ The date of the move/,
    );
    expect(earlyError.details.errors.map((e) => e.path.join('.'))).toEqual(['movedAt']);
    // Not a date, or years before the registration (a slip of the year): refused on the field.
    for (const [movedAt, message] of [
      ['not-a-date', /^Ange flyttdatumet som ÅÅÅÅ-MM-DD\. \/ Give the date/],
      ['2026-02-30', /^Ange flyttdatumet som ÅÅÅÅ-MM-DD/],
      ['1850-01-01', /^Flyttdatumet kan inte ligga mer än ett år före registreringen/],
      [addDays(stockholmDate(new Date()), -400), /mer än ett år före registreringen/],
    ] as const) {
      const refusedDate = await save({ moveStatus: 'moved', movedTo: 'are', movedAt });
      expect(refusedDate.status, movedAt).toBe(400);
      const body = (await refusedDate.json()) as {
        error: { message: string; details: { errors: { path: string[] }[] } };
      };
      expect(body.error.message, movedAt).toMatch(message);
      expect(body.error.details.errors.map((e) => e.path.join('.'))).toEqual(['movedAt']);
    }
    expect((await app.strapi.db.query(CONTACT).findOne({ where: { id: household.id } })).moveStatus).toBe(
      'new',
    );

    const saved = await save({ moveStatus: 'moved', movedTo: 'are', movedAt: '2026-10-01' });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const log = await app.strapi.db
      .query(ACTIVITY)
      .findMany({ where: { contact: { id: household.id }, kind: 'system' } });
    expect(log.map((a: { summary: string }) => a.summary).join('\n')).toMatch(/status Ny → Flyttat hit/);
    // Clearing the date of a moved household is refused too.
    expect((await save({ movedAt: null })).status).toBe(400);
  });

  it('"contacted" and "in dialog" come with a logged response, never by hand before one', async () => {
    const household = await contact({ municipalities: ['are'], dueAt: new Date(Date.now() + DAY) });
    const save = (body: object) =>
      areGuide.fetch(`${contacts}/${household.documentId}`, { method: 'PUT', body });
    const stored = async () =>
      (await app.strapi.db.query(CONTACT).findOne({ where: { id: household.id } })) as {
        moveStatus: string;
        firstRespondedAt: string | null;
      };
    for (const moveStatus of ['contacted', 'in-dialog']) {
      const refused = await save({ moveStatus });
      expect(refused.status, moveStatus).toBe(400);
      const error = (
        (await refused.json()) as { error: { message: string; details: { errors: { path: string[] }[] } } }
      ).error;
      expect(error.message).toMatch(/^Logga först ditt svar \(samtal, mejl eller möte\)/);
      expect(error.details.errors.map((e) => e.path.join('.'))).toEqual(['moveStatus']);
    }
    expect(await stored()).toMatchObject({ moveStatus: 'new', firstRespondedAt: null });

    // Logging the call answers the household and moves it on; then "in dialog" may follow.
    const call = await areGuide.fetch(`/tasteget/contacts/${household.documentId}/activities`, {
      body: { kind: 'call', summary: 'Pratade om jobb och boende.' },
    });
    expect(call.status, await call.clone().text()).toBeLessThan(300);
    expect((await stored()).moveStatus).toBe('contacted');
    expect((await save({ moveStatus: 'in-dialog' })).status).toBe(200);

    // A status stored before the rule (an import) does not block the card's other saves.
    const imported = await contact({
      municipalities: ['are'],
      dueAt: new Date(Date.now() + DAY),
      moveStatus: 'contacted',
    });
    const other = await areGuide.fetch(`${contacts}/${imported.documentId}`, {
      method: 'PUT',
      body: { moveStatus: 'contacted', occupation: 'Lärare' },
    });
    expect(other.status, await other.clone().text()).toBe(200);
  });
});

describe('roles around the workspace', () => {
  const assignments = '/content-manager/collection-types/api::guide-assignment.guide-assignment';

  it('a guide reads who works which queue but cannot change it; the coordinator can', async () => {
    expect((await areGuide.fetch(assignments)).status).toBe(200);
    const create = { queue: 'bracke', user: { connect: [{ id: areGuide.id }] } };
    expect((await areGuide.fetch(assignments, { body: create })).status).toBe(403);
    expect((await coordinator.fetch(assignments)).status).toBe(200);
    expect((await editor.fetch(assignments)).status).toBe(403);
  });

  it('nobody edits the register log; the coordinator reads it, guides do not', async () => {
    const audits = '/content-manager/collection-types/api::register-audit.register-audit';
    expect((await coordinator.fetch(audits)).status).toBe(200);
    expect(
      (
        await coordinator.fetch(audits, {
          body: { action: 'purge', rule: 'x', ranBy: 'x', ranAt: new Date() },
        })
      ).status,
    ).toBe(403);
    expect((await areGuide.fetch(audits)).status).toBe(403);
  });

  it('guides cannot run register care', async () => {
    expect((await areGuide.fetch('/tasteget/care/purge')).status).toBe(403);
    expect(
      (await areGuide.fetch('/tasteget/care/person/export', { body: { email: 'x@example.se' } })).status,
    ).toBe(403);
    expect((await areGuide.fetch('/tasteget/magazine-orders/export', { body: {} })).status).toBe(403);
  });

  it('labels the contact card in Swedish and keeps the bookkeeping fields out of hand editing', async () => {
    const res = await areGuide.fetch('/content-manager/content-types/api::contact.contact/configuration');
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: {
        contentType: {
          settings: { mainField: string };
          metadatas: Record<string, { edit: { label: string; editable: boolean; mainField?: string } }>;
        };
      };
    };
    const { metadatas, settings } = data.contentType;
    // The card's relations list entries by their titles, not their ids or a consent text's version.
    expect(metadatas.activities.edit.mainField).toBe('summary');
    expect(metadatas.newsletterSubscriptions.edit.mainField).toBe('email');
    expect(metadatas.consentRecords.edit.mainField).toBe('summary');
    expect(metadatas.firstResponseDueAt.edit).toMatchObject({ label: 'Svara senast', editable: false });
    expect(metadatas.firstRespondedAt.edit).toMatchObject({ label: 'Första svar', editable: false });
    expect(metadatas.preferredChannel.edit).toMatchObject({
      label: 'Vill bli kontaktad via',
      editable: true,
    });
    expect(settings.mainField).toBe('firstName');

    // The campaigns' list shows where each one is.
    const campaigns = (await (
      await coordinator.fetch(
        '/content-manager/content-types/api::newsletter-campaign.newsletter-campaign/configuration',
      )
    ).json()) as { data: { contentType: { layouts: { list: string[] } } } };
    expect(campaigns.data.contentType.layouts.list).toEqual(
      expect.arrayContaining(['subject', 'campaignStatus', 'sentAt']),
    );
    // The orders' list, what is new and of which edition.
    const orders = (await (
      await coordinator.fetch(
        '/content-manager/content-types/api::magazine-order.magazine-order/configuration',
      )
    ).json()) as { data: { contentType: { layouts: { list: string[] } } } };
    expect(orders.data.contentType.layouts.list).toEqual([
      'name',
      'edition',
      'quantity',
      'orderStatus',
      'createdAt',
    ]);
  });

  it('offers guides by name and queue in the pickers for a contact’s guide, searchable, to those who read the field', async () => {
    const row = await contact({ municipalities: ['are'], dueAt: new Date(Date.now() + DAY) });
    await app.strapi.db
      .query(CONTACT)
      .update({ where: { id: row.id }, data: { assignedGuide: areGuide.id } });
    type Page = {
      results: { id: number; documentId: string; firstname?: string; email?: string }[];
      pagination: { total: number };
    };
    const picker = async (s: AdminSession, query = '') => {
      const res = await s.fetch(`/content-manager/relations/${CONTACT}/assignedGuide${query}`);
      return { status: res.status, body: (await res.json()) as Page };
    };

    // Staff who work the register, named with their queue, sorted by name; no editors.
    const all = await picker(coordinator, '?pageSize=50');
    expect(all.status).toBe(200);
    const names = all.body.results.map((r) => r.firstname);
    expect(names).toEqual(
      expect.arrayContaining(['Anna Test (Åre)', 'Bo Test (Berg)', 'Cecilia Test (Regionen)']),
    );
    expect(names.some((name) => name?.startsWith('Erik'))).toBe(false);
    expect(names).toEqual([...names].sort((a, b) => a!.localeCompare(b!, 'sv')));
    // Each offer carries the e-mail the list view's filter filters by.
    expect(all.body.results.find((r) => r.id === bergGuide.id)).toMatchObject({
      firstname: 'Bo Test (Berg)',
      email: 'bo.berg@kommun.example',
    });

    // Search by name or queue, as the picker shows them; the contact's own guide is not offered again.
    expect((await picker(areGuide, '?_q=berg')).body.results.map((r) => r.id)).toEqual([bergGuide.id]);
    expect((await picker(areGuide, '?_q=BO%20te')).body.results.map((r) => r.id)).toEqual([bergGuide.id]);
    // For a saved contact, only who may answer it: its queue's guides and the coordinator.
    const forCard = await picker(coordinator, `?id=${row.documentId}&pageSize=50`);
    expect(forCard.body.results.map((r) => r.id)).not.toContain(areGuide.id);
    expect(forCard.body.results.map((r) => r.id)).not.toContain(bergGuide.id);
    expect(forCard.body.results.map((r) => r.id)).toContain(coordinator.id);
    // Paged as asked.
    const firstTwo = await picker(coordinator, '?pageSize=2&page=1');
    expect(firstTwo.body.results).toHaveLength(2);
    expect(firstTwo.body.pagination.total).toBe(all.body.results.length);

    // The current value, named the same way.
    const current = await coordinator.fetch(
      `/content-manager/relations/${CONTACT}/${row.documentId}/assignedGuide`,
    );
    expect(((await current.json()) as Page).results).toEqual([
      expect.objectContaining({ id: areGuide.id, firstname: 'Anna Test (Åre)' }),
    ]);
    // The list view's filter, by that e-mail, as a guide of another queue sends it.
    const byGuide = await bergGuide.fetch(
      `/content-manager/collection-types/${CONTACT}?${encodeURIComponent('filters[$and][0][assignedGuide][email][$eq]')}=${encodeURIComponent(areGuide.email)}`,
    );
    expect(((await byGuide.json()) as { results: { documentId: string }[] }).results).toEqual([
      expect.objectContaining({ documentId: row.documentId }),
    ]);
    // The same for who works a queue and who did an activity.
    const assignmentUsers = await coordinator.fetch(
      '/content-manager/relations/api::guide-assignment.guide-assignment/user?pageSize=50',
    );
    expect(((await assignmentUsers.json()) as Page).results.map((r) => r.firstname)).toContain(
      'Bo Test (Berg)',
    );

    // Opened from the card, a colleague's account is refused in words: accounts live in Settings.
    const account = await coordinator.fetch(
      `/content-manager/collection-types/admin::user/${all.body.results[0].documentId}`,
    );
    expect(account.status).toBe(403);
    expect(((await account.json()) as { error: { message: string } }).error.message).toMatch(
      /^Medarbetarens konto öppnas inte här: användarkonton sköter administratören under Inställningar\./,
    );
    // Who may not read the field is refused before anyone is named.
    const refused = await editor.fetch(`/content-manager/relations/${CONTACT}/assignedGuide`);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).not.toMatch(/Anna|Bo Test/);
  });

  it("refuses a responsible guide who does not work the contact's queue, also when the contact moves queue", async () => {
    const row = await contact({ municipalities: ['are'], dueAt: new Date(Date.now() + DAY) });
    const card = `/content-manager/collection-types/${CONTACT}/${row.documentId}`;
    const guideOf = async () =>
      (
        await app.strapi.db
          .query(CONTACT)
          .findOne({ where: { id: row.id }, populate: { assignedGuide: { select: ['id'] } } })
      ).assignedGuide?.id ?? null;
    const assign = (s: AdminSession, id: number, extra: Record<string, unknown> = {}) =>
      s.fetch(card, { method: 'PUT', body: { assignedGuide: { connect: [{ id }] }, ...extra } });

    // Another queue's guide could read the card but not answer it: refused on the field, nothing stored.
    const refused = await assign(coordinator, bergGuide.id);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { details: { errors: { path: string[] }[] } } };
    expect(body.error.details.errors[0].path).toEqual(['assignedGuide']);
    expect(JSON.stringify(body)).toContain('Ansvarig vägledare ska arbeta i kontaktens kö (Åre)');
    expect(JSON.stringify(body)).toContain("The responsible guide must work the contact's queue (Åre)");
    expect(await guideOf()).toBeNull();

    // The queue's guide, and the coordinator, may be.
    expect((await assign(areGuide, areGuide.id)).status).toBe(200);
    expect(await guideOf()).toBe(areGuide.id);
    // Moved to Berg with Åre's guide kept: refused until a guide there (or none) is chosen.
    const moved = await coordinator.fetch(card, {
      method: 'PUT',
      body: { municipalities: ['berg'], assignedMunicipality: 'berg' },
    });
    expect(moved.status).toBe(400);
    expect(await moved.text()).toContain('kontaktens kö (Berg)');
    expect(await app.strapi.db.query(CONTACT).findOne({ where: { id: row.id } })).toMatchObject({
      assignedMunicipality: 'are',
    });
    expect(
      (await assign(coordinator, bergGuide.id, { municipalities: ['berg'], assignedMunicipality: 'berg' }))
        .status,
    ).toBe(200);
    expect(await guideOf()).toBe(bergGuide.id);
    expect((await assign(coordinator, coordinator.id)).status).toBe(200);
    expect(await guideOf()).toBe(coordinator.id);
  });

  it('finds contacts by a phone filter typed any way, whole or in part', async () => {
    const row = await contact({ municipalities: ['berg'], dueAt: new Date(Date.now() + DAY) });
    await app.strapi.db.query(CONTACT).update({ where: { id: row.id }, data: { phone: '+46705550142' } });
    const cases: [string, string][] = [
      ['$eq', '070-555 01 42'],
      ['$eq', '+46 70 555 01 42'],
      ['$containsi', '555 01'],
      ['$startsWith', '070-55'],
      ['$endsWith', '01 42'],
      // A part starting with 0 inside the number, not its national prefix.
      ['$containsi', '0142'],
      ['$containsi', '01 42'],
      // "Is" a part, which no whole number equals, is read as "contains" it.
      ['$eq', '555 01 42'],
    ];
    for (const [operator, typed] of cases) {
      const filter = encodeURIComponent(`filters[$and][0][phone][${operator}]`);
      const res = await bergGuide.fetch(
        `/content-manager/collection-types/${CONTACT}?${filter}=${encodeURIComponent(typed)}`,
      );
      const body = (await res.json()) as { results: { documentId: string }[] };
      expect(
        body.results.map((r) => r.documentId),
        `${operator} ${typed}`,
      ).toEqual([row.documentId]);
    }
  });

  it('tells the admin UI which queue a user works', async () => {
    const me = async (s: AdminSession) =>
      ((await (await s.fetch('/tasteget/me')).json()) as { data: unknown }).data;
    expect(await me(areGuide)).toEqual({ queue: 'are', caresForRegister: false });
    expect(await me(coordinator)).toEqual({ queue: 'region', caresForRegister: true });
  });
});

describe('daily reminder', () => {
  it('is scheduled at 07:00 Stockholm time; the yearly purge only when switched on', () => {
    const jobs = (
      app.strapi.cron as unknown as { jobs: { name: string; options: { rule: string; tz: string } }[] }
    ).jobs;
    expect(jobs.find((j) => j.name === 'guideReminders')?.options).toEqual({
      rule: '0 7 * * *',
      tz: 'Europe/Stockholm',
    });
    expect(jobs.map((j) => j.name)).not.toContain('registerPurge');
  });

  it('mails each guide their due and overdue contacts once a day, and nothing to those with nothing due', async () => {
    const { sendDailyReminders } = await import('../../cms/src/workspace/reminders');
    const now = new Date();
    // Answer everything still waiting from the tests above, so this test knows the whole picture.
    await app.strapi.db
      .query(CONTACT)
      .updateMany({ where: { firstRespondedAt: null }, data: { firstRespondedAt: now } });
    const lateAre = await contact({
      municipalities: ['are'],
      dueAt: new Date(now.getTime() - 3 * DAY),
      firstName: 'Sen',
      preferredChannel: 'phone',
    });
    const todayAre = await contact({
      municipalities: ['are', 'berg'],
      dueAt: new Date(
        Math.min(now.getTime() + 60_000, stockholmInstant(stockholmDate(now), '23:59:59.000').getTime()),
      ),
      firstName: 'Idag',
    });
    const laterAre = await contact({
      municipalities: ['are'],
      dueAt: new Date(now.getTime() + 5 * DAY),
      firstName: 'Senare',
    });
    const lateRegion = await contact({ dueAt: new Date(now.getTime() - DAY), firstName: 'Regional' });
    const before = smtp.mails.length;

    expect(await sendDailyReminders(app.strapi, now)).toBe(2);
    const mails = (await smtp.waitFor(before + 2)).slice(before);
    const to = (address: string) => mails.filter((m) => m.envelopeTo.includes(address));
    expect(mails).toHaveLength(2);
    const [are] = to(areGuide.email);
    expect(are.parsed.subject).toBe('Påminnelse: 2 kontakter att svara i dag (Åres kö)');
    expect(are.parsed.html).toContain('Sen Person');
    expect(are.parsed.text).toContain('FÖRSENAD');
    expect(are.parsed.html).toContain('Ring 070-111 22 33');
    expect(are.parsed.html).toContain('Idag Person');
    expect(are.parsed.text).toContain(lateAre.documentId);
    expect(are.parsed.text).toContain(todayAre.documentId);
    expect(are.parsed.text).not.toContain(laterAre.documentId);
    const [region] = to(coordinator.email);
    expect(region.parsed.text).toContain(lateRegion.documentId);
    // Bo (Berg) is interested in "Idag" but not responsible: no mail.
    expect(to(bergGuide.email)).toHaveLength(0);

    // Once a day, whichever process the cron fires in.
    expect(await sendDailyReminders(app.strapi, now)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails.length).toBe(before + 2);
  });
});

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { firstResponseDeadline } from '@tasteget/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeOfReply, type ContactRow } from '../../cms/src/inbound/outcomes';
import { kpiReport } from '../../cms/src/workspace/kpis';
import { adminSession, type AdminSession } from '../support/admin';
import { startIntakeCms } from '../support/fixtures';
import { CMS_DIR } from '../support/paths';
import { registration, uniqueEmail } from '../support/portal';
import { sampleDocument } from '../support/sample-data';
import type { TestStrapi } from '../support/strapi';

/**
 * Register care and reporting over the real admin API: KPIs against a register with known
 * answers, the quarterly report, the yearly purge (dry run = purge), a person's export and erasure,
 * and the magazine orders for the distributor.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let app: TestStrapi;
let coordinator: AdminSession;
let guide: AdminSession;

const CONTACT = 'api::contact.contact';
const ACTIVITY = 'api::contact-activity.contact-activity';
const ORDER = 'api::magazine-order.magazine-order';
const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';
const DELIVERY = 'api::newsletter-delivery.newsletter-delivery';
const OUTBOX = 'api::outbox-message.outbox-message';
const NETWORK = 'api::network-contact.network-contact';
const SUPPRESSION = 'api::mail-suppression.mail-suppression';
const HOUR = 3_600_000;
const YEAR = 365 * 24 * HOUR;

beforeAll(async () => {
  cms = await startIntakeCms();
  ({ app } = cms);
  coordinator = await adminSession(app.strapi, app.url, 'coordinator', 'cecilia@region.example', 'Cecilia');
  guide = await adminSession(app.strapi, app.url, 'guide', 'anna@kommun.example', 'Anna');
});
afterAll(async () => {
  await cms?.stop();
});

/** Writes timestamps the register normally sets itself (createdAt, lastActivityAt, updatedAt). */
async function backdate(uid: string, id: number, data: Record<string, unknown>) {
  const table = app.strapi.db.metadata.get(uid).tableName;
  const columns = Object.fromEntries(
    Object.entries(data).map(([field, value]) => [
      (app.strapi.db.metadata.get(uid).attributes[field] as { columnName?: string }).columnName ?? field,
      value,
    ]),
  );
  await app.strapi.db.connection(table).where({ id }).update(columns);
}

async function contact(fields: Record<string, unknown> & { createdAt?: Date }) {
  const { createdAt, ...rest } = fields;
  const municipalities = (rest.municipalities as string[] | undefined) ?? [];
  const created = (await app.strapi.db.query(CONTACT).create({
    data: {
      firstName: 'Test',
      lastName: 'Person',
      email: uniqueEmail('care'),
      preferredChannel: 'email',
      topics: [],
      source: 'portal',
      language: 'sv',
      moveStatus: 'new',
      assignedMunicipality: municipalities[0] ?? 'region',
      publishedAt: new Date(),
      ...rest,
      municipalities,
    },
  })) as { id: number; documentId: string; email: string };
  if (createdAt) await backdate(CONTACT, created.id, { createdAt });
  return created;
}

async function order(fields: {
  email: string;
  name?: string;
  city?: string;
  contact?: number;
  createdAt?: Date;
}) {
  const edition = await app.strapi.db
    .query('api::magazine-edition.magazine-edition')
    .findOne({ where: { year: 2026 } });
  const created = (await app.strapi.documents(ORDER).create({
    data: {
      name: fields.name ?? 'Erik Svensson',
      email: fields.email,
      address: {
        street: 'Storgatan 1',
        postalCode: '831 30',
        city: fields.city ?? 'Östersund',
        country: 'SE',
      },
      edition: edition.documentId,
      quantity: 2,
      language: 'sv',
      orderStatus: 'new',
      ...(fields.contact ? { contact: fields.contact } : {}),
    },
  } as never)) as unknown as { id: number; documentId: string };
  if (fields.createdAt) await backdate(ORDER, created.id, { createdAt: fields.createdAt });
  return created;
}

async function subscription(fields: Record<string, unknown>) {
  return (await app.strapi.db.query(SUBSCRIPTION).create({
    data: {
      email: uniqueEmail('sub'),
      language: 'sv',
      interests: [],
      municipalities: [],
      publishedAt: new Date(),
      ...fields,
    },
  })) as { id: number; email: string };
}

const json = async <T>(res: Response) => {
  expect(res.status, res.status >= 300 ? await res.clone().text() : '').toBeLessThan(300);
  return ((await res.json()) as { data: T }).data;
};

describe('KPIs and the quarterly report', () => {
  beforeAll(async () => {
    const at = (iso: string) => new Date(iso);
    const answered = async (iso: string, afterHours: number | 'late', municipalities: string[]) => {
      const createdAt = at(iso);
      const due = firstResponseDeadline(createdAt);
      const respondedAt =
        afterHours === 'late'
          ? new Date(due.getTime() + 24 * HOUR)
          : new Date(createdAt.getTime() + afterHours * HOUR);
      return contact({
        municipalities,
        createdAt,
        firstResponseDueAt: due,
        firstRespondedAt: respondedAt,
        moveStatus: 'contacted',
      });
    };
    const a1 = await answered('2026-01-12T09:00:00Z', 24, ['are']);
    await app.strapi.db
      .query(CONTACT)
      .update({ where: { id: a1.id }, data: { countyTie: 'lived-here-before' } });
    await answered('2026-02-02T09:00:00Z', 48, ['are', 'berg']);
    await answered('2026-03-02T09:00:00Z', 'late', ['are']);
    const lateUnanswered = at('2026-03-10T09:00:00Z');
    await contact({
      municipalities: ['ostersund'],
      createdAt: lateUnanswered,
      firstResponseDueAt: firstResponseDeadline(lateUnanswered),
    });
    const april = at('2026-04-15T09:00:00Z');
    await contact({
      municipalities: ['ostersund'],
      createdAt: april,
      firstResponseDueAt: firstResponseDeadline(april),
    });
    await contact({
      municipalities: ['are'],
      createdAt: at('2025-06-01T09:00:00Z'),
      moveStatus: 'moved',
      movedTo: 'are',
      movedAt: '2026-02-10',
      countyTie: 'seasonal',
    });
    await contact({
      municipalities: ['krokom'],
      createdAt: at('2025-06-01T09:00:00Z'),
      moveStatus: 'moved',
      movedTo: 'krokom',
      movedAt: '2026-04-01',
    });

    await order({ email: a1.email, contact: a1.id, createdAt: at('2026-01-20T10:00:00Z') });
    await order({ email: uniqueEmail('reader'), createdAt: at('2026-03-31T21:00:00Z') }); // 23:00 Stockholm: still Q1
    await order({ email: uniqueEmail('reader'), createdAt: at('2026-03-31T22:30:00Z') }); // 00:30 on 1 April in Stockholm

    await subscription({
      subscriptionStatus: 'confirmed',
      confirmedAt: at('2026-01-05T10:00:00Z'),
      municipalities: ['are', 'berg'],
    });
    await subscription({
      subscriptionStatus: 'unsubscribed',
      confirmedAt: at('2026-02-01T10:00:00Z'),
      unsubscribedAt: at('2026-03-01T10:00:00Z'),
    });
    await subscription({ subscriptionStatus: 'confirmed', confirmedAt: at('2026-03-15T10:00:00Z') });
    await subscription({ subscriptionStatus: 'pending' });
  });

  type Row = {
    queue: string;
    registered: number;
    moved: number;
    magazineOrders: number;
    confirmedSubscribers: number;
    settled: number;
    answeredInTime: number;
    shareAnsweredInTime: number | null;
    medianFirstResponseHours: number | null;
  };
  const q1 = async () => {
    const data = await json<{ rows: Row[] }>(
      await guide.fetch('/tasteget/kpis?from=2026-01-01&to=2026-03-31'),
    );
    return Object.fromEntries(data.rows.map((r) => [r.queue, r]));
  };

  it('counts registered and moved households, orders, subscribers and response times per municipality', async () => {
    const rows = await q1();
    const lateHours =
      Math.round(
        ((firstResponseDeadline(new Date('2026-03-02T09:00:00Z')).getTime() +
          24 * HOUR -
          Date.parse('2026-03-02T09:00:00Z')) /
          HOUR) *
          10,
      ) / 10;
    expect(lateHours).toBeGreaterThan(48);
    expect(rows.are).toEqual({
      queue: 'are',
      registered: 3,
      moved: 1,
      magazineOrders: 1,
      confirmedSubscribers: 1,
      settled: 3,
      answeredInTime: 2,
      shareAnsweredInTime: 2 / 3,
      medianFirstResponseHours: 48,
    });
    expect(rows.ostersund).toMatchObject({
      registered: 1,
      settled: 1,
      answeredInTime: 0,
      shareAnsweredInTime: 0,
      medianFirstResponseHours: null,
    });
    expect(rows.berg).toMatchObject({ registered: 0, confirmedSubscribers: 1, shareAnsweredInTime: null });
    expect(rows.krokom).toMatchObject({ moved: 0 });
    expect(rows.region).toMatchObject({ registered: 0, magazineOrders: 1, confirmedSubscribers: 1 });
    expect(rows.total).toEqual({
      queue: 'total',
      registered: 4,
      moved: 1,
      magazineOrders: 2,
      confirmedSubscribers: 2,
      settled: 4,
      answeredInTime: 2,
      shareAnsweredInTime: 0.5,
      medianFirstResponseHours: 48,
    });
    const q2 = await json<{ rows: Row[] }>(await guide.fetch('/tasteget/kpis?from=2026-04-01&to=2026-06-30'));
    const q2Total = q2.rows.find((r) => r.queue === 'total')!;
    expect(q2Total).toMatchObject({
      registered: 1,
      moved: 1,
      magazineOrders: 1,
      settled: 1,
      answeredInTime: 0,
    });
  });

  it('leaves a household whose deadline has not yet passed out of the response share', async () => {
    const report = await kpiReport(
      app.strapi,
      { from: '2026-03-01', to: '2026-03-31' },
      new Date('2026-03-12T09:00:00Z'),
    );
    const ostersund = report.rows.find((r) => r.queue === 'ostersund')!;
    expect(ostersund).toMatchObject({ registered: 1, settled: 0, shareAnsweredInTime: null });
  });

  it('counts no missed answer for a contact closed unanswered before its deadline, and keeps when the work ended', async () => {
    // The status change stamps when the work ended, through the real admin API, and leaving a
    // closed status clears it.
    const ended = await contact({
      municipalities: ['krokom'],
      firstResponseDueAt: new Date(Date.now() + 99 * HOUR),
    });
    const card = `/content-manager/collection-types/${CONTACT}/${ended.documentId}`;
    const closedAt = async () =>
      (await app.strapi.db.query(CONTACT).findOne({ where: { id: ended.id } })).closedAt as string | null;
    const before = Date.now();
    expect(
      (await coordinator.fetch(card, { method: 'PUT', body: { moveStatus: 'not-moving' } })).status,
    ).toBe(200);
    const stamped = new Date((await closedAt())!).getTime();
    expect(stamped).toBeGreaterThanOrEqual(before - 1000);
    expect(stamped).toBeLessThanOrEqual(Date.now());
    // Closed another way, it ended when it first did; a form's stale copy changes nothing.
    expect(
      (await coordinator.fetch(card, { method: 'PUT', body: { moveStatus: 'closed', closedAt: null } }))
        .status,
    ).toBe(200);
    expect(new Date((await closedAt())!).getTime()).toBe(stamped);
    expect((await coordinator.fetch(card, { method: 'PUT', body: { moveStatus: 'new' } })).status).toBe(200);
    expect(await closedAt()).toBeNull();

    // The third quarter, in Krokom: closed unanswered before the deadline (not settled), closed
    // unanswered after it (late), and open past it (late).
    const july = new Date('2026-07-06T09:00:00Z');
    const due = firstResponseDeadline(july);
    for (const closed of [new Date(july.getTime() + 2 * HOUR), new Date(due.getTime() + 24 * HOUR), null]) {
      await contact({
        municipalities: ['krokom'],
        createdAt: july,
        firstResponseDueAt: due,
        ...(closed ? { moveStatus: 'not-moving', closedAt: closed } : {}),
      });
    }
    const q3 = await json<{ rows: Row[] }>(await guide.fetch('/tasteget/kpis?from=2026-07-01&to=2026-09-30'));
    expect(q3.rows.find((r) => r.queue === 'krokom')).toMatchObject({
      registered: 3,
      settled: 2,
      answeredInTime: 0,
      shareAnsweredInTime: 0,
    });
  });

  it('refuses a bad period with Swedish-first messages', async () => {
    const res = await guide.fetch('/tasteget/kpis?from=2026-03-31&to=2026-01-01');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Periodens början/);
    expect((await guide.fetch('/tasteget/kpis?from=igår&to=2026-01-01')).status).toBe(400);
  });

  it('gives the quarterly report as CSV for Excel and as a printable page', async () => {
    const csvRes = await coordinator.fetch('/tasteget/reports/quarterly?year=2026&quarter=1&format=csv');
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csvRes.headers.get('content-disposition')).toBe('attachment; filename="ta-steget-2026-q1.csv"');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csvRes.arrayBuffer());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^Kö \/ Queue;Registrerade hushåll/);
    // The queues, a blank line, then the households by their tie to the county.
    expect(lines).toHaveLength(1 + 8 + 1 + 1 + 1 + 1 + 5);
    // The share beside what it is a share of; hours always with their one decimal.
    expect(lines).toContain('Åre;3;1;1;1;2;3;66,7 %;48,0');
    expect(lines[10]).toBe('Hela länet / Whole county;4;1;2;2;2;4;50 %;48,0');
    expect(lines.slice(12)).toEqual([
      'Band till länet / Tie to the county;Registrerade hushåll / Registered households;Inflyttade hushåll / Households moved here',
      'Ingen / None;0;0',
      'Har bott här tidigare / Lived here before;1;0',
      'Har familj här / Family here;0;0',
      'Säsongsboende eller fritidshus / Seasonal or second home;0;1',
      'Inte angivet / Not told;3;0',
    ]);

    const asked = new Date();
    const page = await coordinator.fetch('/tasteget/reports/quarterly?year=2026&quarter=1&format=html');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<title>Ta Steget – rapport 2026-01-01–2026-03-31</title>');
    expect(html).toContain('<th scope="row">Östersund</th>');
    expect(html).toContain('@media print');
    // Made now, in the reader's (Stockholm's) time: the minute the page was asked for, or the next.
    const stockholm = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      dateStyle: 'short',
      timeStyle: 'short',
    });
    const made = /Skapad (\d{4}-\d\d-\d\d \d\d:\d\d) \(svensk tid\)/.exec(html)?.[1];
    expect([stockholm.format(asked), stockholm.format(new Date(asked.getTime() + 60_000))]).toContain(made);
    expect((await coordinator.fetch('/tasteget/reports/quarterly?year=2026&quarter=5')).status).toBe(400);
    // A year out of range is told as such, not as a missing year.
    const early = await coordinator.fetch('/tasteget/reports/quarterly?year=1999&quarter=1');
    expect(early.status).toBe(400);
    expect(JSON.stringify(await early.json())).toContain('Ange ett år från 2000 till 2100.');
    const noQuarter = await coordinator.fetch('/tasteget/reports/quarterly?year=2026');
    expect(noQuarter.status).toBe(400);
    expect(JSON.stringify(await noQuarter.json())).toContain('Ange kvartal 1–4.');
  });
});

describe('yearly purge', () => {
  let stale: { id: number; documentId: string; email: string };
  let networked: { id: number; documentId: string; email: string };
  let kept: { id: number; documentId: string; email: string };
  let subscriber: { id: number; email: string };
  let recent: { id: number };

  beforeAll(async () => {
    const sixYearsAgo = new Date(Date.now() - 6 * YEAR);
    stale = await contact({ municipalities: ['berg'] });
    await backdate(CONTACT, stale.id, { lastActivityAt: sixYearsAgo, updatedAt: sixYearsAgo });
    for (const summary of ['Samtal om jobb', 'Mejl om bostad']) {
      await app.strapi.db.query(ACTIVITY).create({
        data: {
          contact: stale.id,
          kind: 'call',
          summary,
          occurredAt: sixYearsAgo,
          publishedAt: sixYearsAgo,
        },
      });
    }
    await order({ email: stale.email, contact: stale.id });
    await app.strapi.db.query(DELIVERY).create({
      data: {
        email: stale.email,
        deliveryKey: `old:${stale.email}`,
        deliveryStatus: 'sent',
        publishedAt: sixYearsAgo,
      },
    });
    await app.strapi.db.query(OUTBOX).create({
      data: {
        kind: 'receipt',
        to: stale.email,
        subject: 'Tack',
        html: '<p>Tack</p>',
        text: 'Tack',
        sendStatus: 'sent',
        attempts: 1,
        nextAttemptAt: sixYearsAgo,
        contact: stale.id,
        publishedAt: sixYearsAgo,
      },
    });

    // An ambassador who once registered to move: the mover's card goes, the network card and what
    // the address holds (a suppression) stay.
    networked = await contact({ municipalities: ['are'] });
    await backdate(CONTACT, networked.id, { lastActivityAt: sixYearsAgo, updatedAt: sixYearsAgo });
    await app.strapi.db.query(NETWORK).create({
      data: { kind: 'ambassador', name: 'Nora Nätverk', email: networked.email, language: 'sv' },
    });
    await app.strapi.db.query(SUPPRESSION).create({
      data: { email: networked.email, active: true, reason: 'manual', suppressedAt: new Date() },
    });

    kept = await contact({ municipalities: ['berg'] });
    await backdate(CONTACT, kept.id, { lastActivityAt: sixYearsAgo, updatedAt: sixYearsAgo });
    subscriber = await subscription({
      email: kept.email,
      subscriptionStatus: 'confirmed',
      confirmedAt: sixYearsAgo,
      contact: kept.id,
      unsubscribeToken: 'care-kept-subscriber-leaves-after-six-years',
    });
    recent = await contact({ municipalities: ['berg'], lastActivityAt: new Date(Date.now() - 4 * YEAR) });
  });

  const countRows = async () => ({
    contacts: await app.strapi.db.query(CONTACT).count({}),
    addresses: Number(
      (await app.strapi.db.connection('components_register_postal_addresss').count({ n: '*' }))[0].n,
    ),
  });

  it('lists in a dry run exactly what the purge then removes, keeps subscribers, and writes an anonymous audit line', async () => {
    const dry = await json<{
      candidates: { documentId: string; firstName: string }[];
      counts: Record<string, number>;
    }>(await coordinator.fetch('/tasteget/care/purge'));
    expect(dry.candidates.map((c) => c.documentId)).toEqual([stale.documentId, networked.documentId]);
    expect(dry.counts).toEqual({
      contacts: 2,
      activities: 2,
      magazineOrders: 1,
      newsletterSubscriptions: 0,
      newsletterDeliveries: 1,
      outboxMessages: 1,
      consentRecords: 0,
      inboundMessages: 0,
      eventRegistrations: 0,
      networkContacts: 0,
      suppressions: 0,
    });

    // The command line tells the same.
    const cli = await promisify(execFile)(
      process.execPath,
      [path.join(CMS_DIR, 'scripts', 'register-purge.js'), '--dry-run'],
      {
        env: {
          ...process.env,
          ...app.database.env,
          NODE_ENV: 'test',
          PORT: '0',
          STRAPI_TELEMETRY_DISABLED: 'true',
        },
      },
    );
    expect(cli.stdout).toContain('Provkörning / dry run: 2 kontakter');
    expect(cli.stdout).toContain(stale.documentId);
    expect(cli.stdout).not.toContain(stale.email);

    const before = await countRows();
    expect((await coordinator.fetch('/tasteget/care/purge', { body: {} })).status).toBe(400);
    const done = await json<{ candidates: number; counts: Record<string, number> }>(
      await coordinator.fetch('/tasteget/care/purge', { body: { confirm: true } }),
    );
    expect(done.candidates).toBe(2);
    expect(done.counts).toEqual(dry.counts);
    const after = await countRows();
    expect(after.contacts).toBe(before.contacts - 2);
    expect(after.addresses).toBe(before.addresses - 1);
    expect(await app.strapi.db.query(CONTACT).findOne({ where: { id: stale.id } })).toBeNull();
    expect(
      await app.strapi.db
        .query(ACTIVITY)
        .count({ where: { summary: { $in: ['Samtal om jobb', 'Mejl om bostad'] } } }),
    ).toBe(0);
    expect(await app.strapi.db.query(DELIVERY).count({ where: { email: stale.email } })).toBe(0);
    expect(await app.strapi.db.query(OUTBOX).count({ where: { to: stale.email } })).toBe(0);
    expect(await app.strapi.db.query(ORDER).count({ where: { email: stale.email } })).toBe(0);
    expect(await app.strapi.db.query(SUBSCRIPTION).findOne({ where: { id: subscriber.id } })).not.toBeNull();
    expect(await app.strapi.db.query(CONTACT).findOne({ where: { email: subscriber.email } })).not.toBeNull();
    expect(await app.strapi.db.query(CONTACT).findOne({ where: { id: recent.id } })).not.toBeNull();
    expect(await app.strapi.db.query(CONTACT).findOne({ where: { id: networked.id } })).toBeNull();
    expect(await app.strapi.db.query(NETWORK).count({ where: { email: networked.email } })).toBe(1);
    expect(await app.strapi.db.query(SUPPRESSION).count({ where: { email: networked.email } })).toBe(1);

    const audit = await app.strapi.db
      .query('api::register-audit.register-audit')
      .findMany({ where: { action: 'purge' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ ranBy: 'Cecilia Test', counts: expect.objectContaining(dry.counts) });
    expect(audit[0].counts.rules['inactive-contacts']).toEqual(dry.counts);
    expect(audit[0].rule).toMatch(/^Gallringsbeslut/);
    expect(JSON.stringify(audit)).not.toContain(stale.email);

    // Nothing is left to purge.
    expect(
      (await json<{ candidates: unknown[] }>(await coordinator.fetch('/tasteget/care/purge'))).candidates,
    ).toEqual([]);
  });

  it('runs as a scheduled job once a year, however many processes fire it', async () => {
    const { scheduledPurge, SCHEDULED_RUN_BY } = await import('../../cms/src/workspace/care/schedule');
    const now = new Date();
    expect(await scheduledPurge(app.strapi, now)).toMatchObject({ dryRun: false, candidates: [] });
    expect(await scheduledPurge(app.strapi, now)).toBeNull();
    const audit = await app.strapi.db
      .query('api::register-audit.register-audit')
      .findMany({ where: { ranBy: SCHEDULED_RUN_BY } });
    expect(audit).toHaveLength(1);
    // A year is Stockholm's: a run at midnight on New Year's Day (23:00 UTC the day before) is the
    // new year's, and the same year's later run finds it claimed.
    expect(await scheduledPurge(app.strapi, new Date('2030-12-31T23:30:00Z'))).not.toBeNull();
    expect(await scheduledPurge(app.strapi, new Date('2031-06-01T10:00:00Z'))).toBeNull();
  });

  it('keeps a subscriber past five years only until they unsubscribe: leaving is no activity', async () => {
    const left = await fetch(
      `${app.url}/api/newsletter/unsubscribe?token=care-kept-subscriber-leaves-after-six-years`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      },
    );
    expect(left.status).toBe(200);
    const card = await app.strapi.db
      .query(CONTACT)
      .findOne({ where: { id: kept.id }, populate: ['activities'] });
    // Logged on the card, with the clock where it was.
    expect(JSON.stringify(card.activities)).toContain('Avslutade prenumerationen');
    expect(new Date(card.lastActivityAt).getTime()).toBeLessThan(Date.now() - 5 * YEAR);
    const dry = await json<{ candidates: { documentId: string }[] }>(
      await coordinator.fetch('/tasteget/care/purge'),
    );
    expect(dry.candidates.map((c) => c.documentId)).toEqual([kept.documentId]);
  });
});

/** Every row of every table that mentions `needle`: what erasure must leave empty. */
async function rowsMentioning(needle: string): Promise<string[]> {
  const knex = app.strapi.db.connection;
  const tables: string[] =
    app.strapi.db.dialect.client === 'postgres'
      ? (await knex.raw("select tablename as name from pg_tables where schemaname = 'public'")).rows.map(
          (r: { name: string }) => r.name,
        )
      : (await knex.raw("select name from sqlite_master where type = 'table'")).map(
          (r: { name: string }) => r.name,
        );
  const found: string[] = [];
  for (const table of tables) {
    for (const row of await knex(table).select('*')) {
      if (JSON.stringify(row).toLowerCase().includes(needle)) found.push(table);
    }
  }
  return found;
}

describe("a person's data", () => {
  let email: string;
  const errorOf = async (res: Response) => {
    expect(res.status).toBe(400);
    return ((await res.json()) as { error: { message: string } }).error.message;
  };

  beforeAll(async () => {
    email = uniqueEmail('rights');
    const person = await contact({ municipalities: ['are'], email, message: 'Vi vill bo nära fjällen.' });
    await app.strapi.db.query(ACTIVITY).create({
      data: {
        contact: person.id,
        kind: 'call',
        summary: 'Pratade om skolor',
        occurredAt: new Date(),
        // A conversation Message-ID carries the reply address's signature.
        messageId: '<c.abc123.bcdefghijklmnopqrstu.k3j2@inbound.tasteget.local>',
        publishedAt: new Date(),
      },
    });
    await order({ email, contact: person.id });
    await subscription({
      email,
      contact: person.id,
      subscriptionStatus: 'unsubscribed',
      confirmToken: 'secret-token-1',
      unsubscribeToken: 'secret-token-2',
      statusLog: [
        {
          at: '2026-03-15T10:00:00.000Z',
          from: 'confirmed',
          to: 'unsubscribed',
          reason: 'Bad per telefon att slippa brevet',
          by: 'Sam Samordnare',
        },
      ],
    });
    await app.strapi.db.query(DELIVERY).create({
      data: { email, deliveryKey: `c1:${email}`, deliveryStatus: 'sent', publishedAt: new Date() },
    });
    await app.strapi.db.query('api::consent-record.consent-record').create({
      data: {
        summary: 'Kontakt: givet via formulär',
        kind: 'contact',
        event: 'given',
        at: new Date(),
        source: 'form',
        email,
        contact: person.id,
        publishedAt: new Date(),
      },
    });
    // A lifted block, with the coordinator's reason naming the person's call.
    await app.strapi.db.query('api::mail-suppression.mail-suppression').create({
      data: {
        email,
        active: false,
        reason: 'hard-bounce',
        history: [
          { at: new Date().toISOString(), event: 'lifted', note: 'Personen ringde, adressen fungerar igen' },
        ],
        publishedAt: new Date(),
      },
    });
    await app.strapi.db.query(OUTBOX).create({
      data: {
        kind: 'receipt',
        to: email,
        subject: 'Tack',
        html: '<p>Tack</p><a href="http://127.0.0.1:1337/api/newsletter/confirm?token=live-token-3">Bekräfta</a>',
        text: 'Tack\n\nBekräfta [http://127.0.0.1:1337/api/newsletter/confirm?token=live-token-3]',
        replyTo: 'svar+abc123.abcdefghijklmnopqrst@inbound.tasteget.local',
        sendStatus: 'sent',
        attempts: 1,
        nextAttemptAt: new Date(),
        publishedAt: new Date(),
      },
    });
  });

  it('exports everything linked to the e-mail as JSON, without our secrets, and logs it anonymously', async () => {
    const res = await coordinator.fetch('/tasteget/care/person/export', {
      body: { email: `  ${email.toUpperCase()} ` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="personuppgifter.json"');
    const data = (await res.json()) as Record<string, { email?: string; summary?: string }[]>;
    expect(data.contacts).toHaveLength(1);
    expect(data.activities.map((a) => a.summary)).toEqual(['Pratade om skolor']);
    expect(data.magazineOrders).toHaveLength(1);
    expect(data.newsletterSubscriptions).toHaveLength(1);
    expect(data.newsletterDeliveries).toHaveLength(1);
    expect(data.outboxMessages).toHaveLength(1);
    expect(data.consentRecords).toHaveLength(1);
    expect(data.suppressions).toMatchObject([{ email, active: false }]);
    expect(JSON.stringify(data)).not.toContain('secret-token');
    // The mail as the person got it, without the tokens in its links and reply address.
    const [mail] = data.outboxMessages as unknown as Record<string, string>[];
    expect(mail.text).toBe(
      'Tack\n\nBekräfta [http://127.0.0.1:1337/api/newsletter/confirm?token=[borttagen]]',
    );
    expect(mail.replyTo).toBe('svar+abc123.[borttagen]@inbound.tasteget.local');
    expect(mail).not.toHaveProperty('html');
    expect(JSON.stringify(data)).not.toContain('live-token');
    expect(JSON.stringify(data)).not.toContain('abcdefghijklmnopqrst');
    expect((data.activities[0] as unknown as { messageId: string }).messageId).toBe(
      '<c.abc123.[borttagen].k3j2@inbound.tasteget.local>',
    );
    expect(JSON.stringify(data)).not.toContain('bcdefghijklmnopqrstu');
    const audit = await app.strapi.db
      .query('api::register-audit.register-audit')
      .findOne({ where: { action: 'person-export' } });
    expect(audit.counts).toMatchObject({ contacts: 1, activities: 1 });
    expect(JSON.stringify(audit)).not.toContain(email);
  });

  it('gives the person a copy to read: every kind of record, fields named and values in words, in their language', async () => {
    const res = await coordinator.fetch('/tasteget/care/person/export', {
      body: { email, format: 'html' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="personuppgifter.html"');
    const page = await res.text();
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain(`allt som Ta Stegets register har om e-postadressen ${email}`);
    // A section per kind of record, with its count; an empty kind says so.
    expect(page).toContain('<h2>Kontaktkort (1)</h2>');
    expect(page).toContain('<h2>Dialog och händelser på kontaktkortet (1)</h2>');
    expect(page).toMatch(/<h2>Anmälningar till evenemang \(0\)<\/h2>\n<p>Inga uppgifter\.<\/p>/);
    // Fields by their labels, choices by theirs, times in Swedish time, yes and no in words.
    expect(page).toContain('<th scope="row">Meddelande</th><td>Vi vill bo nära fjällen.</td>');
    expect(page).toContain('<th scope="row">Typ</th><td>Samtal</td>');
    expect(page).toContain('<th scope="row">Vad sades eller gjordes</th><td>Pratade om skolor</td>');
    expect(page).toContain('<td>Åre</td>');
    expect(page).toMatch(/<th scope="row">När<\/th><td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/td>/);
    expect(page).toContain('<td>Nej</td>');
    // Logs read as lines: a status change with its reason and who made it, a block's events.
    expect(page).toContain(
      '<td>2026-03-15 11:00: Bekräftad → Avregistrerad: Bad per telefon att slippa brevet (av Sam Samordnare)</td>',
    );
    expect(page).toMatch(
      /<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}: Spärren hävd: Personen ringde, adressen fungerar igen<\/td>/,
    );
    // No secret, no bookkeeping, no raw field names.
    for (const hidden of [
      'secret-token',
      'live-token',
      'abcdefghijklmnopqrst',
      'messageId',
      'firstName',
      'k3j2@',
    ]) {
      expect(page, hidden).not.toContain(hidden);
    }
    expect(
      await app.strapi.db
        .query('api::register-audit.register-audit')
        .count({ where: { action: 'person-export' } }),
    ).toBe(2);

    // In the person's language when they wrote in English; a format we do not make is refused.
    await app.strapi.db.query(CONTACT).update({ where: { email }, data: { language: 'en' } });
    const english = await coordinator.fetch('/tasteget/care/person/export', {
      body: { email, format: 'html' },
    });
    const englishPage = await english.text();
    expect(englishPage).toContain('<h1>Your personal data at Ta Steget</h1>');
    expect(englishPage).toContain('<th scope="row">Type</th><td>Call</td>');
    expect(englishPage).toContain(
      'Confirmed → Unsubscribed: Bad per telefon att slippa brevet (by Sam Samordnare)',
    );
    expect(englishPage).toContain(': Block lifted: Personen ringde, adressen fungerar igen');
    // A line the platform wrote in both languages is read in the copy's, never both.
    const { logActivity } = await import('../../cms/src/contacts/activities');
    const card = await app.strapi.db.query(CONTACT).findOne({ where: { email } });
    await logActivity(app.strapi, card, {
      kind: 'system',
      summary: { sv: 'Beställde 1 ex av Ta Steget 2026.', en: 'Ordered 1 copy of Ta Steget 2026.' },
    });
    const bilingual = async () =>
      (await coordinator.fetch('/tasteget/care/person/export', { body: { email, format: 'html' } })).text();
    const inEnglish = await bilingual();
    expect(inEnglish).toContain('<td>Ordered 1 copy of Ta Steget 2026.</td>');
    expect(inEnglish).not.toContain('Beställde 1 ex');
    await app.strapi.db.query(CONTACT).update({ where: { email }, data: { language: 'sv' } });
    const inSwedish = await bilingual();
    expect(inSwedish).toContain('<td>Beställde 1 ex av Ta Steget 2026.</td>');
    expect(inSwedish).not.toContain('Ordered 1 copy');
    expect(inSwedish).not.toContain('Samma rad på engelska');
    await app.strapi.db
      .query(ACTIVITY)
      .deleteMany({ where: { summary: 'Beställde 1 ex av Ta Steget 2026.' } });
    expect(
      await errorOf(
        await coordinator.fetch('/tasteget/care/person/export', { body: { email, format: 'pdf' } }),
      ),
    ).toBe('Välj formatet json eller html. / Choose the format json or html.');
  });

  it('erases everything linked to the e-mail once confirmed, leaving nothing that mentions it', async () => {
    expect(await rowsMentioning(email)).not.toEqual([]);
    const unconfirmed = await coordinator.fetch('/tasteget/care/person/erase', {
      body: { email, confirm: 'someone@else.se' },
    });
    expect(unconfirmed.status).toBe(400);
    // A field left out is named in words, in both languages, never in zod's English.
    expect(await errorOf(await coordinator.fetch('/tasteget/care/person/erase', { body: { email } }))).toBe(
      'Skriv e-postadressen en gång till för att bekräfta. / Type the e-mail address again to confirm.',
    );
    expect(await errorOf(await coordinator.fetch('/tasteget/care/person/export', { body: {} }))).toBe(
      'Ange personens e-postadress. / Enter the person’s e-mail address.',
    );
    expect(
      (await guide.fetch('/tasteget/care/person/erase', { body: { email, confirm: email } })).status,
    ).toBe(403);

    // Mail to staff that names the person: the notice of a reply (on the card), and a reminder
    // of an older kind that links to the card only by its address.
    const person = (await app.strapi.db.query(CONTACT).findOne({ where: { email } })) as ContactRow;
    await noticeOfReply(app.strapi, person);
    await app.strapi.db.query(OUTBOX).create({
      data: {
        kind: 'reminder',
        to: 'guide@kommun.example',
        subject: '1 kontakt att svara i dag',
        html: '<p>Anna</p>',
        text: `Anna Rättighet: http://127.0.0.1:1337/admin/content-manager/collection-types/api::contact.contact/${person.documentId}`,
        sendStatus: 'sent',
        publishedAt: new Date(),
      },
    });
    expect(await rowsMentioning(person.documentId.toLowerCase())).not.toEqual([]);
    // And an ambassador page published with the person's consent, kept on their network contact.
    const page = await app.strapi.documents('api::ambassador.ambassador').create({
      data: { ...sampleDocument(app.strapi, 'api::ambassador.ambassador'), consentToPublish: true },
      status: 'published',
    } as never);
    await app.strapi.documents('api::network-contact.network-contact').create({
      data: {
        kind: 'ambassador',
        name: 'Anna',
        email,
        language: 'sv',
        publishConsent: true,
        ambassador: page.documentId,
      },
    } as never);
    // And a registration from the address still waiting in the intake inbox, not yet a card.
    const waiting = registration({ email, firstName: 'Anna' });
    await app.strapi.db.connection('intake_inbox').insert({
      payload: JSON.stringify(waiting),
      received_at: Date.now(),
      next_attempt_at: Date.now() + HOUR,
    });

    const erased = await json<{ erased: Record<string, number> }>(
      await coordinator.fetch('/tasteget/care/person/erase', { body: { email, confirm: email } }),
    );
    expect(erased.erased).toEqual({
      contacts: 1,
      activities: 1,
      magazineOrders: 1,
      newsletterSubscriptions: 1,
      newsletterDeliveries: 1,
      outboxMessages: 3,
      consentRecords: 1,
      inboundMessages: 0,
      eventRegistrations: 0,
      networkContacts: 1,
      suppressions: 1,
      waitingRegistrations: 1,
    });
    expect(await rowsMentioning(email)).toEqual([]);
    // Their consent went with them: the page is off the portal.
    expect(
      await app.strapi
        .documents('api::ambassador.ambassador')
        .findOne({ documentId: page.documentId, status: 'published' } as never),
    ).toBeNull();
    expect(await rowsMentioning(person.documentId.toLowerCase())).toEqual([]);
    expect(
      await app.strapi.db
        .query('api::register-audit.register-audit')
        .count({ where: { action: 'person-erase' } }),
    ).toBe(1);
  });
});

describe('magazine distribution', () => {
  it('exports new orders once as CSV for Excel (BOM, åäö, formulas kept as text) and marks them shipped', async () => {
    await app.strapi.db
      .query(ORDER)
      .updateMany({ where: { orderStatus: 'new' }, data: { orderStatus: 'shipped' } });
    const evil = await order({
      email: uniqueEmail('order'),
      name: '=HYPERLINK("http://x.example")',
      city: 'Järpen',
    });
    const plain = await order({ email: uniqueEmail('order'), name: 'Åsa Öberg', city: 'Åre' });

    const res = await coordinator.fetch('/tasteget/magazine-orders/export', { body: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-order-count')).toBe('2');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain('Åsa Öberg;;Storgatan 1;831 30;Åre;SE;Ta Steget 2026 (2026);2;sv');
    expect(csv).toContain(`${evil.documentId};"'=HYPERLINK(""http://x.example"")"`);
    const statuses = await app.strapi.db
      .query(ORDER)
      .findMany({ where: { id: { $in: [evil.id, plain.id] } }, select: ['orderStatus', 'exportedAt'] });
    expect(
      statuses.every(
        (o: { orderStatus: string; exportedAt: string }) => o.orderStatus === 'exported' && o.exportedAt,
      ),
    ).toBe(true);

    const again = await coordinator.fetch('/tasteget/magazine-orders/export', { body: {} });
    expect(again.headers.get('x-order-count')).toBe('0');
    expect((await again.text()).trim().split(/\r?\n/)).toHaveLength(1);

    expect(
      await json<{ shipped: number }>(
        await coordinator.fetch('/tasteget/magazine-orders/ship', {
          body: { documentIds: [plain.documentId] },
        }),
      ),
    ).toEqual({ shipped: 1 });
    expect(
      await json<{ shipped: number }>(
        await coordinator.fetch('/tasteget/magazine-orders/ship', { body: {} }),
      ),
    ).toEqual({ shipped: 1 });
    expect((await app.strapi.db.query(ORDER).findOne({ where: { id: evil.id } })).orderStatus).toBe(
      'shipped',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeFixtures } from '../support/fixtures';
import { FAST_PORTAL_ENV, intakeSettled, registration, submit, uniqueEmail } from '../support/portal';
import { freePort } from '../support/ports';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * What a visitor was told succeeded is stored, whatever the mail server does, and however many
 * people register at once.
 */
let app: TestStrapi;
let smtp: TestSmtp | undefined;
let smtpPort: number;

beforeAll(async () => {
  smtpPort = await freePort(); // nothing listens here yet: the mail server is down
  app = await startStrapi({ ...FAST_PORTAL_ENV, SMTP_PORT: String(smtpPort) });
  await createIntakeFixtures(app.strapi);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const count = (uid: string, where: Record<string, unknown> = {}) =>
  app.strapi.db.query(uid as never).count({ where });

async function inParallel<T>(items: T[], clients: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

describe('mail server down', () => {
  it('stores and acknowledges 100 registrations, then delivers every mail exactly once when it is back', async () => {
    const emails = Array.from({ length: 100 }, () => uniqueEmail('down'));
    const statuses: number[] = [];
    await inParallel(emails, 10, async (email) => {
      statuses.push((await submit(app.url, '/api/registrations', registration({ email }))).status);
    });
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    await intakeSettled(app.strapi);
    expect(await count('api::contact.contact', { email: { $in: emails } })).toBe(100);

    // The outbox has tried and failed while the server was down.
    await new Promise((r) => setTimeout(r, 500));
    expect(await count('api::outbox-message.outbox-message', { sendStatus: 'sent' })).toBe(0);
    expect(await count('api::outbox-message.outbox-message', { attempts: { $gt: 0 } })).toBeGreaterThan(0);

    smtp = await startSmtp(smtpPort);
    const expected = 200; // a receipt and a guide notice per registration
    await smtp.waitFor(expected, () => true, 60_000);
    await new Promise((r) => setTimeout(r, 1500)); // nothing more may arrive
    expect(smtp.mails).toHaveLength(expected);
    // The guide's notice names no address: it links to the contact card.
    const contacts = (await app.strapi.db.query('api::contact.contact').findMany({
      where: { email: { $in: emails } },
      select: ['email', 'documentId'],
    })) as { email: string; documentId: string }[];
    const cardOf = new Map(contacts.map((c) => [c.email, c.documentId]));
    for (const email of emails) {
      expect(
        smtp.mails.filter((m) => m.envelopeTo.includes(email)),
        email,
      ).toHaveLength(1);
      expect(
        smtp.mails.filter(
          (m) => m.parsed.text?.includes(cardOf.get(email)!) && m.parsed.subject?.startsWith('Ny kontakt'),
        ),
        email,
      ).toHaveLength(1);
    }
    expect(await count('api::outbox-message.outbox-message', { sendStatus: { $ne: 'sent' } })).toBe(0);
  }, 120_000);
});

describe('many at once', () => {
  it('2,000 registrations from 20 parallel clients, some with the same e-mail: every acknowledgement stored, no duplicate contacts', async () => {
    const people = Array.from({ length: 1500 }, () => uniqueEmail('crowd'));
    // Every fourth registration reuses an earlier person's address, in other letter case.
    const submissions = Array.from({ length: 2000 }, (_, i) =>
      i % 4 === 3
        ? people[(i * 7) % 1500].toUpperCase()
        : (people[i - Math.floor(i / 4)] ?? people[i % 1500]),
    );
    const before = await count('api::contact-activity.contact-activity');
    let acknowledged = 0;
    const failures: string[] = [];
    await inParallel(submissions, 20, async (email) => {
      const res = await submit(
        app.url,
        '/api/registrations',
        registration({ email, municipalities: ['ostersund'] }),
      );
      if (res.status === 201) acknowledged += 1;
      else failures.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    });
    expect(failures.slice(0, 3)).toEqual([]);
    expect(acknowledged).toBe(2000);
    await intakeSettled(app.strapi);

    const distinct = new Set(submissions.map((e) => e.toLowerCase()));
    const contacts = (await app.strapi.db
      .query('api::contact.contact')
      .findMany({ where: { email: { $in: [...distinct] } }, select: ['email'] })) as { email: string }[];
    expect(contacts).toHaveLength(distinct.size);
    expect(new Set(contacts.map((c) => c.email)).size).toBe(contacts.length);
    // Every acknowledged registration left its line on a contact card.
    expect((await count('api::contact-activity.contact-activity')) - before).toBe(acknowledged);
  }, 600_000);
});

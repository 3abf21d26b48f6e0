import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type AdminSession } from '../support/admin';
import { CMS_DIR } from '../support/paths';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { startStrapi, type TestStrapi } from '../support/strapi';
import { CAMPAIGN, DELIVERY, seedSubscriber, waitFor, waitUntilSent } from '../support/newsletter';

/**
 * Scheduled campaigns: saved in the real Content Manager as "Schemalagd" with a time, they start
 * at that time as "Skicka" starts them, with nobody pressing anything. Two processes look for due
 * campaigns: this CMS (its in-process worker) and a headless `newsletter:worker` process on the
 * same database. Mails reach a real SMTP server.
 */
let app: TestStrapi;
let smtp: TestSmtp;
let coordinator: AdminSession;
let guide: AdminSession;
let worker: ChildProcess | undefined;
const CAMPAIGNS = '/content-manager/collection-types/api::newsletter-campaign.newsletter-campaign';
const ARE = ['are0@schema.example', 'are1@schema.example', 'are2@schema.example'];

beforeAll(async () => {
  smtp = await startSmtp();
  const env = {
    SMTP_PORT: String(smtp.port),
    PUBLIC_URL: 'https://cms.tasteget.example',
    NEWSLETTER_FROM: 'Ta Steget <nyhetsbrev@tasteget.example>',
    NEWSLETTER_POLL_MS: '100',
  };
  app = await startStrapi(env);
  coordinator = await adminSession(app.strapi, app.url, 'coordinator', 'samordnare@schema.example');
  guide = await adminSession(app.strapi, app.url, 'guide', 'vagledare@schema.example');
  await app.strapi.db.query('api::guide-assignment.guide-assignment').create({
    data: { user: guide.id, queue: 'are', receivesReminders: false, publishedAt: new Date() },
  });
  for (const email of ARE) await seedSubscriber(app.strapi, { email, municipalities: ['are'] });
  await seedSubscriber(app.strapi, { email: 'berg@schema.example', municipalities: ['berg'] });

  // A second process on the same database (startStrapi put it in process.env) that looks for due
  // campaigns too.
  const child = spawn(process.execPath, [path.join(CMS_DIR, 'scripts', 'newsletter-worker.js')], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker = child;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('newsletter worker running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${output}`)));
  });
}, 120_000);
afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
  }
  await app?.stop();
  await smtp?.stop();
});

type Answer = {
  data?: { documentId: string };
  error?: { message: string; details: { messages: { sv: string; en: string } } };
};

const areSegment = { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['are'] }] };
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/** Saves a new campaign in the Content Manager as `session`. */
async function saveCampaign(session: AdminSession, fields: Record<string, unknown>) {
  const res = await session.fetch(CAMPAIGNS, {
    body: {
      language: 'sv',
      audience: 'subscribers',
      blocks: [{ __component: 'newsletter.intro-text', heading: 'Hej', text: 'Nytt från fjällen.' }],
      ...fields,
    },
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

const campaignRow = async (documentId: string) =>
  (await app.strapi.db.query(CAMPAIGN).findOne({ where: { documentId } })) as {
    campaignStatus: string;
    recipientCount: number;
  };
const deliveryCount = (documentId: string) =>
  app.strapi.db.query(DELIVERY).count({ where: { campaignDocumentId: documentId } });
const mailsOf = (subject: string) => smtp.mails.filter((m) => m.parsed.subject === subject);

describe('a scheduled campaign', () => {
  it('starts by itself at its time, as "Skicka" does, and is sent once though two processes watch', async () => {
    const subject = 'Schemalagt: Åre i vår';
    const scheduledAt = inSeconds(4);
    const saved = await saveCampaign(coordinator, {
      subject,
      segment: areSegment,
      campaignStatus: 'scheduled',
      scheduledAt,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const documentId = saved.body.data!.documentId;
    // Nothing before its time.
    expect(await campaignRow(documentId)).toMatchObject({ campaignStatus: 'scheduled' });
    expect(await deliveryCount(documentId)).toBe(0);

    const mails = await smtp.waitFor(ARE.length, (m) => m.parsed.subject === subject, 30_000);
    expect(Math.min(...mails.map((m) => m.receivedAt))).toBeGreaterThanOrEqual(Date.parse(scheduledAt));
    const progress = await waitUntilSent(app.strapi, documentId);
    expect(progress).toMatchObject({ recipientCount: ARE.length, sent: ARE.length, failed: 0 });
    // Both processes kept looking: still one delivery and one mail per recipient.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await deliveryCount(documentId)).toBe(ARE.length);
    expect(
      mailsOf(subject)
        .flatMap((m) => m.envelopeTo)
        .sort(),
    ).toEqual(ARE);
    expect(await campaignRow(documentId)).toMatchObject({ campaignStatus: 'sent', recipientCount: 3 });
  }, 60_000);

  it('is refused a time already past or no time, in Swedish and English, and stores nothing', async () => {
    const past = await saveCampaign(coordinator, {
      subject: 'Schemalagt: för sent',
      campaignStatus: 'scheduled',
      scheduledAt: inSeconds(-60),
    });
    expect(past.status).toBe(400);
    expect(past.body.error!.details.messages.sv).toMatch(/^Tiden att skicka har redan passerat/);
    expect(past.body.error!.details.messages.en).toMatch(/^The time to send has already passed/);
    // A year's slip (3000 for 2026) is refused too, rather than left to wait for ever.
    const far = await saveCampaign(coordinator, {
      subject: 'Schemalagt: om tusen år',
      campaignStatus: 'scheduled',
      scheduledAt: '3000-01-01T10:00:00.000Z',
    });
    expect(far.status).toBe(400);
    expect(far.body.error!.details.messages.sv).toMatch(/^Tiden ligger mer än ett år fram/);
    const none = await saveCampaign(coordinator, {
      subject: 'Schemalagt: när?',
      campaignStatus: 'scheduled',
    });
    expect(none.status).toBe(400);
    expect(none.body.error!.message).toMatch(/^Ange när utskicket ska skickas.* \/ Give the time to send/);
    expect(
      await app.strapi.db.query(CAMPAIGN).count({ where: { subject: { $startsWith: 'Schemalagt: ' } } }),
    ).toBe(1); // the campaign of the test above

    // A draft moved to a time past is refused too, and stays a draft.
    const draft = await saveCampaign(coordinator, { subject: 'Utkast som ska schemaläggas' });
    expect(draft.status).toBe(201);
    const documentId = draft.body.data!.documentId;
    const late = await coordinator.fetch(`${CAMPAIGNS}/${documentId}`, {
      method: 'PUT',
      body: { campaignStatus: 'scheduled', scheduledAt: inSeconds(-1) },
    });
    expect(late.status).toBe(400);
    expect(await campaignRow(documentId)).toMatchObject({ campaignStatus: 'draft' });
  });

  it("shows the sending's counts and time without letting them be edited; its status and time to send stay editable", async () => {
    const res = await coordinator.fetch(`/content-manager/content-types/${CAMPAIGN}/configuration`);
    expect(res.status).toBe(200);
    const { metadatas } = (
      (await res.json()) as {
        data: { contentType: { metadatas: Record<string, { edit: { editable: boolean } }> } };
      }
    ).data.contentType;
    for (const field of ['sentAt', 'recipientCount', 'sentCount', 'failedCount'])
      expect(metadatas[field].edit.editable, field).toBe(false);
    for (const field of ['subject', 'campaignStatus', 'scheduledAt'])
      expect(metadatas[field].edit.editable, field).toBe(true);
  });

  it('is refused a merge tag from another mail tool on each field it stands in, as a draft too', async () => {
    const res = await coordinator.fetch(CAMPAIGNS, {
      body: {
        language: 'sv',
        audience: 'subscribers',
        subject: 'Hej {{firstName}}, nytt från fjällen',
        blocks: [
          { __component: 'newsletter.intro-text', heading: 'Välkommen', text: 'Vi ses i vår.' },
          { __component: 'newsletter.intro-text', text: 'Hälsningar *|FNAME|*' },
        ],
      },
    });
    expect(res.status).toBe(400);
    const refusal = (await res.json()) as {
      error: { message: string; details: { errors: { path: string[]; message: string }[] } };
    };
    expect(refusal.error.details.errors.map((e) => e.path.join('.'))).toEqual(['subject', 'blocks.1.text']);
    expect(refusal.error.details.errors[0].message).toMatch(
      /^Platshållare som \{\{firstName\}\} fylls inte i.* \/ Placeholders such as/,
    );
    expect(refusal.error.message).toMatch(/^2 fält behöver rättas: /);
    expect(await app.strapi.db.query(CAMPAIGN).count({ where: { subject: { $contains: '{{' } } })).toBe(0);

    // A greeting in words, and braces that are not a tag, are saved.
    const plain = await saveCampaign(coordinator, { subject: 'Hej alla {nya} grannar' });
    expect(plain.status).toBe(201);
  });

  it("is the saver's Skicka: a guide schedules only a segment limited to their municipality", async () => {
    const countyWide = await saveCampaign(guide, {
      subject: 'Guiden: hela länet',
      campaignStatus: 'scheduled',
      scheduledAt: inSeconds(86_400),
    });
    expect(countyWide.status).toBe(403);
    expect(countyWide.body.error!.message).toMatch(
      /^Som flyttvägledare skickar du bara till ett urval begränsat till din kommun/,
    );
    const own = await saveCampaign(guide, {
      subject: 'Guiden: Åre',
      segment: areSegment,
      campaignStatus: 'scheduled',
      scheduledAt: inSeconds(86_400),
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    // Widening a scheduled campaign is scheduling it anew: the guide may not; as a draft, yes.
    const documentId = own.body.data!.documentId;
    const widened = await guide.fetch(`${CAMPAIGNS}/${documentId}`, {
      method: 'PUT',
      body: { segment: null },
    });
    expect(widened.status).toBe(403);
    const asDraft = await guide.fetch(`${CAMPAIGNS}/${documentId}`, {
      method: 'PUT',
      body: { segment: null, campaignStatus: 'draft' },
    });
    expect(asDraft.status).toBe(200);
    expect(await campaignRow(documentId)).toMatchObject({ campaignStatus: 'draft' });
  });

  it('is not sent when put back to draft before its time; one that no longer renders or reaches no one returns to draft', async () => {
    const story = await app.strapi.documents('api::story.story').create({
      data: {
        title: 'Ännu inte publicerad',
        slug: 'annu-inte-publicerad',
        lead: 'Utkast.',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Utkast.' }] }],
        person: { name: 'Ingen' },
      },
      locale: 'sv',
    } as never);
    const broken = await saveCampaign(coordinator, {
      subject: 'Schemalagt: med opublicerad berättelse',
      segment: areSegment,
      blocks: [{ __component: 'newsletter.story', story: story.documentId }],
      campaignStatus: 'scheduled',
      scheduledAt: inSeconds(2),
    });
    expect(broken.status, JSON.stringify(broken.body)).toBe(201);
    const withdrawn = await saveCampaign(coordinator, {
      subject: 'Schemalagt: ångrat',
      segment: areSegment,
      campaignStatus: 'scheduled',
      scheduledAt: inSeconds(3),
    });
    expect(withdrawn.status).toBe(201);
    // Reaching no one when its time comes (no subscriber in Ragunda): not sent to no one, which
    // would close it as sent, but a draft again, as "Skicka" would refuse it.
    const nobody = await saveCampaign(coordinator, {
      subject: 'Schemalagt: till ingen',
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['ragunda'] }] },
      campaignStatus: 'scheduled',
      scheduledAt: inSeconds(2),
    });
    expect(nobody.status, JSON.stringify(nobody.body)).toBe(201);
    const back = await coordinator.fetch(`${CAMPAIGNS}/${withdrawn.body.data!.documentId}`, {
      method: 'PUT',
      body: { campaignStatus: 'draft' },
    });
    expect(back.status).toBe(200);

    const brokenId = broken.body.data!.documentId;
    const nobodyId = nobody.body.data!.documentId;
    await waitFor(
      async () =>
        (await campaignRow(brokenId)).campaignStatus === 'draft' &&
        (await campaignRow(nobodyId)).campaignStatus === 'draft',
      'the broken campaign and the one to no one back to draft',
      15_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await campaignRow(nobodyId)).toMatchObject({ campaignStatus: 'draft', recipientCount: 0 });
    for (const documentId of [brokenId, nobodyId, withdrawn.body.data!.documentId]) {
      expect(await campaignRow(documentId)).toMatchObject({ campaignStatus: 'draft' });
      expect(await deliveryCount(documentId)).toBe(0);
    }
    expect(mailsOf('Schemalagt: med opublicerad berättelse')).toEqual([]);
    expect(mailsOf('Schemalagt: ångrat')).toEqual([]);
  }, 30_000);
});

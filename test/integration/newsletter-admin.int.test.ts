import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, type AdminRoleKey } from '../../cms/src/platform/admin-roles';
import { adminSession } from '../support/admin';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { startStrapi, type TestStrapi } from '../support/strapi';
import {
  CAMPAIGN,
  createCampaign,
  DELIVERY,
  newsletter,
  seedContact,
  seedSubscriber,
} from '../support/newsletter';

/**
 * The campaign actions of the admin API, called as users of each role with a real admin JWT. The
 * in-process worker is off here (NEWSLETTER_WORKER=false), so a campaign stays `sending` until
 * the test acts on it.
 */
let app: TestStrapi;
let smtp: TestSmtp;
const tokens: Partial<Record<AdminRoleKey, string>> = {};
let storyDocumentId: string;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startStrapi({
    SMTP_PORT: String(smtp.port),
    PUBLIC_URL: 'https://cms.tasteget.example',
    NEWSLETTER_FROM: 'Ta Steget <nyhetsbrev@tasteget.example>',
    NEWSLETTER_WORKER: 'false',
  });
  const { strapi } = app;
  for (const key of Object.keys(ADMIN_ROLES) as AdminRoleKey[]) {
    const session = await adminSession(strapi, app.url, key, `${key}@nyhetsbrev.example`);
    tokens[key] = session.token;
    // The guide works Åre's queue.
    if (key === 'guide') {
      await strapi.db.query('api::guide-assignment.guide-assignment').create({
        data: { user: session.id, queue: 'are', receivesReminders: false, publishedAt: new Date() },
      });
    }
  }
  const story = await strapi.documents('api::story.story').create({
    data: {
      title: 'Från Göteborg till Åre',
      slug: 'fran-goteborg-till-are',
      lead: 'Familjen Ek bytte storstad mot fjäll.',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Det var det bästa vi gjort.' }] }],
      person: { name: 'Maja och Erik Ek' },
    },
    locale: 'sv',
    status: 'published',
  } as never);
  storyDocumentId = story.documentId;
  const kim = await seedContact(strapi, {
    email: 'kim@example.se',
    firstName: 'Kim',
    municipalities: ['are'],
  });
  await seedSubscriber(strapi, { email: 'kim@example.se', municipalities: ['are'], contactId: kim.id });
  for (let i = 0; i < 4; i++)
    await seedSubscriber(strapi, { email: `are${i}@example.se`, municipalities: ['are'] });
  await seedSubscriber(strapi, { email: 'berg@example.se', municipalities: ['berg'] });
  await seedSubscriber(strapi, {
    email: 'avslutad@example.se',
    municipalities: ['are'],
    status: 'unsubscribed',
  });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

/** What the tests read of an answer (Strapi's `{ data }` or `{ error }` shape). */
interface Answer {
  data: {
    count: number;
    subject: string;
    html: string;
    text: string;
    sent: number;
    status: string;
    sample: { email: string }[];
    refusal?: { sv: string; en: string } | null;
  };
  error: {
    message: string;
    details: { messages: { sv: string; en: string }; issues: { message: unknown }[] };
  };
}

async function call(role: AdminRoleKey, method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.url}/tasteget-newsletter${path}`, {
    method,
    headers: { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Answer };
}

const areSegment = { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['are'] }] };

async function storyCampaign(subject: string) {
  return createCampaign(app.strapi, {
    subject,
    segment: areSegment,
    blocks: [
      { __component: 'newsletter.intro-text', heading: 'Hej från fjällen', text: 'Läs om familjen Ek.' },
      { __component: 'newsletter.story', story: storyDocumentId, text: 'Så gick flytten till.' },
    ],
  });
}

describe('newsletter admin API', () => {
  it('counts recipients live for a segment and audience; a bad segment is a 400 in Swedish and English', async () => {
    const ok = await call('guide', 'POST', '/count', { audience: 'subscribers', segment: areSegment });
    expect(ok).toMatchObject({ status: 200, json: { data: { count: 5 } } });
    const everyone = await call('coordinator', 'POST', '/count', { audience: 'subscribers' });
    expect(everyone.json.data.count).toBe(6);

    // A blocked address (a hard bounce) is no one's recipient: not counted, not in the sample.
    const block = await app.strapi.db.query('api::mail-suppression.mail-suppression').create({
      data: { email: 'are1@example.se', active: true, reason: 'hard-bounce', publishedAt: new Date() },
    });
    const blocked = await call('guide', 'POST', '/count', { audience: 'subscribers', segment: areSegment });
    expect(blocked.json.data).toMatchObject({ count: 4, byLanguage: { sv: 4 } });
    expect(blocked.json.data.sample.map((r) => r.email)).not.toContain('are1@example.se');
    expect(blocked.json.data.sample).toHaveLength(4);
    await app.strapi.db.query('api::mail-suppression.mail-suppression').delete({ where: { id: block.id } });

    const bad = await call('guide', 'POST', '/count', {
      audience: 'subscribers',
      segment: { conditions: [{ kind: 'municipality', anyOf: [] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^Urvalet är ogiltigt\. \/ The segment is invalid\.$/);
    expect(bad.json.error.details.issues[0].message).toEqual({
      sv: 'Villkor 1: Välj minst ett värde.',
      en: 'Condition 1: Choose at least one value.',
    });
    const noAudience = await call('guide', 'POST', '/count', { audience: 'alla' });
    expect(noAudience.status).toBe(400);
    expect(noAudience.json.error.details.messages.sv).toContain('målgrupp');

    // A draft with such a segment is not saved either: the field says which condition is wrong.
    const draft = await storyCampaign('Utkast med tomt villkor');
    const save = await fetch(`${app.url}/content-manager/collection-types/${CAMPAIGN}/${draft}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${tokens.coordinator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ segment: { conditions: [{ kind: 'municipality', anyOf: [] }] } }),
    });
    expect(save.status).toBe(400);
    const refused = (
      (await save.json()) as {
        error: Answer['error'] & { details: { errors: { path: string[]; message: string }[] } };
      }
    ).error;
    expect(refused.details.errors).toEqual([
      expect.objectContaining({
        path: ['segment'],
        message: 'Villkor 1: Välj minst ett värde. / Condition 1: Choose at least one value.',
      }),
    ]);
    const stored = (await app.strapi.db.query(CAMPAIGN).findOne({ where: { documentId: draft } })) as {
      segment: unknown;
    };
    expect(stored.segment).toEqual(areSegment);
  });

  it('previews the campaign with its story, personalised for a sample recipient', async () => {
    const documentId = await storyCampaign('Förhandsgranskning: Åre');
    const res = await call('guide', 'POST', `/campaigns/${documentId}/preview`);
    expect(res.status).toBe(200);
    const { html, text, subject } = res.json.data;
    expect(subject).toBe('Förhandsgranskning: Åre');
    expect(html).toContain('Från Göteborg till Åre');
    expect(html).toContain('Maja och Erik Ek');
    expect(html).toContain(
      'https://cms.tasteget.example/api/newsletter/unsubscribe?token=forhandsgranskning',
    );
    expect(text).toContain('Hej Kim!');
    expect(text).toContain('/berattelser/fran-goteborg-till-are/');
  });

  it('test-sends to at most ten given addresses', async () => {
    const documentId = await storyCampaign('Testbrev');
    const tooMany = Array.from({ length: 11 }, (_, i) => `t${i}@example.se`);
    const refused = await call('guide', 'POST', `/campaigns/${documentId}/test-send`, { emails: tooMany });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.messages.sv).toBe('Ange 1–10 giltiga e-postadresser.');
    expect(
      (await call('guide', 'POST', `/campaigns/${documentId}/test-send`, { emails: ['inte-en-adress'] }))
        .status,
    ).toBe(400);

    // An address typed twice, in another case, is one mailbox and gets one mail.
    const res = await call('coordinator', 'POST', `/campaigns/${documentId}/test-send`, {
      emails: ['redaktion@example.se', 'granskare@example.se', 'Redaktion@Example.se'],
    });
    expect(res).toMatchObject({ status: 200, json: { data: { sent: 2 } } });
    const mails = await smtp.waitFor(2, (m) => m.parsed.subject === '[Test] Testbrev');
    expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual([
      'granskare@example.se',
      'redaktion@example.se',
    ]);
    // The preview greets its sample recipient by name; mail to typed addresses names no one.
    expect(mails[0].parsed.text).toContain('Hej!');
    expect(mails[0].parsed.text).not.toContain('Kim');
    // A test send queues nothing and leaves the campaign a draft.
    expect(await app.strapi.db.query(DELIVERY).count({ where: { campaignDocumentId: documentId } })).toBe(0);

    // Its unsubscribe link, opened or one-clicked, says what it does in the real campaign.
    const link = new URL(
      /https?:\/\/\S+\/api\/newsletter\/unsubscribe\?token=[\w-]+/.exec(mails[0].parsed.text ?? '')![0],
    );
    const opened = await fetch(`${app.url}${link.pathname}${link.search}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Det här var ett testbrev.');
    const clicked = await fetch(`${app.url}${link.pathname}${link.search}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.status).toBe(200);
  });

  it('sends, pauses, resumes and cancels; progress shows the counts; Redaktör gets 403', async () => {
    const documentId = await storyCampaign('Vårbrev från Åre');
    expect((await call('editor', 'POST', `/campaigns/${documentId}/send`)).status).toBe(403);
    expect((await call('editor', 'GET', `/campaigns/${documentId}/progress`)).status).toBe(403);
    expect((await call('editor', 'POST', '/count', { audience: 'subscribers' })).status).toBe(403);
    const anonymous = await fetch(`${app.url}/tasteget-newsletter/campaigns/${documentId}/send`, {
      method: 'POST',
    });
    expect(anonymous.status).toBe(401);

    const sent = await call('guide', 'POST', `/campaigns/${documentId}/send`);
    expect(sent.status).toBe(200);
    expect(sent.json.data).toMatchObject({
      frozen: true,
      recipientCount: 5,
      progress: { status: 'sending', remaining: 5, sent: 0 },
    });
    const again = await call('guide', 'POST', `/campaigns/${documentId}/send`);
    expect(again.json.data).toMatchObject({ frozen: false, recipientCount: 5 });
    expect(await app.strapi.db.query(DELIVERY).count({ where: { campaignDocumentId: documentId } })).toBe(5);

    expect((await call('editor', 'POST', `/campaigns/${documentId}/pause`)).status).toBe(403);
    const paused = await call('coordinator', 'POST', `/campaigns/${documentId}/pause`);
    expect(paused).toMatchObject({ status: 200, json: { data: { status: 'paused' } } });
    const resumed = await call('guide', 'POST', `/campaigns/${documentId}/resume`);
    expect(resumed.json.data.status).toBe('sending');
    // Pressing twice is harmless.
    expect((await call('guide', 'POST', `/campaigns/${documentId}/resume`)).status).toBe(200);

    const cancelled = await call('guide', 'POST', `/campaigns/${documentId}/cancel`);
    expect(cancelled.json.data).toMatchObject({ status: 'cancelled', skipped: 5, remaining: 0 });
    const progress = await call('guide', 'GET', `/campaigns/${documentId}/progress`);
    expect(progress).toMatchObject({ status: 200, json: { data: { status: 'cancelled', skipped: 5 } } });
    expect((await call('guide', 'POST', `/campaigns/${documentId}/send`)).status).toBe(400);
    const badPause = await call('guide', 'POST', `/campaigns/${documentId}/pause`);
    expect(badPause.status).toBe(400);
    expect(badPause.json.error.details.messages.sv).toBe('Bara ett utskick som skickas kan pausas.');
    expect((await call('guide', 'GET', '/campaigns/finns-inte/progress')).status).toBe(404);

    // What went out stays on record with its statistics: the Content Manager does not delete it.
    const deleteAs = (documentId: string) =>
      fetch(`${app.url}/content-manager/collection-types/${CAMPAIGN}/${documentId}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${tokens.coordinator}` },
      });
    const kept = await deleteAs(documentId);
    expect(kept.status).toBe(400);
    expect(((await kept.json()) as Answer).error.details.messages.sv).toMatch(
      /^Ett utskick som har skickats/,
    );
    expect(await app.strapi.db.query(CAMPAIGN).count({ where: { documentId } })).toBeGreaterThan(0);
    // A draft is the coordinator's to delete.
    const draft = await storyCampaign('Utkast som ångras');
    expect((await deleteAs(draft)).status).toBe(200);
    expect(await app.strapi.db.query(CAMPAIGN).count({ where: { documentId: draft } })).toBe(0);
  });

  it("goes on by itself after a moment's failure to read its story, where content that no longer renders pauses it", async () => {
    const subject = 'Ett ögonblicks fel';
    const documentId = await storyCampaign(subject);
    await newsletter.freeze.freezeCampaign(app.strapi, documentId);
    // The database drops the connection once, as the worker reads the story for the mail.
    let dropOnce = true;
    app.strapi.documents.use(async (context, next) => {
      if (dropOnce && context.uid === 'api::story.story') {
        dropOnce = false;
        throw new Error('Connection terminated unexpectedly');
      }
      return next();
    });
    const config = newsletter.config.workerConfig();
    await expect(newsletter.send.sendQueued(app.strapi, config)).rejects.toThrow(/Connection terminated/);
    expect((await newsletter.status.campaignProgress(app.strapi, documentId)).status).toBe('sending');
    // The next pass of the worker's loop sends it, with no one pressing "Återuppta".
    expect(await newsletter.send.sendQueued(app.strapi, config)).toBe(5);
    expect(smtp.mails.filter((m) => m.parsed.subject === subject)).toHaveLength(5);
  });

  it("lets a guide send only to their own municipality; county-wide is the coordinator's", async () => {
    const countyWide = await createCampaign(app.strapi, { subject: 'Till hela länet' });
    // The panel is told first, so it shows why in place of a "Skicka" that asks and is refused.
    const asGuide = await call('guide', 'GET', `/campaigns/${countyWide}/progress`);
    expect(asGuide.json.data.refusal?.sv).toMatch(/^Som flyttvägledare skickar du bara/);
    expect(asGuide.json.data.refusal?.en).toMatch(/^As a relocation guide you send only/);
    expect(
      (await call('coordinator', 'GET', `/campaigns/${countyWide}/progress`)).json.data.refusal,
    ).toBeNull();
    const refused = await call('guide', 'POST', `/campaigns/${countyWide}/send`);
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(
      /^Som flyttvägledare skickar du bara till ett urval begränsat till din kommun/,
    );
    // Test sends stay open to everyone who composes.
    expect(
      (await call('guide', 'POST', `/campaigns/${countyWide}/test-send`, { emails: ['test@example.se'] }))
        .status,
    ).toBe(200);

    const twoMunicipalities = await createCampaign(app.strapi, {
      subject: 'Åre och Berg',
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['are', 'berg'] }] },
    });
    expect((await call('guide', 'POST', `/campaigns/${twoMunicipalities}/send`)).status).toBe(403);
    const eitherOr = await createCampaign(app.strapi, {
      subject: 'Åre eller föräldrar',
      segment: {
        match: 'any',
        conditions: [
          { kind: 'municipality', anyOf: ['are'] },
          { kind: 'hasChildren', value: true },
        ],
      },
    });
    expect((await call('guide', 'POST', `/campaigns/${eitherOr}/send`)).status).toBe(403);
    expect(
      await app.strapi.db
        .query(DELIVERY)
        .count({ where: { campaignDocumentId: { $in: [countyWide, twoMunicipalities, eitherOr] } } }),
    ).toBe(0);

    const coordinator = await call('coordinator', 'POST', `/campaigns/${countyWide}/send`);
    expect(coordinator.status).toBe(200);
    // Who may not send it may not stop it either: a cancel is final, and a pause would wait for
    // the coordinator.
    // Each refusal names what was refused.
    for (const [action, verb] of [
      ['pause', 'pausa'],
      ['cancel', 'avbryta'],
    ]) {
      const stopped = await call('guide', 'POST', `/campaigns/${countyWide}/${action}`);
      expect(stopped.status, action).toBe(403);
      expect(stopped.json.error.details.messages.sv).toBe(
        `Du kan inte ${verb} det här utskicket: det går inte bara till din kommun, och sådana utskick sköter samordnaren.`,
      );
    }
    const sending = await call('guide', 'GET', `/campaigns/${countyWide}/progress`);
    expect(sending.json.data.status).toBe('sending');
    expect(sending.json.data.refusal?.sv).toMatch(/^Du kan inte pausa det här utskicket/);
    expect((await call('coordinator', 'POST', `/campaigns/${countyWide}/cancel`)).status).toBe(200);

    // Nor may they unschedule the coordinator's scheduled campaign in the Content Manager.
    const scheduled = await createCampaign(app.strapi, { subject: 'Schemalagt till hela länet' });
    await app.strapi.db.query(CAMPAIGN).updateMany({
      where: { documentId: scheduled },
      data: { campaignStatus: 'scheduled', scheduledAt: new Date(Date.now() + 86_400_000) },
    });
    const unschedule = (role: AdminRoleKey) =>
      fetch(`${app.url}/content-manager/collection-types/${CAMPAIGN}/${scheduled}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ campaignStatus: 'draft' }),
      });
    const unscheduled = await unschedule('guide');
    expect(unscheduled.status).toBe(403);
    expect(((await unscheduled.json()) as Answer).error.details.messages.en).toBe(
      "You cannot change or unschedule this campaign: it does not go to your municipality alone, and such sends are the coordinator's.",
    );
    expect(
      (await app.strapi.db.query(CAMPAIGN).findOne({ where: { documentId: scheduled } })).campaignStatus,
    ).toBe('scheduled');
    expect((await unschedule('coordinator')).status).toBe(200);
  });

  it('refuses to send a campaign whose story is not published, before any delivery exists', async () => {
    const draft = await app.strapi.documents('api::story.story').create({
      data: {
        title: 'Utkast',
        slug: 'utkast',
        lead: 'Ej klar.',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Ej klar.' }] }],
        person: { name: 'Ingen' },
      },
      locale: 'sv',
    } as never);
    const documentId = await createCampaign(app.strapi, {
      subject: 'Med utkast',
      blocks: [{ __component: 'newsletter.story', story: draft.documentId }],
    });
    const res = await call('coordinator', 'POST', `/campaigns/${documentId}/send`);
    expect(res.status).toBe(400);
    expect(res.json.error.details.messages).toEqual({
      sv: 'Block 1: Berättelsen är inte publicerad på svenska.',
      en: 'Block 1: The story is not published in Swedish.',
    });
    const campaign = await app.strapi.db.query(CAMPAIGN).findOne({ where: { documentId } });
    expect(campaign.campaignStatus).toBe('draft');
    expect(await app.strapi.db.query(DELIVERY).count({ where: { campaignDocumentId: documentId } })).toBe(0);
  });

  it('counts how many of the recipients chose each language, for the panel to warn of the other', async () => {
    await seedSubscriber(app.strapi, {
      email: 'newcomer@example.com',
      municipalities: ['krokom'],
      language: 'en',
    });
    await seedSubscriber(app.strapi, { email: 'nykomling@example.se', municipalities: ['krokom'] });
    // Municipalities are decided in code, row by row: the tally is made as the rows are read.
    const krokom = { conditions: [{ kind: 'municipality', anyOf: ['krokom'] }] };
    const read = await call('coordinator', 'POST', '/count', { audience: 'subscribers', segment: krokom });
    expect(read.json.data).toMatchObject({ count: 2, byLanguage: { sv: 1, en: 1 } });
    // The whole audience is a database count, and so is each language's.
    const everyone = await call('coordinator', 'POST', '/count', { audience: 'subscribers' });
    const { count, byLanguage } = everyone.json.data as unknown as {
      count: number;
      byLanguage: { sv: number; en: number };
    };
    expect(byLanguage).toEqual({ sv: count - 1, en: 1 });
  });

  it('does not send a campaign its segment reaches no one with, and keeps it a draft to change', async () => {
    const documentId = await createCampaign(app.strapi, {
      subject: 'Till ingen',
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['ragunda'] }] },
      blocks: [{ __component: 'newsletter.intro-text', heading: 'Hej', text: 'Ingen får det här.' }],
    });
    expect(
      (
        await call('coordinator', 'POST', '/count', {
          audience: 'subscribers',
          campaign: documentId,
          segment: { conditions: [{ kind: 'municipality', anyOf: ['ragunda'] }] },
        })
      ).json.data.count,
    ).toBe(0);
    const res = await call('coordinator', 'POST', `/campaigns/${documentId}/send`);
    expect(res.status).toBe(400);
    expect(res.json.error.details.messages.sv).toMatch(/^Urvalet når ingen mottagare just nu/);
    const campaign = await app.strapi.db.query(CAMPAIGN).findOne({ where: { documentId } });
    expect(campaign).toMatchObject({ campaignStatus: 'draft', recipientCount: 0 });
  });
});

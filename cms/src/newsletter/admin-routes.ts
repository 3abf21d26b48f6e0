import type { Core } from '@strapi/strapi';
import {
  createNewsletterTransport,
  deliveryKey,
  deliveryMessageId,
  MjmlValidationError,
} from '@tasteget/newsletter';
import {
  CAMPAIGN_AUDIENCES,
  municipalityName,
  normalizeEmail,
  parseSegment,
  safeParseSegment,
  SegmentError,
  SUBSCRIPTION_STATUSES,
} from '@tasteget/shared';
import { suppressedAmong } from '../mail/suppression';
import { TEST_MAIL_TOKEN } from '../intake/pages';
import type { Context } from 'koa';
import { z } from 'zod';
import { parseOrThrow, refuse, type Messages } from '../platform/admin-errors';
import { changeSubscriptionStatusByStaff } from '../contacts/subscriptions';
import { NEWSLETTER } from '../platform/content-types';
import { caresForRegister, staffLabel, worksRegister, type AdminUser } from '../workspace/guides';
import { campaignAudience, CampaignContentError, loadCampaign } from './campaign-content';
import { campaignProgress, cancelCampaign, pauseCampaign, resumeCampaign } from './campaign-status';
import { workerConfig } from './config';
import { CampaignNotFoundError, CampaignStateError, freezeCampaign } from './freeze';
import { countRecipientsByLanguage, selectRecipients, type Recipient } from './recipients';
import { compile, deliveryMessage } from './render';
import { audienceNewsletterId } from './invitations';
import { assertMaySend, type SendAction } from './send-permission';
import { wakeNewsletterWorker } from './worker';

/**
 * The admin API of campaigns (preview, test send, live recipient count, send, pause, resume,
 * cancel and progress) and of the coordinator's subscription status change. Admin routes (the admin JWT), for Samordnare and Flyttvägledare (and the
 * super admin); Redaktör writes content but does not mail the register. Mounted under
 * /tasteget-newsletter: Strapi 5 mounts every router of `src/api` as content API, so admin routes
 * of an app are registered on the admin API here.
 */
export const NEWSLETTER_ADMIN_PREFIX = '/tasteget-newsletter';
const TEST_SEND_MAX = 10;
/** The unsubscribe link of previews and test mails: never a real recipient's token. */

type Handler = (ctx: Context, strapi: Core.Strapi) => Promise<unknown>;

/** Role check, then the handler; known refusals become 400/403/404 in Swedish and English. */
function action(strapi: Core.Strapi, handler: Handler) {
  return async (ctx: Context) => {
    const user = ctx.state.user as AdminUser | undefined;
    if (!user || !worksRegister(user)) {
      throw refuse.forbidden({
        sv: 'Bara samordnare och flyttvägledare kan skicka nyhetsbrev.',
        en: 'Only coordinators and relocation guides can send newsletters.',
      });
    }
    try {
      ctx.body = { data: await handler(ctx, strapi) };
    } catch (error) {
      throw asAdminError(error);
    }
  };
}

/** The newsletter's own refusals in the admin APIs' error style; anything else as it was. */
function asAdminError(error: unknown): unknown {
  if (error instanceof CampaignNotFoundError) {
    return refuse.notFound({ sv: 'Utskicket finns inte.', en: 'No such campaign.' });
  }
  if (error instanceof CampaignStateError || error instanceof CampaignContentError) {
    return refuse.invalid(error.messages);
  }
  if (error instanceof SegmentError) {
    return refuse.invalid(
      { sv: 'Urvalet är ogiltigt.', en: 'The segment is invalid.' },
      { issues: error.issues },
    );
  }
  if (error instanceof MjmlValidationError) {
    return refuse.invalid(
      { sv: 'Nyhetsbrevet kunde inte byggas.', en: 'The newsletter could not be built.' },
      { mjml: error.details },
    );
  }
  return error;
}

const documentIdOf = (ctx: Context) =>
  parseOrThrow(z.string().min(1).max(64), (ctx.params as { id: string }).id, {
    sv: 'Utskicket finns inte.',
    en: 'No such campaign.',
  });

async function campaignOrThrow(strapi: Core.Strapi, documentId: string) {
  const campaign = await loadCampaign(strapi, documentId);
  if (!campaign) throw new CampaignNotFoundError(documentId);
  return campaign;
}

type LoadedCampaign = NonNullable<Awaited<ReturnType<typeof loadCampaign>>>;

/**
 * "Skicka", "Pausa", "Återuppta" and "Avbryt": the user must be allowed to send to the campaign's
 * segment. Who may send a campaign may stop it; a cancel is final, and a pause waits for one who
 * may send it to resume.
 */
async function assertMayStart(
  strapi: Core.Strapi,
  ctx: Context,
  campaign: LoadedCampaign,
  action: SendAction,
) {
  await assertMaySend(strapi, ctx.state.user as AdminUser, campaign.segment, action);
}

/** The panel's first button in each state: what it would offer this user. */
const FIRST_ACTION: Partial<Record<string, SendAction>> = {
  draft: 'send',
  scheduled: 'send',
  sending: 'pause',
  paused: 'resume',
};

/**
 * Why this user may not act on the campaign in its state, or null: the panel shows the words in
 * place of buttons the server would refuse (a confirmation first, then a refusal, misled). A
 * segment that does not parse is left to the send's own refusal.
 */
async function actionRefusal(
  strapi: Core.Strapi,
  ctx: Context,
  campaign: LoadedCampaign,
  status: string,
): Promise<Messages | null> {
  const action = FIRST_ACTION[status];
  if (!action) return null;
  try {
    await assertMayStart(strapi, ctx, campaign, action);
    return null;
  } catch (error) {
    const messages = (error as { details?: { messages?: Messages } }).details?.messages;
    if (messages) return messages;
    if (error instanceof SegmentError) return null;
    throw error;
  }
}

/** The first recipient of the campaign's segment, else an anonymous one. */
async function sampleRecipient(
  strapi: Core.Strapi,
  campaign: LoadedCampaign,
): Promise<Pick<Recipient, 'profile'>> {
  const audience = await campaignAudience(strapi, campaign);
  for await (const recipient of selectRecipients(strapi, parseSegment(campaign.segment), audience)) {
    return recipient;
  }
  return {
    profile: {
      audience: campaign.audience,
      email: 'forhandsgranskning@example.invalid',
      firstName: null,
      language: campaign.language,
      municipalities: [],
      topics: [],
      moveStatus: null,
      registeredAt: new Date(),
      hasChildren: null,
      countyTie: null,
      networkKind: null,
      newsletters: [],
      subscriptionStatus: 'confirmed',
      bounceCount: 0,
      contactConsent: true,
      erased: false,
    },
  };
}

const bodyOf = <T extends z.ZodType>(ctx: Context, schema: T, messages: Messages): z.output<T> =>
  parseOrThrow(schema, (ctx.request as { body?: unknown }).body ?? {}, messages);

const testSendBody = z.object({
  emails: z.array(z.email()).min(1).max(TEST_SEND_MAX),
});
const subscriptionStatusBody = z.object({
  status: z.enum(SUBSCRIPTION_STATUSES.values),
  reason: z.string().trim().min(5).max(1000),
});
const SAMPLE_SIZE = 10;

const countBody = z.object({
  audience: z.enum(CAMPAIGN_AUDIENCES.values),
  segment: z.unknown().optional(),
  /** The newsletter picked in the form; else the saved campaign's; else the audience's own. */
  newsletter: z.string().max(64).optional(),
  campaign: z.string().max(64).optional(),
});

async function countedNewsletter(strapi: Core.Strapi, body: z.infer<typeof countBody>): Promise<number> {
  if (body.newsletter) {
    const row = (await strapi.db.query(NEWSLETTER).findOne({
      where: { documentId: body.newsletter },
      select: ['id'],
    })) as { id: number } | null;
    if (row) return row.id;
  }
  const campaign = body.campaign ? await loadCampaign(strapi, body.campaign) : null;
  return audienceNewsletterId(strapi, body.audience, campaign?.newsletter);
}

const handlers: Record<string, Handler> = {
  async preview(ctx, strapi) {
    const campaign = await campaignOrThrow(strapi, documentIdOf(ctx));
    const { identity } = workerConfig();
    const compiled = await compile(strapi, campaign, identity);
    const sample = await sampleRecipient(strapi, campaign);
    const message = deliveryMessage(
      compiled,
      identity,
      sample,
      sample.profile.email,
      deliveryMessageId(deliveryKey(campaign.documentId, sample.profile.email), identity.domain),
      TEST_MAIL_TOKEN,
    );
    return { subject: message.subject, html: message.html, text: message.text, sample: sample.profile.email };
  },

  async testSend(ctx, strapi) {
    const campaign = await campaignOrThrow(strapi, documentIdOf(ctx));
    const { emails } = bodyOf(ctx, testSendBody, {
      sv: `Ange 1–${TEST_SEND_MAX} giltiga e-postadresser.`,
      en: `Give 1–${TEST_SEND_MAX} valid e-mail addresses.`,
    });
    const config = workerConfig();
    const compiled = await compile(strapi, campaign, config.identity);
    // The mail as a recipient of the segment would get it, but with no one's name: it goes to
    // whatever addresses were typed (the preview, for staff only, shows the sample's).
    const { profile } = await sampleRecipient(strapi, campaign);
    const sample = { profile: { ...profile, firstName: null } };
    // A few mails, built by nodemailer on a connection of their own (campaigns go through the
    // worker's delivery sender).
    // A test send asks the suppression list too: a complaint or hard bounce is no one to test on.
    // One mail per mailbox, however often or in whatever case it was typed.
    const mailboxes = [...new Set(emails.map(normalizeEmail))];
    const suppressed = await suppressedAmong(strapi, mailboxes);
    const transport = createNewsletterTransport(config.sender);
    const stamp = Date.now().toString(36);
    let sent = 0;
    try {
      for (const email of mailboxes) {
        if (suppressed.has(email)) continue;
        const message = deliveryMessage(
          compiled,
          config.identity,
          sample,
          email,
          deliveryMessageId(
            deliveryKey(`${campaign.documentId}:test:${stamp}`, email),
            config.identity.domain,
          ),
          TEST_MAIL_TOKEN,
        );
        await transport.sendMail({ ...message, subject: `[Test] ${message.subject}` });
        sent += 1;
      }
    } finally {
      transport.close();
    }
    return { sent, suppressed: [...suppressed] };
  },

  async count(ctx, strapi) {
    const body = bodyOf(ctx, countBody, {
      sv: `Ange målgrupp (${CAMPAIGN_AUDIENCES.values.join(', ')}) och urval.`,
      en: `Give an audience (${CAMPAIGN_AUDIENCES.values.join(', ')}) and a segment.`,
    });
    const parsed = safeParseSegment(body.segment);
    if (!parsed.success) throw new SegmentError(parsed.issues);
    const audience = { kind: body.audience, newsletterId: await countedNewsletter(strapi, body) };
    // The segment builder shows who the conditions reach: the count and the first ten.
    const sample: { firstName: string | null; email: string; municipalities: string[] }[] = [];
    for await (const recipient of selectRecipients(strapi, parsed.segment, audience)) {
      const { firstName, email, municipalities } = recipient.profile;
      sample.push({ firstName, email, municipalities: municipalities.map(municipalityName) });
      if (sample.length === SAMPLE_SIZE) break;
    }
    return { ...(await countRecipientsByLanguage(strapi, parsed.segment, audience)), sample };
  },

  async send(ctx, strapi) {
    const documentId = documentIdOf(ctx);
    await assertMayStart(strapi, ctx, await campaignOrThrow(strapi, documentId), 'send');
    const result = await freezeCampaign(strapi, documentId);
    wakeNewsletterWorker();
    return { ...result, progress: await campaignProgress(strapi, documentId) };
  },

  async pause(ctx, strapi) {
    const documentId = documentIdOf(ctx);
    await assertMayStart(strapi, ctx, await campaignOrThrow(strapi, documentId), 'pause');
    await pauseCampaign(strapi, documentId);
    return campaignProgress(strapi, documentId);
  },

  async resume(ctx, strapi) {
    const documentId = documentIdOf(ctx);
    await assertMayStart(strapi, ctx, await campaignOrThrow(strapi, documentId), 'resume');
    await resumeCampaign(strapi, documentId);
    wakeNewsletterWorker();
    return campaignProgress(strapi, documentId);
  },

  async cancel(ctx, strapi) {
    const documentId = documentIdOf(ctx);
    await assertMayStart(strapi, ctx, await campaignOrThrow(strapi, documentId), 'cancel');
    await cancelCampaign(strapi, documentId);
    return campaignProgress(strapi, documentId);
  },

  async progress(ctx, strapi) {
    const documentId = documentIdOf(ctx);
    const campaign = await campaignOrThrow(strapi, documentId);
    const progress = await campaignProgress(strapi, documentId);
    return { ...progress, refusal: await actionRefusal(strapi, ctx, campaign, progress.status) };
  },

  /** The coordinator's status change, with a reason (contacts/subscriptions.ts). */
  async subscriptionStatus(ctx, strapi) {
    const user = ctx.state.user as AdminUser;
    if (!caresForRegister(user)) {
      throw refuse.forbidden({
        sv: 'Bara samordnaren ändrar en prenumerations status, och då med ett skäl.',
        en: "Only the coordinator changes a subscription's status, and then with a reason.",
      });
    }
    const documentId = parseOrThrow(z.string().min(1).max(64), (ctx.params as { id: string }).id);
    const { status, reason } = bodyOf(ctx, subscriptionStatusBody, {
      sv: 'Ange en status – pending (väntar på bekräftelse), confirmed (bekräftad) eller unsubscribed (avslutad) – och ett skäl på minst 5 tecken.',
      en: 'Give a status – pending (awaiting confirmation), confirmed or unsubscribed – and a reason of at least 5 characters.',
    });
    const changed = await changeSubscriptionStatusByStaff(strapi, documentId, {
      status,
      reason,
      by: staffLabel(user),
    });
    if (!changed) throw refuse.notFound({ sv: 'Prenumerationen finns inte.', en: 'No such subscription.' });
    return changed;
  },
};

const ROUTES: { method: 'GET' | 'POST'; path: string; handler: keyof typeof handlers }[] = [
  { method: 'POST', path: '/count', handler: 'count' },
  { method: 'POST', path: '/campaigns/:id/preview', handler: 'preview' },
  { method: 'POST', path: '/campaigns/:id/test-send', handler: 'testSend' },
  { method: 'POST', path: '/campaigns/:id/send', handler: 'send' },
  { method: 'POST', path: '/campaigns/:id/pause', handler: 'pause' },
  { method: 'POST', path: '/campaigns/:id/resume', handler: 'resume' },
  { method: 'POST', path: '/campaigns/:id/cancel', handler: 'cancel' },
  { method: 'GET', path: '/campaigns/:id/progress', handler: 'progress' },
  { method: 'POST', path: '/subscriptions/:id/status', handler: 'subscriptionStatus' },
];

/** Call in `register`: routes are mounted before bootstrap. */
export function installNewsletterAdminRoutes(strapi: Core.Strapi) {
  strapi.server.routes({
    type: 'admin',
    prefix: NEWSLETTER_ADMIN_PREFIX,
    routes: ROUTES.map((route) => ({
      method: route.method,
      path: route.path,
      handler: action(strapi, handlers[route.handler]),
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    })),
  } as never);
}

import type { Core, UID } from '@strapi/strapi';
import { attendeesCsv, attendeesOf } from '../contacts/event-registrations';
import type { Context } from 'koa';
import { z } from 'zod';
import {
  CONSENT_EVENTS,
  CONSENTS,
  GUIDE_ACTIVITY_KINDS,
  QUEUE_OWNERS,
  normalizeEmail,
  stockholmDate,
} from '@tasteget/shared';
import { setContactConsent } from '../contacts/consent-log';
import { exportNewOrders, markShipped } from './care/magazine-distribution';
import { erasePerson, exportPerson } from './care/person-data';
import { personDataPage, personLanguage } from './care/person-data-page';
import { runPurge } from './care/purge';
import { linkToContact } from '../inbound/review';
import { liftSuppression } from '../mail/suppression';
import { sendContactMail } from './compose';
import { FUTURE_TIME, contactDialog, logGuideActivity, type ContactDialogView } from './dialog';
import { caresForRegister, queueOfUser, staffLabel, worksRegister, type AdminUser } from './guides';
import { QUARTERS, kpiReport, periodSchema, quarterPeriod } from './kpis';
import { STATISTICS_TABLES_FOR_CSV, statisticsCsv, statisticsReport } from '../statistics/report';
import { queueOf } from './queue';
import { reportCsv, reportHtml, reportTitle } from './report';
import { parseOrThrow, refuse, type Messages } from '../platform/admin-errors';
import { ACTIVITY, CONTACT } from '../platform/content-types';
import { recordScope } from '../platform/access-scopes';
import { expiringTokenPayload } from '../platform/link-tokens';
import type { FieldLabels } from '../platform/plain-validation';
import {
  PRIVATE_FILE_ROUTE,
  privateFileLink,
  privateFilesIn,
  readPrivateFile,
} from '../platform/private-files';

/**
 * The admin API of the guides' workspace and the register care, under /tasteget/… with the admin
 * panel's authentication. Guides and the coordinator work the register (every queue is readable:
 * the municipalities share openly); only the coordinator runs the care (purge, a person's export
 * and erasure, magazine distribution). Editors get 403 everywhere.
 */
type Handler = (ctx: Context, user: AdminUser) => Promise<void>;

const FORBIDDEN: Messages = {
  sv: 'Du har inte behörighet till kontaktregistret.',
  en: 'You have no access to the contact register.',
};
const CARE_ONLY: Messages = {
  sv: 'Endast samordnaren kan göra detta.',
  en: 'Only the coordinator can do this.',
};
const NO_CONTACT: Messages = { sv: 'Kontakten finns inte.', en: 'No such contact.' };
const NO_ATTACHMENT: Messages = {
  sv: 'Bilagan finns inte, eller länken har gått ut.',
  en: 'No such attachment, or the link has expired.',
};
const OTHER_QUEUE: Messages = {
  sv: 'Kontakten är en annan kös ansvar: den ansvariga kommunen svarar och uppdaterar den.',
  en: "The contact is another queue's responsibility: the responsible municipality answers and updates it.",
};

/**
 * A guide answers and updates the contacts of their own queue (the responsible municipality, or
 * the region's when none was chosen), as the Content Manager's own-queue condition does; the
 * coordinator all of them. Every queue stays readable.
 */
async function assertOwnQueue(strapi: Core.Strapi, user: AdminUser, documentId: string) {
  if (caresForRegister(user)) return;
  const contact = (await strapi.db.query(CONTACT).findOne({
    where: { documentId },
    select: ['assignedMunicipality'],
  })) as { assignedMunicipality: string } | null;
  if (contact && contact.assignedMunicipality !== (await queueOfUser(strapi, user))) {
    throw refuse.forbidden(OTHER_QUEUE);
  }
}

const requireRole =
  (allowed: (user: AdminUser) => boolean, messages: Messages, handler: Handler) => async (ctx: Context) => {
    const user = ctx.state.user as AdminUser | undefined;
    if (!user || !allowed(user)) throw refuse.forbidden(messages);
    await handler(ctx, user);
  };
const forWorkers = (handler: Handler) => requireRole(worksRegister, FORBIDDEN, handler);
const forCare = (handler: Handler) => requireRole(caresForRegister, CARE_ONLY, handler);

const scopeQuery = z.object({
  model: z
    .string()
    .regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, { error: 'Okänd innehållstyp. / Unknown content type.' })
    .transform((model) => model as UID.ContentType),
  documentId: z.string({ error: 'Ange documentId. / Give documentId.' }).min(1).max(64),
});

const queueQuery = z.object({
  queue: z.enum(QUEUE_OWNERS, { error: 'Okänd kö. / Unknown queue.' }).optional(),
});
const activityBody = z.object({
  kind: z.enum(GUIDE_ACTIVITY_KINDS, {
    error: 'Välj samtal, e-post, möte eller anteckning. / Choose call, e-mail, meeting or note.',
  }),
  summary: z
    .string({ error: 'Skriv en sammanfattning. / Write a summary.' })
    .trim()
    .min(1, { error: 'Skriv en sammanfattning. / Write a summary.' })
    .max(5000, { error: 'Högst 5 000 tecken. / At most 5,000 characters.' }),
  occurredAt: z.iso
    .datetime({
      offset: true,
      error:
        'Ange tiden som datum och klockslag, till exempel 2026-12-07T14:30:00+01:00. / Give the time as a date and time, such as 2026-12-07T14:30:00+01:00.',
    })
    .optional()
    // A time that is no time is told so above, not that it lies ahead.
    .refine((v) => !v || !(Date.parse(v) > Date.now() + 60_000), {
      error: `${FUTURE_TIME.sv} / ${FUTURE_TIME.en}`,
    }),
});
const mailBody = z.object({
  subject: z
    .string({ error: 'Skriv en ämnesrad. / Write a subject.' })
    .trim()
    .min(1, { error: 'Skriv en ämnesrad. / Write a subject.' })
    .max(200, { error: 'Högst 200 tecken. / At most 200 characters.' })
    .refine((v) => !/[\r\n]/.test(v), { error: 'Ämnesraden är en rad. / The subject is one line.' }),
  text: z
    .string({ error: 'Skriv ett meddelande. / Write a message.' })
    .trim()
    .min(1, { error: 'Skriv ett meddelande. / Write a message.' })
    .max(5000, { error: 'Högst 5 000 tecken. / At most 5,000 characters.' }),
});
/** Said to whoever may lift the block (the coordinator) and to whoever must ask for it. */
const ADDRESS_SUPPRESSED = (liftsBlocks: boolean): Messages => ({
  sv: `Mejl når inte den här adressen: den är spärrad efter studs eller klagomål. Nå personen på annat sätt, till exempel per telefon, eller ${liftsBlocks ? 'häv spärren på adressen under Spärrad e-postadress, med ett skäl' : 'be samordnaren häva spärren'}.`,
  en: `E-mail does not reach this address: it is blocked after a bounce or a complaint. Reach the person another way, by phone for example, or ${liftsBlocks ? 'lift the block on the address under Spärrad e-postadress, with a reason' : 'ask the coordinator to lift the block'}.`,
});
const CONSENT_WITHDRAWN: Messages = {
  sv: 'Personen har återkallat sitt samtycke till att bli kontaktad.',
  en: 'The person has withdrawn their consent to be contacted.',
};
const liftBody = z.object({
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: 'Ange en giltig e-postadress. / Enter a valid e-mail address.' })),
  reason: z
    .string({ error: 'Ange ett skäl med minst 3 tecken. / Give a reason of at least 3 characters.' })
    .trim()
    .min(3, { error: 'Ange ett skäl med minst 3 tecken. / Give a reason of at least 3 characters.' })
    .max(500, { error: 'Högst 500 tecken. / At most 500 characters.' }),
});
const linkBody = z.object({
  contactEmail: z
    .string({ error: 'Ange kontaktens e-postadress. / Enter the contact’s e-mail address.' })
    .trim()
    .pipe(z.email({ error: 'Ange kontaktens e-postadress. / Enter the contact’s e-mail address.' })),
});
const LINK_REFUSALS: Record<'no-message' | 'no-contact' | 'already-resolved', Messages> = {
  'no-message': { sv: 'Det finns inget sådant mejl att granska.', en: 'No such mail to review.' },
  'no-contact': { sv: 'Ingen kontakt har den e-postadressen.', en: 'No contact has that e-mail address.' },
  'already-resolved': { sv: 'Mejlet är redan hanterat.', en: 'The mail has already been handled.' },
};
const NOT_SUPPRESSED: Messages = {
  sv: 'Adressen är inte spärrad.',
  en: 'The address is not suppressed.',
};
const statisticsQuery = z.intersection(
  periodSchema,
  z.object({
    format: z
      .enum(['json', 'csv'], { error: 'Välj formatet json eller csv. / Choose the format json or csv.' })
      .default('json'),
    table: z.enum(STATISTICS_TABLES_FOR_CSV).default('pages'),
  }),
);
const YEAR_RANGE = 'Ange ett år från 2000 till 2100. / Give a year from 2000 to 2100.';
const QUARTER_RANGE = 'Ange kvartal 1–4. / Give a quarter, 1–4.';
const quarterQuery = z.object({
  year: z.coerce
    .number({ error: 'Ange år. / Give a year.' })
    .int({ error: YEAR_RANGE })
    .min(2000, { error: YEAR_RANGE })
    .max(2100, { error: YEAR_RANGE }),
  quarter: z.coerce.number({ error: QUARTER_RANGE }).pipe(
    z.union(
      QUARTERS.map((q) => z.literal(q)),
      { error: QUARTER_RANGE },
    ),
  ),
  format: z
    .enum(['csv', 'html', 'json'], {
      error: 'Välj formatet csv, html eller json. / Choose the format csv, html or json.',
    })
    .default('json'),
});
const emailBody = z.object({
  email: z
    .string({ error: 'Ange personens e-postadress. / Enter the person’s e-mail address.' })
    .trim()
    .pipe(z.email({ error: 'Ange en giltig e-postadress. / Enter a valid e-mail address.' })),
});
const exportBody = emailBody.extend({
  // The person's own copy to read (HTML, in their language), or the complete machine-readable one.
  format: z
    .enum(['json', 'html'], { error: 'Välj formatet json eller html. / Choose the format json or html.' })
    .default('json'),
});
const CONFIRM_ERASE =
  'Skriv e-postadressen en gång till för att bekräfta. / Type the e-mail address again to confirm.';
const eraseBody = emailBody
  .extend({ confirm: z.string({ error: CONFIRM_ERASE }) })
  .refine((b) => normalizeEmail(b.confirm) === normalizeEmail(b.email), {
    error: CONFIRM_ERASE,
    path: ['confirm'],
  });
const consentBody = z.object({
  event: z.enum(CONSENT_EVENTS.values, {
    error: 'Ange given eller withdrawn. / Give given or withdrawn.',
  }),
});
const purgeBody = z.object({
  confirm: z.literal(true, { error: 'Bekräfta gallringen. / Confirm the purge.' }),
});
const shipBody = z.object({ documentIds: z.array(z.string().min(1).max(64)).max(10_000).optional() });

/** A file inside a JSON answer, for the admin panel (see `attachment`). */
export interface FileAnswer {
  filename: string;
  contentType: string;
  content: string;
  /** How many records the file holds, where the screen says so (the order export). */
  count?: number;
}

function attachment(ctx: Context, type: string, filename: string, body: string, count?: number) {
  ctx.set('Cache-Control', 'no-store');
  // A file made by a POST (an extract, an export that marks what it exports): the admin panel's
  // client reads a POST's answer as JSON whatever it asks for, so a client that names JSON in its
  // Accept gets the file inside it (`FileAnswer`); any other (`*/*`) gets the file itself.
  if (ctx.method === 'POST' && /\bapplication\/json\b/.test(ctx.get('Accept'))) {
    const answer: FileAnswer = {
      filename,
      contentType: type,
      content: body,
      ...(count === undefined ? {} : { count }),
    };
    ctx.body = { data: answer };
    return;
  }
  ctx.set('Content-Type', type);
  ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
  ctx.body = body;
}

/** `fieldLabels`: how fields are named to people (bootstrap/admin-labels.ts), for a person's readable copy. */
export function installWorkspaceRoutes(strapi: Core.Strapi, fieldLabels: FieldLabels) {
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Context) => Promise<void>) => ({
    method,
    path,
    handler,
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });

  const routes = [
    route(
      'GET',
      '/scope',
      // For every staff user who may read the record, editors too: the edit view says before any
      // work is done that a save would be refused (another municipality's, another queue's).
      async (ctx) => {
        const { model, documentId } = parseOrThrow(scopeQuery, ctx.query);
        if (!strapi.contentTypes[model])
          throw refuse.invalid({ sv: 'Okänd innehållstyp.', en: 'Unknown content type.' });
        const ability = (ctx.state as { userAbility?: Parameters<typeof recordScope>[1] }).userAbility;
        if (!ability) throw refuse.forbidden(FORBIDDEN);
        const scope = await recordScope(strapi, ability, model, documentId);
        if (!scope) throw refuse.notFound({ sv: 'Posten finns inte.', en: 'No such record.' });
        ctx.body = { data: scope };
      },
    ),
    route(
      'GET',
      '/me',
      forWorkers(async (ctx, user) => {
        ctx.body = {
          data: { queue: await queueOfUser(strapi, user), caresForRegister: caresForRegister(user) },
        };
      }),
    ),
    route(
      'GET',
      '/queue',
      forWorkers(async (ctx, user) => {
        const { queue } = parseOrThrow(queueQuery, ctx.query);
        const owner = queue ?? (await queueOfUser(strapi, user));
        if (!owner) throw refuse.invalid({ sv: 'Välj en kö.', en: 'Choose a queue.' });
        ctx.body = { data: await queueOf(strapi, owner) };
      }),
    ),
    route(
      'GET',
      '/contacts/:documentId/dialog',
      forWorkers(async (ctx, user) => {
        const dialog = await contactDialog(strapi, String(ctx.params.documentId));
        if (!dialog) throw refuse.notFound(NO_CONTACT);
        const canWrite =
          caresForRegister(user) || dialog.contact.assignedMunicipality === (await queueOfUser(strapi, user));
        const view: ContactDialogView = { ...dialog, canWrite };
        ctx.body = { data: view };
      }),
    ),
    route(
      'POST',
      '/contacts/:documentId/activities',
      forWorkers(async (ctx, user) => {
        const body = parseOrThrow(activityBody, ctx.request.body);
        await assertOwnQueue(strapi, user, String(ctx.params.documentId));
        const created = await logGuideActivity(strapi, {
          contactDocumentId: String(ctx.params.documentId),
          kind: body.kind,
          summary: body.summary,
          occurredAt: body.occurredAt ? new Date(body.occurredAt) : new Date(),
          userId: user.id,
        });
        if (!created) throw refuse.notFound(NO_CONTACT);
        ctx.status = 201;
        ctx.body = { data: created };
      }),
    ),
    route(
      'POST',
      '/contacts/:documentId/mail',
      forWorkers(async (ctx, user) => {
        const body = parseOrThrow(mailBody, ctx.request.body);
        const documentId = String(ctx.params.documentId);
        await assertOwnQueue(strapi, user, documentId);
        const sent = await sendContactMail(strapi, { contactDocumentId: documentId, ...body, user });
        if (sent === 'no-contact') throw refuse.notFound(NO_CONTACT);
        if (sent === 'consent-withdrawn') throw refuse.invalid(CONSENT_WITHDRAWN);
        if (sent === 'suppressed') throw refuse.invalid(ADDRESS_SUPPRESSED(caresForRegister(user)));
        ctx.status = 201;
        ctx.body = { data: sent };
      }),
    ),
    route(
      'POST',
      '/contacts/:documentId/consent',
      forWorkers(async (ctx, user) => {
        // What the person said on the phone, recorded with who took it.
        const { event } = parseOrThrow(consentBody, ctx.request.body);
        const documentId = String(ctx.params.documentId);
        await assertOwnQueue(strapi, user, documentId);
        const done = await setContactConsent(strapi, documentId, {
          event,
          source: 'guide',
          recordedBy: staffLabel(user),
          textVersion: event === 'given' ? CONSENTS.contact.version : undefined,
        });
        if (!done) throw refuse.notFound(NO_CONTACT);
        ctx.body = { data: { event } };
      }),
    ),
    route(
      'GET',
      '/kpis',
      forWorkers(async (ctx) => {
        ctx.body = { data: await kpiReport(strapi, parseOrThrow(periodSchema, ctx.query)) };
      }),
    ),
    route(
      'GET',
      '/reports/quarterly',
      forWorkers(async (ctx) => {
        const { year, quarter, format } = parseOrThrow(quarterQuery, ctx.query);
        const report = await kpiReport(strapi, quarterPeriod(year, quarter));
        const name = `ta-steget-${year}-q${quarter}`;
        if (format === 'csv') attachment(ctx, 'text/csv; charset=utf-8', `${name}.csv`, reportCsv(report));
        else if (format === 'html') {
          ctx.set('Content-Type', 'text/html; charset=utf-8');
          ctx.set('Cache-Control', 'no-store');
          ctx.body = reportHtml(report);
        } else ctx.body = { data: { title: reportTitle(report), ...report } };
      }),
    ),
    route(
      'GET',
      '/statistics',
      forCare(async (ctx) => {
        const { from, to, format, table } = parseOrThrow(statisticsQuery, ctx.query);
        const report = await statisticsReport(strapi, { from, to });
        if (format === 'csv')
          attachment(
            ctx,
            'text/csv; charset=utf-8',
            `besok-${table}-${from}-${to}.csv`,
            statisticsCsv(report, table),
          );
        else ctx.body = { data: report };
      }),
    ),
    route(
      'GET',
      '/care/purge',
      forCare(async (ctx, user) => {
        ctx.body = { data: await runPurge(strapi, { dryRun: true, ranBy: staffLabel(user) }) };
      }),
    ),
    route(
      'POST',
      '/care/purge',
      forCare(async (ctx, user) => {
        parseOrThrow(purgeBody, ctx.request.body);
        const result = await runPurge(strapi, { dryRun: false, ranBy: staffLabel(user) });
        ctx.body = { data: { ...result, candidates: result.candidates.length } };
      }),
    ),
    route(
      'POST',
      '/care/person/export',
      forCare(async (ctx, user) => {
        const { email, format } = parseOrThrow(exportBody, ctx.request.body);
        const data = await exportPerson(strapi, email, staffLabel(user));
        if (format === 'html') {
          const page = personDataPage(strapi, fieldLabels, data, personLanguage(data));
          attachment(ctx, 'text/html; charset=utf-8', 'personuppgifter.html', page);
          return;
        }
        attachment(
          ctx,
          'application/json; charset=utf-8',
          'personuppgifter.json',
          JSON.stringify(data, null, 2),
        );
      }),
    ),
    route(
      'POST',
      '/care/person/erase',
      forCare(async (ctx, user) => {
        const { email } = parseOrThrow(eraseBody, ctx.request.body);
        ctx.body = { data: { erased: await erasePerson(strapi, email, staffLabel(user)) } };
      }),
    ),
    route(
      'POST',
      '/suppressions/lift',
      forCare(async (ctx, user) => {
        // An address that works again (a full mailbox emptied, a complaint taken back in writing).
        const { email, reason } = parseOrThrow(liftBody, ctx.request.body);
        if (!(await liftSuppression(strapi, email, { reason, by: staffLabel(user) }))) {
          throw refuse.notFound(NOT_SUPPRESSED);
        }
        ctx.body = { data: { lifted: normalizeEmail(email) } };
      }),
    ),
    route(
      'POST',
      '/inbound/:documentId/link',
      forCare(async (ctx, user) => {
        // Unmatched mail put on the card it belongs to, by the person reviewing it.
        const { contactEmail } = parseOrThrow(linkBody, ctx.request.body);
        const outcome = await linkToContact(strapi, {
          documentId: String(ctx.params.documentId),
          contactEmail,
          by: staffLabel(user),
        });
        if (outcome === 'no-message') throw refuse.notFound(LINK_REFUSALS[outcome]);
        if (outcome !== 'linked') throw refuse.invalid(LINK_REFUSALS[outcome]);
        ctx.body = { data: { linked: true } };
      }),
    ),
    route(
      'POST',
      '/magazine-orders/export',
      forCare(async (ctx) => {
        const { csv, count } = await exportNewOrders(strapi);
        ctx.set('X-Order-Count', String(count));
        attachment(
          ctx,
          'text/csv; charset=utf-8',
          `tidningsbestallningar-${stockholmDate(new Date())}.csv`,
          csv,
          count,
        );
      }),
    ),
    route(
      'GET',
      '/events/:documentId/attendees',
      forWorkers(async (ctx) => {
        const list = await attendeesOf(strapi, String(ctx.params.documentId));
        if (ctx.query.format === 'csv') {
          attachment(
            ctx,
            'text/csv; charset=utf-8',
            `anmalda-${String(ctx.params.documentId)}.csv`,
            attendeesCsv(list),
          );
        } else {
          ctx.set('Cache-Control', 'no-store');
          ctx.body = { data: list };
        }
      }),
    ),
    route(
      'POST',
      '/activities/:documentId/attachments/:index/link',
      forWorkers(async (ctx) => {
        // Every worker reads every card (the municipalities share openly), and so its files.
        const activity = (await strapi.db.query(ACTIVITY).findOne({
          where: { documentId: String(ctx.params.documentId) },
          select: ['attachments'],
        })) as { attachments: unknown } | null;
        const file = privateFilesIn(activity?.attachments)[Number(ctx.params.index)];
        if (!file) throw refuse.notFound(NO_ATTACHMENT);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { data: { url: await privateFileLink(file), filename: file.filename } };
      }),
    ),
    {
      // The download behind such a link, from disk: the signed, short-lived token is the permission.
      method: 'GET',
      path: `${PRIVATE_FILE_ROUTE.replace('/tasteget', '')}/:token`,
      config: { auth: false },
      handler: async (ctx: Context) => {
        const payload = expiringTokenPayload('private-file', ctx.params.token);
        const [file] = payload ? privateFilesIn([JSON.parse(payload)]) : [];
        const bytes = file ? await readPrivateFile(file.key) : null;
        ctx.set('Cache-Control', 'private, no-store');
        if (!file || !bytes) throw refuse.notFound(NO_ATTACHMENT);
        // Always a download, never a page of the CMS's origin: a person's HTML file runs nothing here.
        ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.set('Content-Security-Policy', "sandbox; default-src 'none'");
        ctx.type = file.contentType || 'application/octet-stream';
        ctx.body = bytes;
      },
    },
    route(
      'POST',
      '/magazine-orders/ship',
      forCare(async (ctx) => {
        const { documentIds } = parseOrThrow(shipBody, ctx.request.body ?? {});
        ctx.body = { data: { shipped: await markShipped(strapi, documentIds) } };
      }),
    ),
  ];

  (strapi.admin!.routes as Record<string, unknown>)['tasteget-workspace'] = {
    type: 'admin',
    prefix: '/tasteget',
    routes,
  };
}

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import escapeHtml from 'escape-html';
import type { z } from 'zod';
import {
  decodeFormBody,
  fieldErrors,
  flattenFormBody,
  portalRoute,
  type FieldError,
  type Label,
  type Locale,
  type PortalSection,
} from '@tasteget/shared';
import { environment } from '../platform/environment';
import { CHALLENGE_MESSAGES } from './challenge';
import { admitProof, type FormAction, type PortalFormSpec } from './form-spec';
import { routePath } from './endpoints';
import { checkFormToken, issueFormToken } from './form-token';
import { visitorLanguage } from './language';
import { pageShell, sendPage } from './page-shell';

/**
 * Forms posted without JavaScript (`application/x-www-form-urlencoded`), in two steps: the first
 * post is validated and answered with a page that asks the visitor to confirm (carrying the data
 * and a signed, timed, single-use token in place of the proof-of-work); the confirming post acts
 * and answers with a result page. Errors are pages too, listing what to fix.
 */
type RawForm = Record<string, string | string[] | undefined>;

/** Stands in for the proof-of-work when the schema is checked; the form token replaces it. */
const NO_SCRIPT_CHALLENGE = 'no-script';
const TOKEN_FIELD = 'formToken';

export function isFormPost(ctx: Context): boolean {
  return (
    ctx.method === 'POST' &&
    ctx.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded'
  );
}

const TEXTS = {
  confirmTitle: { sv: 'Kontrollera och skicka', en: 'Check and send' },
  confirmBody: {
    sv: 'Formuläret är ifyllt. Kontrollera e-postadressen, som svaret skickas till, och tryck på knappen för att skicka.',
    en: 'The form is filled in. Check the e-mail address the answer goes to, and press the button to send it.',
  },
  email: { sv: 'E-post', en: 'E-mail' },
  confirmButton: { sv: 'Skicka', en: 'Send' },
  errorTitle: { sv: 'Formuläret behöver rättas', en: 'The form needs correcting' },
  // The browser's own Back keeps what was typed; the link opens the form afresh.
  backHint: {
    sv: 'Gå tillbaka med webbläsarens bakåtknapp för att rätta: det du skrev finns kvar där.',
    en: "Go back with your browser's Back button to correct it: what you typed is still there.",
  },
  back: { sv: 'Öppna formuläret på nytt', en: 'Open the form again' },
  doneTitle: { sv: 'Tack!', en: 'Thank you!' },
  home: { sv: 'Till Ta Steget', en: 'To Ta Steget' },
} satisfies Record<string, Label>;

/**
 * Where "back" and "home" lead: the page the form was on, when the browser told it (a portal
 * address with a path), else the form's own page. The portal's Referrer-Policy sends only its
 * origin with a post to the CMS, which would lead back to the home page.
 */
function formPage(ctx: Context, language: Locale, page: PortalSection): string {
  const site = environment().SITE_URL.replace(/\/$/, '');
  const referer = ctx.get('referer');
  if (referer.startsWith(`${site}/`) && referer.length > site.length + 1) return referer;
  return `${site}${portalRoute(page, language)}`;
}

function errorPage(
  ctx: Context,
  language: Locale,
  page: PortalSection,
  errors: { message: string }[],
  status = 400,
) {
  const items = errors.map((e) => `<li>${escapeHtml(e.message)}</li>`).join('');
  const back = escapeHtml(formPage(ctx, language, page));
  sendPage(
    ctx,
    status,
    pageShell(
      language,
      TEXTS.errorTitle[language],
      `<ul>${items}</ul><p>${TEXTS.backHint[language]}</p><p><a href="${back}">${TEXTS.back[language]}</a></p>`,
    ),
  );
}

/** A refusal before the form is read (rate limit, size), as a page for a browser's form post. */
export function noScriptRefusal(
  ctx: Context,
  status: number,
  message: Label,
  language: Locale,
  page: PortalSection = 'home',
) {
  errorPage(ctx, language, page, [{ message: message[language] }], status);
}

function hiddenInputs(raw: RawForm): string {
  return Object.entries(raw)
    .filter(([name]) => name !== TOKEN_FIELD)
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => [name, v]),
    )
    .map(([name, v]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(v)}">`)
    .join('');
}

function confirmPage(ctx: Context, language: Locale, page: PortalSection, raw: RawForm, notice?: Label) {
  const action = escapeHtml(ctx.path);
  // Every form mails its answer: a mistyped address is the one slip that loses it.
  const email = typeof raw.email === 'string' ? raw.email.trim() : '';
  const back = escapeHtml(formPage(ctx, language, page));
  const content =
    (notice ? `<p role="alert">${escapeHtml(notice[language])}</p>` : '') +
    `<p>${TEXTS.confirmBody[language]}</p>` +
    (email ? `<p>${TEXTS.email[language]}: <strong>${escapeHtml(email)}</strong></p>` : '') +
    `<form method="post" action="${action}">${hiddenInputs(raw)}` +
    `<input type="hidden" name="${TOKEN_FIELD}" value="${issueFormToken(routePath(ctx.path), raw)}">` +
    `<button type="submit">${TEXTS.confirmButton[language]}</button></form>` +
    `<p>${TEXTS.backHint[language]}</p><p><a href="${back}">${TEXTS.back[language]}</a></p>`;
  sendPage(ctx, 200, pageShell(language, TEXTS.confirmTitle[language], content));
}

/** Turns the JSON answer the action gave (201 or 400, Strapi's shape) into a page. */
function answerAsPage(ctx: Context, language: Locale, page: PortalSection) {
  const body = ctx.body as {
    data?: { message?: string } | null;
    error?: { message?: string; details?: { errors?: { message: string }[] } };
  };
  if (ctx.status < 300) {
    const home = escapeHtml(`${environment().SITE_URL.replace(/\/$/, '')}${portalRoute('home', language)}`);
    const message = escapeHtml(body?.data?.message ?? '');
    return sendPage(
      ctx,
      ctx.status,
      pageShell(
        language,
        TEXTS.doneTitle[language],
        `<p role="status">${message}</p><p><a href="${home}">${TEXTS.home[language]}</a></p>`,
      ),
    );
  }
  const errors = body?.error?.details?.errors ?? [{ message: body?.error?.message ?? '' }];
  errorPage(ctx, language, page, errors, ctx.status);
}

export async function handleNoScriptForm<S extends z.ZodType>(
  strapi: Core.Strapi,
  ctx: Context,
  spec: PortalFormSpec<S>,
  act: FormAction<S>,
) {
  const raw: RawForm = flattenFormBody((ctx.request as { body?: unknown }).body);
  const token = typeof raw[TOKEN_FIELD] === 'string' ? raw[TOKEN_FIELD] : undefined;
  const { [TOKEN_FIELD]: _token, ...fields } = raw;
  const input = decodeFormBody(fields, spec.encoding);
  const language = visitorLanguage(ctx, input.language);

  const parsed = spec.schema.safeParse({ ...input, challenge: NO_SCRIPT_CHALLENGE });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, spec.messages).map((e: FieldError) => ({
      message: e.message[language],
    }));
    return errorPage(ctx, language, spec.page, errors);
  }
  if (!token) return confirmPage(ctx, language, spec.page, fields);

  const admitted = await admitProof(strapi, spec, checkFormToken(token, routePath(ctx.path), fields));
  if (admitted.verdict === 'too-fast')
    return confirmPage(ctx, language, spec.page, fields, CHALLENGE_MESSAGES['too-fast']);
  if (admitted.verdict !== 'ok') {
    return errorPage(ctx, language, spec.page, [{ message: CHALLENGE_MESSAGES[admitted.verdict][language] }]);
  }
  await act(parsed.data, language, admitted.proof);
  answerAsPage(ctx, language, spec.page);
}

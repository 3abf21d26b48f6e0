import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  MAGAZINE_ORDER_FORM_ENCODING,
  MAGAZINE_ORDER_MESSAGES,
  REGISTRATION_FORM_ENCODING,
  REGISTRATION_MESSAGES,
  SUBSCRIPTION_FORM_ENCODING,
  SUBSCRIPTION_MESSAGES,
  magazineOrderSchema,
  registrationSchema,
  subscriptionSchema,
  tokenSchema,
  type Label,
  type Locale,
} from '@tasteget/shared';
import { environment } from '../../../platform/environment';
import { issueChallenge } from '../../../intake/challenge';
import { handleForm } from '../../../intake/forms';
import { visitorLanguage } from '../../../intake/language';
import { sendPage } from '../../../intake/page-shell';
import { partnerOrigins } from '../../../intake/origins';
import { PAGES, page } from '../../../intake/pages';
import { created, validationError } from '../../../intake/responses';
import { acceptRegistration, wakeIntake } from '../../../intake/inbox';
import { UnknownEditionError, orderMagazine, orderableEdition } from '../../../contacts/magazine-orders';
import {
  confirmSubscription,
  subscribe,
  subscriptionForConfirmToken,
  subscriptionForUnsubscribeToken,
  unsubscribe,
} from '../../../contacts/subscriptions';

/** The three public forms: the shared schema, its messages and its no-JavaScript encoding. */
const FORMS = {
  registration: {
    schema: registrationSchema,
    messages: REGISTRATION_MESSAGES,
    encoding: REGISTRATION_FORM_ENCODING,
  },
  magazineOrder: {
    schema: magazineOrderSchema,
    messages: MAGAZINE_ORDER_MESSAGES,
    encoding: MAGAZINE_ORDER_FORM_ENCODING,
  },
  subscription: {
    schema: subscriptionSchema,
    messages: SUBSCRIPTION_MESSAGES,
    encoding: SUBSCRIPTION_FORM_ENCODING,
  },
};

/**
 * The embedded form records the municipal website it runs on; only the portal and the configured
 * municipal origins (CORS_ORIGINS) may embed it, and a registration marked as embedded must name
 * one. This keeps the form off sites the region has not agreed with; it is not a spam check (a
 * client can claim any origin).
 */
function embedAllowed(input: { source: string; embedOrigin?: string }): boolean {
  if (!input.embedOrigin) return input.source !== 'municipal-site';
  return partnerOrigins().includes(new URL(input.embedOrigin).origin);
}

const EDITION_ERROR = {
  sv: 'Välj en utgåva av magasinet som går att beställa.',
  en: 'Choose an edition of the magazine that can be ordered.',
};

/** Answers with HTML to browsers and JSON to clients that ask for it. */
function respondPage(ctx: Context, status: number, html: string, json: Record<string, unknown>) {
  if (ctx.accepts(['html', 'json']) === 'json') {
    ctx.status = status;
    ctx.body = json;
  } else sendPage(ctx, status, html);
}

function tokenOf(ctx: Context): string | null {
  const parsed = tokenSchema.safeParse(ctx.query.token);
  return parsed.success ? parsed.data : null;
}

/**
 * The button of a link's page says so (`via=page`): a person pressed it, so they are sent on to the
 * portal's result page. The RFC 8058 one-click POST from a mail client gets a plain answer.
 */
function pressedOnPage(ctx: Context): boolean {
  return (ctx.request as { body?: { via?: unknown } }).body?.via === 'page';
}

const RESULT_PAGES = {
  confirmed: { sv: '/nyhetsbrev/bekraftad', en: '/en/newsletter/confirmed' },
  unsubscribed: { sv: '/nyhetsbrev/avslutad', en: '/en/newsletter/unsubscribed' },
} as const;

function toPortalResult(ctx: Context, language: Locale, result: keyof typeof RESULT_PAGES) {
  ctx.status = 303;
  ctx.redirect(`${environment().SITE_URL.replace(/\/$/, '')}${RESULT_PAGES[result][language]}`);
}

function invalidLink(ctx: Context, language: Locale) {
  respondPage(ctx, 400, page(language, PAGES.invalidLink.title, PAGES.invalidLink.body), {
    error: 'invalid-token',
  });
}

type Ask = { title: Label; body: Label; button: Label };
type TokenLookup = (
  strapi: Core.Strapi,
  token: string,
) => Promise<{ subscriptionStatus: string; language: Locale } | null>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The subscription a link's token names, with the token; null when either is unknown. */
  const subscriptionFor = async (ctx: Context, lookup: TokenLookup) => {
    const token = tokenOf(ctx);
    const subscription = token ? await lookup(strapi, token) : null;
    return token && subscription ? { token, subscription } : null;
  };

  /** The page a link in a mail opens: it asks, and only its button (a POST) acts. */
  const askPage = async (
    ctx: Context,
    found: Awaited<ReturnType<typeof subscriptionFor>>,
    action: 'confirm' | 'unsubscribe',
    ask: Ask,
  ) => {
    if (!found) return invalidLink(ctx, visitorLanguage(ctx));
    const { token, subscription } = found;
    const form = { action: `/api/newsletter/${action}?token=${token}`, button: ask.button };
    respondPage(ctx, 200, page(subscription.language, ask.title, ask.body, form), {
      status: subscription.subscriptionStatus,
    });
    // The button's POST answers with a redirect to the portal, which the default policy
    // (form-action 'self') would block.
    ctx.set(
      'Content-Security-Policy',
      `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${new URL(environment().SITE_URL).origin}`,
    );
  };

  return {
    async challenge(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await issueChallenge();
    },

    async register(ctx: Context) {
      await handleForm(strapi, ctx, FORMS.registration, async (input, language) => {
        if (!embedAllowed(input)) {
          return validationError(
            ctx,
            [{ path: ['embedOrigin'], message: REGISTRATION_MESSAGES.embedOrigin }],
            language,
          );
        }
        if (input.magazine && !(await orderableEdition(strapi, input.magazine.edition))) {
          return validationError(ctx, [{ path: ['magazine', 'edition'], message: EDITION_ERROR }], language);
        }
        // Acknowledged once durably stored; the inbox worker folds it into the register at once.
        await acceptRegistration(strapi, input);
        wakeIntake();
        created(
          ctx,
          {
            sv: 'Tack! Vi har tagit emot din registrering. En flyttvägledare kontaktar dig inom fem arbetsdagar, och du får en bekräftelse via e-post.',
            en: 'Thank you! We have received your registration. A relocation guide will contact you within five business days, and you will get a confirmation by e-mail.',
          },
          language,
        );
      });
    },

    async orderMagazine(ctx: Context) {
      await handleForm(strapi, ctx, FORMS.magazineOrder, async (input, language) => {
        try {
          await orderMagazine(strapi, input);
          created(
            ctx,
            {
              sv: 'Tack för din beställning! Magasinet skickas till dig med posten.',
              en: 'Thank you for your order! The magazine will be posted to you.',
            },
            language,
          );
        } catch (error) {
          if (!(error instanceof UnknownEditionError)) throw error;
          validationError(ctx, [{ path: ['edition'], message: EDITION_ERROR }], language);
        }
      });
    },

    async subscribe(ctx: Context) {
      await handleForm(strapi, ctx, FORMS.subscription, async (input, language) => {
        const outcome = await subscribe(strapi, input);
        created(
          ctx,
          outcome === 'pending'
            ? {
                sv: 'Nästan klart! Vi har skickat ett mejl till dig – bekräfta prenumerationen via länken i det.',
                en: 'Almost done! We have sent you an e-mail – confirm the subscription through its link.',
              }
            : {
                sv: 'Du prenumererar redan på nyhetsbrevet.',
                en: 'You already subscribe to the newsletter.',
              },
          language,
        );
      });
    },

    async confirmPage(ctx: Context) {
      await askPage(
        ctx,
        await subscriptionFor(ctx, subscriptionForConfirmToken),
        'confirm',
        PAGES.confirmAsk,
      );
    },

    async confirm(ctx: Context) {
      const token = tokenOf(ctx);
      const language = token ? await confirmSubscription(strapi, token) : null;
      if (!language) return invalidLink(ctx, visitorLanguage(ctx));
      if (pressedOnPage(ctx)) return toPortalResult(ctx, language, 'confirmed');
      respondPage(ctx, 200, page(language, PAGES.confirmed.title, PAGES.confirmed.body), {
        status: 'confirmed',
      });
    },

    async unsubscribePage(ctx: Context) {
      await askPage(
        ctx,
        await subscriptionFor(ctx, subscriptionForUnsubscribeToken),
        'unsubscribe',
        PAGES.unsubscribeAsk,
      );
    },

    /** RFC 8058 one-click (List-Unsubscribe=One-Click from a mail client) or the page's button. */
    async unsubscribe(ctx: Context) {
      const token = tokenOf(ctx);
      const language = token ? await unsubscribe(strapi, token) : null;
      if (!language) return invalidLink(ctx, visitorLanguage(ctx));
      if (pressedOnPage(ctx)) return toPortalResult(ctx, language, 'unsubscribed');
      respondPage(ctx, 200, page(language, PAGES.unsubscribed.title, PAGES.unsubscribed.body), {
        status: 'unsubscribed',
      });
    },
  };
};

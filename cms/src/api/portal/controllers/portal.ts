import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  MAGAZINE_ORDER_MESSAGES,
  REGISTRATION_MESSAGES,
  SUBSCRIPTION_MESSAGES,
  magazineOrderSchema,
  registrationSchema,
  subscriptionSchema,
  tokenSchema,
  type Locale,
} from '@tasteget/shared';
import { issueChallenge } from '../../../portal/challenge';
import { handleForm } from '../../../portal/forms';
import { visitorLanguage } from '../../../portal/language';
import { PAGES, page } from '../../../portal/pages';
import { created, validationError } from '../../../portal/responses';
import {
  UnknownEditionError,
  confirmSubscription,
  orderMagazine,
  registerHousehold,
  subscribe,
  subscriptionForConfirmToken,
  subscriptionForUnsubscribeToken,
  unsubscribe,
} from '../../../register/intake';

const dueDate = (date: Date, language: Locale) =>
  new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'Europe/Stockholm',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(date);

const EDITION_ERROR = {
  sv: 'Välj en utgåva av magasinet som går att beställa.',
  en: 'Choose an edition of the magazine that can be ordered.',
};

/** Answers with HTML to browsers and JSON to clients that ask for it. */
function respondPage(ctx: Context, status: number, html: string, json: Record<string, unknown>) {
  ctx.status = status;
  if (ctx.accepts(['html', 'json']) === 'json') ctx.body = json;
  else {
    ctx.type = 'html';
    ctx.body = html;
  }
}

function tokenOf(ctx: Context): string | null {
  const parsed = tokenSchema.safeParse(ctx.query.token);
  return parsed.success ? parsed.data : null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async challenge(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await issueChallenge();
  },

  async register(ctx: Context) {
    await handleForm(strapi, ctx, registrationSchema, REGISTRATION_MESSAGES, async (input, language) => {
      try {
        const result = await registerHousehold(strapi, input);
        const due = dueDate(result.firstResponseDueAt, language);
        created(
          ctx,
          {
            sv: `Tack! Vi har tagit emot din registrering. En flyttvägledare kontaktar dig senast ${dueDate(result.firstResponseDueAt, 'sv')}.`,
            en: `Thank you! We have received your registration. A relocation guide will contact you by ${dueDate(result.firstResponseDueAt, 'en')}.`,
          },
          language,
          { firstResponseDueAt: result.firstResponseDueAt.toISOString(), firstResponseDue: due },
        );
      } catch (error) {
        if (!(error instanceof UnknownEditionError)) throw error;
        validationError(ctx, [{ path: ['magazine', 'edition'], message: EDITION_ERROR }], language);
      }
    });
  },

  async orderMagazine(ctx: Context) {
    await handleForm(strapi, ctx, magazineOrderSchema, MAGAZINE_ORDER_MESSAGES, async (input, language) => {
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
    await handleForm(strapi, ctx, subscriptionSchema, SUBSCRIPTION_MESSAGES, async (input, language) => {
      const outcome = await subscribe(strapi, input);
      created(
        ctx,
        outcome === 'pending'
          ? {
              sv: 'Nästan klart! Vi har skickat ett mejl till dig – bekräfta prenumerationen via länken i det.',
              en: 'Almost done! We have sent you an e-mail – confirm the subscription through its link.',
            }
          : { sv: 'Du prenumererar redan på nyhetsbrevet.', en: 'You already subscribe to the newsletter.' },
        language,
      );
    });
  },

  async confirmPage(ctx: Context) {
    const token = tokenOf(ctx);
    const subscription = token ? await subscriptionForConfirmToken(strapi, token) : null;
    const language = subscription?.language ?? visitorLanguage(ctx);
    if (!token || !subscription) {
      return respondPage(ctx, 400, page(language, PAGES.invalidLink.title, PAGES.invalidLink.body), {
        error: 'invalid-token',
      });
    }
    const ask = PAGES.confirmAsk;
    respondPage(
      ctx,
      200,
      page(language, ask.title, ask.body, {
        action: `/api/newsletter/confirm?token=${token}`,
        button: ask.button,
      }),
      {
        status: subscription.status,
      },
    );
  },

  async confirm(ctx: Context) {
    const token = tokenOf(ctx);
    const language = token ? await confirmSubscription(strapi, token) : null;
    if (!language) {
      const l = visitorLanguage(ctx);
      return respondPage(ctx, 400, page(l, PAGES.invalidLink.title, PAGES.invalidLink.body), {
        error: 'invalid-token',
      });
    }
    respondPage(ctx, 200, page(language, PAGES.confirmed.title, PAGES.confirmed.body), {
      status: 'confirmed',
    });
  },

  async unsubscribePage(ctx: Context) {
    const token = tokenOf(ctx);
    const subscription = token ? await subscriptionForUnsubscribeToken(strapi, token) : null;
    const language = subscription?.language ?? visitorLanguage(ctx);
    if (!token || !subscription) {
      return respondPage(ctx, 400, page(language, PAGES.invalidLink.title, PAGES.invalidLink.body), {
        error: 'invalid-token',
      });
    }
    const ask = PAGES.unsubscribeAsk;
    respondPage(
      ctx,
      200,
      page(language, ask.title, ask.body, {
        action: `/api/newsletter/unsubscribe?token=${token}`,
        button: ask.button,
      }),
      { status: subscription.status },
    );
  },

  /** RFC 8058 one-click (List-Unsubscribe=One-Click from a mail client) or the page's button. */
  async unsubscribe(ctx: Context) {
    const token = tokenOf(ctx);
    const language = token ? await unsubscribe(strapi, token) : null;
    if (!language) {
      const l = visitorLanguage(ctx);
      return respondPage(ctx, 400, page(l, PAGES.invalidLink.title, PAGES.invalidLink.body), {
        error: 'invalid-token',
      });
    }
    respondPage(ctx, 200, page(language, PAGES.unsubscribed.title, PAGES.unsubscribed.body), {
      status: 'unsubscribed',
    });
  },
});

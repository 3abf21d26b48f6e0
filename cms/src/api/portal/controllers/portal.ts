import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  MAGAZINE_ORDER_FORM_ENCODING,
  MAGAZINE_ORDER_MESSAGES,
  REGISTRATION_FORM_ENCODING,
  REGISTRATION_MESSAGES,
  SUBSCRIPTION_FORM_ENCODING,
  SUBSCRIPTION_MESSAGES,
  EVENT_REGISTRATION_FORM_ENCODING,
  EVENT_REGISTRATION_MESSAGES,
  eventPlacesQuerySchema,
  eventRegistrationSchema,
  PREFERENCES_FORM_ENCODING,
  PREFERENCES_MESSAGES,
  decodeFormBody,
  fieldErrors,
  magazineOrderSchema,
  preferencesSchema,
  normalizePhone,
  registrationSchema,
  subscriptionSchema,
  tokenSchema,
  preferenceCentreUrl,
  LEFT_NEWSLETTER_FRAGMENT,
  PREFERENCES_FRAGMENT,
  PREFERENCES_LINK_TEXT,
  PREFERENCES_TOKEN,
  BEACON_MAX_BYTES,
  beaconSchema,
  type Label,
  type Locale,
} from '@tasteget/shared';
import { listedNewsletters, listedView } from '../../../contacts/newsletters';
import {
  currentPreferences,
  preferencesOwner,
  savePreferences,
  type Preferences,
} from '../../../contacts/preferences';
import { preferencesPage, type PreferencesOutcome } from '../../../intake/preferences-page';
import { countConversion, countView } from '../../../statistics/visits';
import { environment } from '../../../platform/environment';
import { CONTACT } from '../../../platform/content-types';
import { linkTokenId } from '../../../platform/link-tokens';
import { setContactConsent } from '../../../contacts/consent-log';
import { CHALLENGE_MESSAGES, issueChallenge } from '../../../intake/challenge';
import { handleForm } from '../../../intake/forms';
import { visitorLanguage } from '../../../intake/language';
import { sendPage } from '../../../intake/page-shell';
import { partnerOrigins } from '../../../intake/origins';
import { mailLinkUrl } from '../../../intake/endpoints';
import { PAGES, TEST_MAIL_TOKEN, page } from '../../../intake/pages';
import { clientError, created, validationError } from '../../../intake/responses';
import { acceptRegistration, wakeIntake } from '../../../intake/inbox';
import { UnknownEditionError, orderMagazine, orderableEdition } from '../../../contacts/magazine-orders';
import {
  cancelRegistration,
  EventClosedError,
  placesLeft,
  registerForEvent,
  registrationForCancelToken,
} from '../../../contacts/event-registrations';
import {
  confirmLinkExpired,
  confirmSubscription,
  subscribe,
  newsletterNames,
  subscriptionsForConfirmToken,
  subscriptionForUnsubscribeToken,
  UnknownNewsletterError,
  unsubscribe,
} from '../../../contacts/subscriptions';

/** What a wrong query of an event's places is told, per field. */
const PLACES_QUERY_MESSAGES = {
  event: { sv: 'Ange evenemangets adressnamn.', en: "Give the event's slug." },
  language: { sv: 'Ange språket sv eller en.', en: 'Give the language sv or en.' },
};

/** The public forms: the shared schema, its messages and its no-JavaScript encoding. */
const FORMS = {
  registration: {
    schema: registrationSchema,
    messages: REGISTRATION_MESSAGES,
    encoding: REGISTRATION_FORM_ENCODING,
    page: 'register' as const,
    // Spent with its inbox row, in one statement (`acceptRegistration`).
    spendsProofItself: true,
  },
  magazineOrder: {
    schema: magazineOrderSchema,
    messages: MAGAZINE_ORDER_MESSAGES,
    encoding: MAGAZINE_ORDER_FORM_ENCODING,
    page: 'magazine' as const,
  },
  subscription: {
    schema: subscriptionSchema,
    messages: SUBSCRIPTION_MESSAGES,
    encoding: SUBSCRIPTION_FORM_ENCODING,
    page: 'newsletter' as const,
  },
  eventRegistration: {
    schema: eventRegistrationSchema,
    messages: EVENT_REGISTRATION_MESSAGES,
    encoding: EVENT_REGISTRATION_FORM_ENCODING,
    page: 'events' as const,
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

/**
 * The portal's result page, which offers the preference centre of `preferences` (a token) and,
 * after leaving, names the newsletter `left` (a slug).
 */
function toPortalResult(
  ctx: Context,
  language: Locale,
  result: keyof typeof RESULT_PAGES,
  preferences: string,
  left?: string,
) {
  ctx.status = 303;
  const site = environment().SITE_URL.replace(/\/$/, '');
  const fragment = new URLSearchParams({
    [PREFERENCES_FRAGMENT]: preferences,
    ...(left ? { [LEFT_NEWSLETTER_FRAGMENT]: left } : {}),
  });
  ctx.redirect(`${site}${RESULT_PAGES[result][language]}#${fragment}`);
}

/** The portal's subscribe pages, where an expired opt-in link sends the person. */
const SUBSCRIBE_PAGES = { sv: '/nyhetsbrev', en: '/en/newsletter' } as const;

function expiredLink(ctx: Context, language: Locale) {
  const site = environment().SITE_URL.replace(/\/$/, '');
  const { title, body, link } = PAGES.expiredLink;
  const href = { sv: `${site}${SUBSCRIBE_PAGES.sv}`, en: `${site}${SUBSCRIBE_PAGES.en}` };
  respondPage(ctx, 410, page(language, title, body, undefined, { href, text: link }), {
    error: 'expired-token',
  });
}

function invalidLink(ctx: Context, language: Locale) {
  if (ctx.query.token === TEST_MAIL_TOKEN) {
    const { title, body } = PAGES.testMailLink;
    return respondPage(ctx, 200, page(language, title, body), { status: 'test-mail' });
  }
  // Spends the sender's junk-token budget (intake/limits.ts).
  (ctx.state as { unknownToken?: boolean }).unknownToken = true;
  respondPage(ctx, 400, page(language, PAGES.invalidLink.title, PAGES.invalidLink.body), {
    error: 'invalid-token',
  });
}

/**
 * A link's request the register could not answer (the database is down or overloaded): 503 with
 * Retry-After, never a 2xx, so a mail client tries its one-click unsubscribe again and a person
 * is told to.
 */
const RETRY_AFTER_SECONDS = 60;
async function orUnavailable(strapi: Core.Strapi, ctx: Context, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    strapi.log.error(`portal: ${ctx.method} ${ctx.path} could not be answered: ${(error as Error).message}`);
    ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
    const language = visitorLanguage(ctx);
    respondPage(ctx, 503, page(language, PAGES.unavailable.title, PAGES.unavailable.body), {
      error: 'unavailable',
    });
  }
}

/** A link page's way on to the preference centre of the person `token` names. */
function preferencesOnward(token: string) {
  const href = preferenceCentreUrl('', token);
  return { href: { sv: href, en: href }, text: PREFERENCES_LINK_TEXT };
}

function preferencesToken(ctx: Context): string | null {
  const token = ctx.query.token;
  return typeof token === 'string' && PREFERENCES_TOKEN.test(token) ? token : null;
}

/** The query parameter the preference centre's page is sent on with after a save. */
const SAVED_PARAMETER = 'saved';
const SAVED_OUTCOMES: readonly PreferencesOutcome[] = ['saved', 'saved-none', 'left-all'];

/** What the save before this page did, as the redirect after it says. */
function savedOutcome(ctx: Context): PreferencesOutcome | undefined {
  const said = ctx.query[SAVED_PARAMETER];
  return SAVED_OUTCOMES.find((outcome) => outcome === said);
}

function respondPreferences(
  ctx: Context,
  status: number,
  prefs: Preferences,
  token: string,
  outcome?: PreferencesOutcome,
) {
  const action = preferenceCentreUrl('', token);
  respondPage(ctx, status, preferencesPage(prefs, action, outcome), {
    ...(outcome ? { outcome } : {}),
    language: prefs.language,
    newsletters: prefs.newsletters.map((n) => ({ slug: n.slug, name: n.name, receiving: n.receiving })),
    interests: prefs.interests,
    municipalities: prefs.municipalities,
  });
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
}

type Ask = { title: Label; body: (newsletters: Label) => Label; button: Label };
type LinkSubscription = Parameters<typeof newsletterNames>[0][number] &
  Parameters<typeof confirmLinkExpired>[0] & {
    subscriptionStatus: string;
    language: Locale;
    unsubscribeToken: string;
  };
type TokenLookup = (strapi: Core.Strapi, token: string) => Promise<LinkSubscription[]>;

/** The contact a consent-withdrawal link names, when its token is genuine. */
async function contactOfWithdrawLink(strapi: Core.Strapi, ctx: Context) {
  const documentId = linkTokenId('withdraw-contact-consent', ctx.query.token);
  if (!documentId) return null;
  return (await strapi.db.query(CONTACT).findOne({
    where: { documentId },
    select: ['documentId', 'language', 'contactConsentWithdrawnAt'],
  })) as { documentId: string; language: Locale; contactConsentWithdrawnAt: string | null } | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The subscriptions a link's token names, with the token; null when either is unknown. */
  const subscriptionsFor = async (ctx: Context, lookup: TokenLookup) => {
    const token = tokenOf(ctx);
    const subscriptions = token ? await lookup(strapi, token) : [];
    return token && subscriptions.length > 0 ? { token, subscriptions } : null;
  };

  /**
   * The page a link in a mail opens: it asks, and only its button (a POST) acts. Opened again once
   * it is done, it says so, with no button to press for nothing.
   */
  const askPage = async (
    ctx: Context,
    found: Awaited<ReturnType<typeof subscriptionsFor>>,
    action: 'confirm' | 'unsubscribe',
    ask: Ask,
  ) => {
    if (!found) return invalidLink(ctx, visitorLanguage(ctx));
    const { token, subscriptions } = found;
    const [{ language, subscriptionStatus }] = subscriptions;
    const form = { action: mailLinkUrl(`/newsletter/${action}`, token), button: ask.button };
    const names = newsletterNames(subscriptions);
    const body = ask.body(names);
    // Leaving one newsletter is a click; the rest of what the person gets is one more away. The
    // confirm link's token does not open the preference centre: every unsubscribe token does.
    const onward = preferencesOnward(subscriptions[0].unsubscribeToken);
    const doneStatus = action === 'unsubscribe' ? 'unsubscribed' : 'confirmed';
    if (subscriptions.every((s) => s.subscriptionStatus === doneStatus)) {
      const done =
        doneStatus === 'unsubscribed'
          ? { ...PAGES.unsubscribed, body: PAGES.unsubscribed.named(names) }
          : PAGES.confirmed;
      respondPage(ctx, 200, page(language, done.title, done.body, undefined, onward), {
        status: subscriptionStatus,
      });
      return;
    }
    const asking = page(language, ask.title, body, form, action === 'unsubscribe' ? onward : undefined);
    respondPage(ctx, 200, asking, { status: subscriptionStatus });
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
      // The form waits this long before it sends, rather than be refused as too fast.
      ctx.body = { ...(await issueChallenge()), minFillSeconds: environment().PORTAL_MIN_FILL_SECONDS };
    },

    async register(ctx: Context) {
      await handleForm(strapi, ctx, FORMS.registration, async (input, language, proof) => {
        if (!embedAllowed(input)) {
          return validationError(
            ctx,
            [{ path: ['embedOrigin'], message: REGISTRATION_MESSAGES.embedOrigin }],
            language,
          );
        }
        // One number, one string: stored in E.164, validated for its country (Swedish unless it
        // says otherwise).
        const phone = (input.phone && normalizePhone(input.phone)) || undefined;
        if (input.phone && !phone) {
          return validationError(ctx, [{ path: ['phone'], message: REGISTRATION_MESSAGES.phone }], language);
        }
        if (input.magazine && !(await orderableEdition(strapi, input.magazine.edition))) {
          return validationError(ctx, [{ path: ['magazine', 'edition'], message: EDITION_ERROR }], language);
        }
        // Acknowledged once durably stored; the inbox worker folds it into the register at once.
        if ((await acceptRegistration(strapi, { ...input, phone }, proof)) === 'reused') {
          return validationError(
            ctx,
            [{ path: ['challenge'], message: CHALLENGE_MESSAGES.reused }],
            language,
          );
        }
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

    /** A sign-up to an event: a place, or the waiting list when it is full. */
    async registerForEvent(ctx: Context) {
      await handleForm(strapi, ctx, FORMS.eventRegistration, async (input, language) => {
        // The organiser calls the number: one that is no number is refused, as on the registration.
        const phone = (input.phone && normalizePhone(input.phone)) || undefined;
        if (input.phone && !phone) {
          return validationError(
            ctx,
            [{ path: ['phone'], message: EVENT_REGISTRATION_MESSAGES.phone }],
            language,
          );
        }
        let outcome: Awaited<ReturnType<typeof registerForEvent>>;
        try {
          outcome = await registerForEvent(strapi, { ...input, phone });
        } catch (error) {
          if (!(error instanceof EventClosedError)) throw error;
          return validationError(
            ctx,
            [{ path: ['event'], message: EVENT_REGISTRATION_MESSAGES.event }],
            language,
          );
        }
        // A sign-up already made is answered as a new one (its mail says so), never "already".
        created(ctx, PAGES.eventSignUp[outcome.status], language);
      });
    },

    /** Whether an event takes sign-ups and how many places are left, for its page's form. */
    async eventPlaces(ctx: Context) {
      const query = ctx.query as Record<string, unknown>;
      const language = visitorLanguage(ctx, query.language);
      const parsed = eventPlacesQuerySchema.safeParse(query);
      if (!parsed.success) {
        // Each field that is wrong, by its own message.
        const wrong = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
        return validationError(
          ctx,
          [...wrong].map((field) => ({
            path: [field],
            message:
              PLACES_QUERY_MESSAGES[field as keyof typeof PLACES_QUERY_MESSAGES] ??
              PLACES_QUERY_MESSAGES.event,
          })),
          language,
        );
      }
      // Places change with every sign-up: a reload after signing up must show the new count.
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await placesLeft(strapi, parsed.data.event, parsed.data.language) };
    },

    /** The page behind a sign-up's cancel link: it asks, and its button cancels. */
    async cancelRegistrationPage(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        const token = tokenOf(ctx);
        const found = token ? await registrationForCancelToken(strapi, token) : null;
        if (!token || !found) return invalidLink(ctx, visitorLanguage(ctx));
        if (found.registrationStatus === 'cancelled') {
          const { title, body } = PAGES.eventAlreadyCancelled;
          const named = { sv: `${body.sv} ${found.eventTitle}.`, en: `${body.en} ${found.eventTitle}.` };
          respondPage(ctx, 200, page(found.language, title, named), { status: found.registrationStatus });
          return;
        }
        const { title, body, button } = PAGES.eventCancelAsk;
        const form = { action: mailLinkUrl('/event-registrations/cancel', token), button };
        const named = { sv: `${body.sv} ${found.eventTitle}`, en: `${body.en} ${found.eventTitle}` };
        respondPage(ctx, 200, page(found.language, title, named, form), { status: found.registrationStatus });
      });
    },

    async cancelRegistration(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        const token = tokenOf(ctx);
        const cancelled = token ? await cancelRegistration(strapi, token) : null;
        if (!cancelled) return invalidLink(ctx, visitorLanguage(ctx));
        const { title, body } = PAGES.eventCancelled;
        respondPage(ctx, 200, page(cancelled.language, title, body), { status: 'cancelled' });
      });
    },

    /**
     * The statistics beacon: 204 whatever it counts. Do-Not-Track and Global Privacy Control are
     * honoured here too, so a visitor who asks not to be counted is not, whatever the page sent.
     */
    async countHit(ctx: Context) {
      const language = visitorLanguage(ctx);
      if (Number(ctx.get('content-length') || 0) > BEACON_MAX_BYTES) {
        return clientError(
          ctx,
          413,
          'PayloadTooLargeError',
          { sv: `Högst ${BEACON_MAX_BYTES} byte.`, en: `At most ${BEACON_MAX_BYTES} bytes.` },
          language,
        );
      }
      const parsed = beaconSchema.safeParse((ctx.request as { body?: unknown }).body ?? {});
      if (!parsed.success) {
        return validationError(
          ctx,
          parsed.error.issues.map((issue) => ({
            path: issue.path.map(String),
            message: { sv: 'Ogiltigt värde.', en: 'Invalid value.' },
          })),
          language,
        );
      }
      ctx.status = 204;
      ctx.set('Cache-Control', 'no-store');
      if (ctx.get('dnt') === '1' || ctx.get('sec-gpc') === '1') return;
      const beacon = parsed.data;
      if (beacon.t === 'conversion') return countConversion(strapi, beacon);
      await countView(strapi, beacon, {
        ip: ctx.request.ip,
        userAgent: ctx.get('user-agent'),
        siteHost: new URL(environment().SITE_URL).hostname,
      });
    },

    /** The newsletters the subscribe form offers (read by the portal's build). */
    async newsletters(ctx: Context) {
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = { data: (await listedNewsletters(strapi)).map(listedView) };
    },

    async subscribe(ctx: Context) {
      await handleForm(strapi, ctx, FORMS.subscription, async (input, language) => {
        try {
          await subscribe(strapi, input);
        } catch (error) {
          if (!(error instanceof UnknownNewsletterError)) throw error;
          return validationError(
            ctx,
            [{ path: ['newsletters'], message: SUBSCRIPTION_MESSAGES.newsletters }],
            language,
          );
        }
        // The same answer whether the address subscribes already or not (its mail says which), so
        // the form tells no one who subscribes.
        created(
          ctx,
          {
            sv: 'Nästan klart! Vi har skickat ett mejl till dig – bekräfta prenumerationen via länken i det.',
            en: 'Almost done! We have sent you an e-mail – confirm the subscription through its link.',
          },
          language,
        );
      });
    },

    async confirmPage(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        const found = await subscriptionsFor(ctx, subscriptionsForConfirmToken);
        const pending = found?.subscriptions.filter((s) => s.subscriptionStatus === 'pending') ?? [];
        if (pending.some((s) => confirmLinkExpired(s))) return expiredLink(ctx, pending[0].language);
        await askPage(ctx, found, 'confirm', PAGES.confirmAsk);
      });
    },

    async confirm(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        const token = tokenOf(ctx);
        const confirmed = token ? await confirmSubscription(strapi, token) : null;
        if (!confirmed) return invalidLink(ctx, visitorLanguage(ctx));
        const { language } = confirmed;
        if (confirmed.outcome === 'expired') return expiredLink(ctx, language);
        if (pressedOnPage(ctx)) return toPortalResult(ctx, language, 'confirmed', confirmed.preferencesToken);
        const onward = preferencesOnward(confirmed.preferencesToken);
        respondPage(
          ctx,
          200,
          page(language, PAGES.confirmed.title, PAGES.confirmed.body, undefined, onward),
          {
            status: 'confirmed',
          },
        );
      });
    },

    async unsubscribePage(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        await askPage(
          ctx,
          await subscriptionsFor(ctx, async (strapi, token) => {
            const subscription = await subscriptionForUnsubscribeToken(strapi, token);
            return subscription ? [subscription] : [];
          }),
          'unsubscribe',
          PAGES.unsubscribeAsk,
        );
      });
    },

    async withdrawConsentPage(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        const contact = await contactOfWithdrawLink(strapi, ctx);
        if (!contact) return invalidLink(ctx, visitorLanguage(ctx));
        const form = { action: ctx.url, button: PAGES.withdrawAsk.button };
        const shown = contact.contactConsentWithdrawnAt
          ? page(contact.language, PAGES.withdrawn.title, PAGES.withdrawn.body)
          : page(contact.language, PAGES.withdrawAsk.title, PAGES.withdrawAsk.body, form);
        respondPage(ctx, 200, shown, { status: contact.contactConsentWithdrawnAt ? 'withdrawn' : 'given' });
        ctx.set(
          'Content-Security-Policy',
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        );
      });
    },

    /** The page's button: the person takes back their consent to be contacted (harmless to repeat). */
    async withdrawConsent(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        const contact = await contactOfWithdrawLink(strapi, ctx);
        if (!contact) return invalidLink(ctx, visitorLanguage(ctx));
        await setContactConsent(strapi, contact.documentId, { event: 'withdrawn', source: 'link' });
        respondPage(ctx, 200, page(contact.language, PAGES.withdrawn.title, PAGES.withdrawn.body), {
          status: 'withdrawn',
        });
      });
    },

    /** The preference centre's page (a link in every newsletter's unsubscribe page and the receipts). */
    async preferencesPage(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        const token = preferencesToken(ctx);
        const owner = token ? await preferencesOwner(strapi, token) : null;
        if (!token || !owner) return invalidLink(ctx, visitorLanguage(ctx));
        const prefs = await currentPreferences(strapi, owner);
        respondPreferences(ctx, 200, prefs, token, savedOutcome(ctx));
      });
    },

    /** The preference centre's form: saved, then the page again with what is now true. */
    async savePreferences(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        const token = preferencesToken(ctx);
        const owner = token ? await preferencesOwner(strapi, token) : null;
        if (!token || !owner) return invalidLink(ctx, visitorLanguage(ctx));
        const body = (ctx.request as { body?: unknown }).body;
        // The form says everything it holds, and an unticked box is not sent: a body that is no
        // form, or a form without the button pressed (the page's both name an action), would read
        // as "untick everything" and leave every newsletter. Such a body changes nothing.
        const sent =
          Boolean(ctx.is('json', 'urlencoded', 'multipart')) &&
          typeof body === 'object' &&
          body !== null &&
          !Array.isArray(body) &&
          'action' in body;
        const parsed = sent
          ? preferencesSchema.safeParse(
              ctx.is('json') ? body : decodeFormBody(body, PREFERENCES_FORM_ENCODING),
            )
          : preferencesSchema.safeParse({ action: null });
        const language = visitorLanguage(ctx);
        if (!parsed.success) {
          // The page's own form, sent without JavaScript: the page again, saying nothing changed.
          if (!ctx.is('json')) {
            return respondPreferences(ctx, 400, await currentPreferences(strapi, owner), token, 'invalid');
          }
          return validationError(ctx, fieldErrors(parsed.error, PREFERENCES_MESSAGES), language);
        }
        try {
          await savePreferences(strapi, owner, parsed.data);
        } catch (error) {
          if (!(error instanceof UnknownNewsletterError)) throw error;
          if (!ctx.is('json')) {
            return respondPreferences(ctx, 400, await currentPreferences(strapi, owner), token, 'invalid');
          }
          return validationError(
            ctx,
            [{ path: ['newsletters'], message: PREFERENCES_MESSAGES.newsletters }],
            language,
          );
        }
        const prefs = await currentPreferences(strapi, owner);
        const outcome =
          parsed.data.action === 'leave-all'
            ? 'left-all'
            : prefs.newsletters.some((n) => n.receiving)
              ? 'saved'
              : 'saved-none';
        if (ctx.is('json')) return respondPreferences(ctx, 200, prefs, token, outcome);
        // The page's own form: on to the page (303), so that reloading it sends nothing again.
        ctx.status = 303;
        ctx.redirect(`${preferenceCentreUrl('', token)}&${SAVED_PARAMETER}=${outcome}`);
      });
    },

    /** RFC 8058 one-click (List-Unsubscribe=One-Click from a mail client) or the page's button. */
    async unsubscribe(ctx: Context) {
      await orUnavailable(strapi, ctx, async () => {
        const token = tokenOf(ctx);
        const left = token ? await unsubscribe(strapi, token) : null;
        if (!left) return invalidLink(ctx, visitorLanguage(ctx));
        const { language, newsletter } = left;
        if (pressedOnPage(ctx)) {
          return toPortalResult(ctx, language, 'unsubscribed', token!, newsletter.slug);
        }
        const { title, named } = PAGES.unsubscribed;
        respondPage(ctx, 200, page(language, title, named(newsletter.name)), {
          status: 'unsubscribed',
          newsletter: newsletter.slug,
        });
      });
    },
  };
};

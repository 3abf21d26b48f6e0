import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Label, Locale } from '@tasteget/shared';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { environment } from '../platform/environment';
import { isRefusal, sharedLimiter } from '../platform/shared-limits';
import { unreadableEncoding } from '../platform/plain-validation';
import { visitorLanguage } from './language';
import { isFormPost, noScriptRefusal } from './no-script';
import { clientError } from './responses';
import { sendPage } from './page-shell';
import { page } from './pages';
import { PER_VIEW_PATHS, PORTAL_PATHS, TOKEN_PATHS, routePath } from './endpoints';
import { partnerOrigins } from './origins';

/**
 * Guards the public portal endpoints before their bodies are parsed: a per-IP rate limit per
 * endpoint (429 with Retry-After) and a body size limit (413). The limits are shared by every CMS
 * process (platform/shared-limits.ts): behind a proxy, an IP gets the limit in total.
 *
 * The endpoints behind mail links (TOKEN_PATHS) are authorised by their token instead: a valid
 * token is never limited, so an unsubscribe is never refused however many a mailbox provider
 * sends from one address; a request whose token is unknown spends the IP's junk budget
 * (PORTAL_JUNK_TOKEN_LIMIT a minute), and beyond it is answered 429.
 */
/**
 * A refused body is read and thrown away before the answer goes out: Node closes a kept-alive
 * connection whose request was not fully read, and a client still sending would see a reset
 * instead of the 413 or 429. Bodies beyond DRAIN_LIMIT, or slower than DRAIN_TIMEOUT_MS, are not
 * waited for.
 */
const DRAIN_LIMIT = 2 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 2_000;

async function drainBody(ctx: Context) {
  const req = ctx.req;
  if (req.readableEnded || Number(req.headers['content-length'] ?? 0) > DRAIN_LIMIT) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    req.once('end', done);
    req.once('error', done);
    req.once('close', done);
    req.resume();
  });
}

const REFUSED_TITLE: Label = { sv: 'Det gick inte just nu', en: 'That did not work just now' };

/**
 * JSON in Strapi's error shape; a page when a browser posted the form without JavaScript, or
 * opened a mail's link (the link's own answers are pages).
 */
async function refuse(ctx: Context, status: number, name: string, message: Label, language: Locale) {
  await drainBody(ctx);
  if (isFormPost(ctx)) return noScriptRefusal(ctx, status, message, language);
  if (
    TOKEN_PATHS.has(routePath(ctx.path)) &&
    ctx.method === 'GET' &&
    ctx.accepts(['html', 'json']) === 'html'
  ) {
    return sendPage(ctx, status, page(language, REFUSED_TITLE, message));
  }
  clientError(ctx, status, name, message, language);
}

/**
 * A browser names the page a POST comes from (`Origin`). The partner sites may post, and so may
 * the CMS's own pages (the no-script "check and send" page, the pages behind mail links: the
 * request's own origin, or PUBLIC_URL's); any other origin, and the opaque `null`, is refused
 * before anything is read. A request without the header is not a browser's form post (a mail
 * client's one-click unsubscribe, a server): it goes on to the challenge every form needs.
 */
function originAllowed(ctx: Context): boolean {
  const origin = ctx.get('origin');
  if (!origin) return true;
  const own = [ctx.request.origin, new URL(environment().PUBLIC_URL).origin];
  return own.includes(origin) || partnerOrigins().includes(origin);
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const env = environment();
  const maxBytes = env.PORTAL_BODY_LIMIT_KB * 1024;
  // Made on the first request: the database is not connected while middlewares are registered.
  let limiters:
    | Promise<{
        perEndpoint: RateLimiterAbstract;
        junkTokens: RateLimiterAbstract;
        beacons: RateLimiterAbstract;
      }>
    | undefined;
  const shared = () =>
    (limiters ??= Promise.all([
      sharedLimiter(strapi, { name: 'portal', points: env.PORTAL_RATE_LIMIT, duration: 60 }),
      sharedLimiter(strapi, { name: 'junk-token', points: env.PORTAL_JUNK_TOKEN_LIMIT, duration: 60 }),
      sharedLimiter(strapi, { name: 'beacon', points: env.PORTAL_BEACON_LIMIT, duration: 60 }),
    ]).then(
      ([perEndpoint, junkTokens, beacons]) => ({ perEndpoint, junkTokens, beacons }),
      (error: unknown) => {
        limiters = undefined; // the next request tries again
        throw error;
      },
    ));

  /** Spends a point of `bucket`; the refusal to send when none is left, else null. */
  const spend = async (bucket: RateLimiterAbstract, key: string, ctx: Context, language: Locale) => {
    try {
      await bucket.consume(key);
      return null;
    } catch (rejection) {
      if (!isRefusal(rejection)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      ctx.set('Retry-After', String(seconds));
      return () =>
        refuse(
          ctx,
          429,
          'RateLimitError',
          {
            sv: `För många förfrågningar. Försök igen om ${seconds} sekunder.`,
            en: `Too many requests. Try again in ${seconds} seconds.`,
          },
          language,
        );
    }
  };

  return async (ctx, next) => {
    const path = routePath(ctx.path);
    if (!PORTAL_PATHS.has(path)) return next();
    const language = visitorLanguage(ctx);
    const byToken = TOKEN_PATHS.has(path);

    if (!byToken) {
      const { perEndpoint, beacons } = await shared();
      const bucket = PER_VIEW_PATHS.has(path) ? beacons : perEndpoint;
      const refusal = await spend(bucket, `${ctx.ip}:${ctx.method}:${path}`, ctx, language);
      if (refusal) return refusal();
    }

    if (ctx.method === 'POST' && !originAllowed(ctx)) {
      return refuse(
        ctx,
        403,
        'ForbiddenError',
        {
          sv: 'Formuläret kan inte skickas från den här webbplatsen.',
          en: 'The form cannot be sent from this website.',
        },
        language,
      );
    }

    const tooLarge = () =>
      refuse(
        ctx,
        413,
        'PayloadTooLargeError',
        {
          sv: 'Formuläret innehåller för mycket text. Korta ner det och försök igen.',
          en: 'The form contains too much text. Shorten it and try again.',
        },
        language,
      );
    if (Number(ctx.get('content-length') || 0) > maxBytes) return tooLarge();
    // A multipart body is written to disk as it is parsed, whatever its size: without a length to
    // refuse it by, a form's is refused before it is read (browsers say their length). A mail
    // link's is taken (a one-click unsubscribe may come multipart from any client, and is never
    // refused); its file, as any, is removed once answered (platform/request-files.ts).
    if (!byToken && ctx.is('multipart') && !ctx.get('content-length')) return tooLarge();
    try {
      await next();
      // An unknown token (the handler marked it) spends the junk budget; past it, 429.
      if (byToken && (ctx.state as { unknownToken?: boolean }).unknownToken) {
        const refusal = await spend((await shared()).junkTokens, ctx.ip, ctx, language);
        if (refusal) await refusal();
      }
    } catch (error) {
      const e = error as { status?: number; type?: string; name?: string };
      // A chunked body (no Content-Length to refuse it by) past the body parser's own limit:
      // the same answer. Under that limit the form's schema bounds every field.
      if (e.status === 413 && e.type === 'entity.too.large') return tooLarge();
      // A body that is not JSON at all, or not compressed as it says: the visitor's client sent
      // something unreadable.
      const encoding = unreadableEncoding(error);
      if (!encoding && (e.status !== 400 || !(error instanceof SyntaxError))) throw error;
      await refuse(
        ctx,
        encoding === 'unsupported' ? 415 : 400,
        'ValidationError',
        {
          sv: 'Formuläret kunde inte läsas. Ladda om sidan och försök igen.',
          en: 'The form could not be read. Reload the page and try again.',
        },
        language,
      );
    }
  };
};

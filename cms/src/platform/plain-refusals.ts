import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { outOfScopeReason } from './access-scopes';
import { bilingual, refuse, type Messages } from './admin-errors';
import {
  isNotJson,
  isTooLarge,
  NOT_JSON,
  plainValidation,
  TOO_LARGE,
  unreadableEncoding,
  type FieldLabels,
} from './plain-validation';

/**
 * Strapi refuses what a role may not do with a bare "Forbidden" (its permission checks) or
 * "Policy Failed" (a route's policy), in English and without a reason. Staff are owed the
 * project's refusal style ("svenska / English", admin-errors.ts), so this middleware, right inside
 * Strapi's error middleware, gives those two a message that says what happened: another
 * municipality's or queue's record when the role may do the action on others (access-scopes.ts),
 * else that the role may not. A refusal that
 * already carries a reason of its own (the queue and municipality rules) passes unchanged, and so
 * does the public API's, whose callers are not staff.
 *
 * The same holds for what Strapi refuses as invalid: its validation's 400s (a Content Manager save,
 * the admin's forms) are reworded in plain-validation.ts, each field named by its label
 * (`fieldLabels`, given by the wiring in config/middlewares.ts), and a body that is not JSON is
 * told so in both languages. A 400 stays a 400.
 */
const MESSAGES = {
  // Roles are given in Settings, by a Super Admin: the coordinator cannot (and is refused too).
  sv: 'Din roll får inte göra det här. Behöver du behörigheten, fråga administratören.',
  en: 'Your role may not do this. If you need the permission, ask the administrator.',
};

/**
 * A relation's admin user (a contact's guide) opens, from the card, in a window Strapi fills from
 * the Content Manager, where staff accounts are not: they are managed under Settings.
 */
const STAFF_ACCOUNT = {
  sv: 'Medarbetarens konto öppnas inte här: användarkonton sköter administratören under Inställningar.',
  en: "A colleague's account does not open here: the administrator manages user accounts under Settings.",
};
const isStaffAccountPath = (path: string) => path.startsWith('/content-manager/collection-types/admin::user');

/**
 * A Content Manager document that is not there: Strapi says "Not Found". Its edit view asks for
 * the document once more right after a delete, so this is what an editor reads as the page
 * closes: it says what happened.
 */
const NO_DOCUMENT = {
  sv: 'Posten finns inte (längre). Den kan ha tagits bort.',
  en: 'The record does not exist (any more). It may have been deleted.',
};
const BARE_NOT_FOUND = ['Not Found', 'Document not found', 'Entity not found', ''];
const isDocumentPath = (path: string) => /^\/content-manager\/(collection|single)-types\//.test(path);
const isBareNotFound = (error: unknown): error is Error =>
  error instanceof Error &&
  (error instanceof errors.NotFoundError || error.name === 'NotFoundError') &&
  BARE_NOT_FOUND.includes(error.message);

/** Strapi's 401 on a staff API ("Missing or invalid credentials"), in the project's words. */
const NOT_SIGNED_IN = {
  sv: 'Du är inte inloggad, eller så har inloggningen gått ut. Logga in igen.',
  en: 'You are not signed in, or your sign-in has expired. Sign in again.',
};
const BARE_UNAUTHORIZED = /^(Missing or invalid credentials|Unauthorized)?$/;
const isUnauthorized = (error: unknown): error is Error =>
  error instanceof Error &&
  (error instanceof errors.UnauthorizedError || error.name === 'UnauthorizedError') &&
  BARE_UNAUTHORIZED.test(error.message);

/** The Media Library's refusal of a file type (config/plugins.ts), in English only. */
const UPLOAD_TYPE = {
  sv: 'Filtypen tas inte emot. Ladda upp en bild (JPEG, PNG, WebP, AVIF, GIF) eller en PDF.',
  en: 'This type of file is not accepted. Upload a picture (JPEG, PNG, WebP, AVIF, GIF) or a PDF.',
};
const isUploadTypeRefusal = (error: unknown): error is Error =>
  error instanceof Error &&
  /^(File type '.*' is not allowed|MIME type is not allowed|Cannot verify file type for security reasons)$/.test(
    error.message,
  );

// By name as well: a second copy of @strapi/utils in a plugin would fail `instanceof`.
const isBare = (error: unknown): error is Error =>
  error instanceof Error &&
  (((error instanceof errors.ForbiddenError || error.name === 'ForbiddenError') &&
    error.message === 'Forbidden') ||
    ((error instanceof errors.PolicyError || error.name === 'PolicyError') &&
      error.message === 'Policy Failed'));

/** A 400 thrown by Strapi (its ValidationError, or an HTTP error such as `ctx.throw(400)`). */
const isBadRequest = (error: unknown): error is Error & { details?: unknown } =>
  error instanceof Error &&
  (error instanceof errors.ValidationError ||
    error.name === 'ValidationError' ||
    (error as { status?: unknown }).status === 400);

/** A body the body parser could not read for its Content-Encoding (`unreadableEncoding`), on every route. */
const UNDECODABLE: Messages = {
  sv: 'Innehållet kunde inte packas upp: det är inte komprimerat så som Content-Encoding säger.',
  en: 'The body could not be decompressed: it is not compressed as its Content-Encoding says.',
};
const UNSUPPORTED_ENCODING: Messages = {
  sv: 'Innehållets Content-Encoding kan inte läsas. Skicka det okomprimerat, eller som gzip, deflate eller br.',
  en: "The body's Content-Encoding cannot be read. Send it uncompressed, or as gzip, deflate or br.",
};

/** Strapi's error answer, with the project's message in place of a bare one. */
const plainAnswer = (status: number, name: string, messages: Messages) => ({
  data: null,
  error: { status, name, message: bilingual(messages), details: { messages } },
});

type ErrorBody = {
  data?: unknown;
  error?: { status?: number; name?: string; message?: string; details?: unknown };
};

export default (config: { fieldLabels?: FieldLabels } = {}, { strapi }: { strapi: Core.Strapi }) => {
  const labels = config.fieldLabels ?? {};
  return async (ctx: Context, next: Next) => {
    const staff = !ctx.path.startsWith('/api/');
    const request = () => ({ path: ctx.path, body: (ctx.request as { body?: unknown }).body });
    const reason = () =>
      outOfScopeReason(
        ctx.method,
        ctx.path,
        (ctx.state as { userAbility?: Parameters<typeof outOfScopeReason>[2] }).userAbility,
      ) ?? (isStaffAccountPath(ctx.path) ? STAFF_ACCOUNT : MESSAGES);
    try {
      await next();
    } catch (error) {
      const encoding = unreadableEncoding(error);
      if (encoding === 'undecodable') throw refuse.invalid(UNDECODABLE, { reason: (error as Error).message });
      if (encoding === 'unsupported') ctx.throw(415, bilingual(UNSUPPORTED_ENCODING));
      if (staff && isBare(error)) throw refuse.forbidden(reason());
      if (staff && isUnauthorized(error)) {
        throw new errors.UnauthorizedError(bilingual(NOT_SIGNED_IN), { messages: NOT_SIGNED_IN });
      }
      if (staff && isDocumentPath(ctx.path) && isBareNotFound(error)) throw refuse.notFound(NO_DOCUMENT);
      if (staff && isNotJson(error)) throw refuse.invalid(NOT_JSON, { reason: error.message });
      if (staff && isTooLarge(error)) {
        throw new errors.PayloadTooLargeError(bilingual(TOO_LARGE), { messages: TOO_LARGE });
      }
      if (staff && isUploadTypeRefusal(error)) throw refuse.invalid(UPLOAD_TYPE, { reason: error.message });
      if (staff && isBadRequest(error)) {
        const plain = plainValidation(strapi, labels, request(), error);
        // Thrown under Strapi's own name for it, so the answer keeps its shape.
        if (plain) throw Object.assign(refuse.invalid(plain.messages, plain.details), { name: error.name });
      }
      throw error;
    }
    if (!staff) return;
    const body = ctx.body as ErrorBody | undefined;
    // Strapi's `ctx.forbidden()` answers without throwing: the same refusal, set on the response.
    if (
      ctx.status === 403 &&
      body?.error &&
      ['Forbidden', 'Policy Failed'].includes(body.error.message ?? '')
    ) {
      ctx.body = plainAnswer(403, 'ForbiddenError', reason());
    }
    // And a 401 set on the response.
    if (ctx.status === 401 && body?.error && BARE_UNAUTHORIZED.test(body.error.message ?? '')) {
      ctx.body = plainAnswer(401, 'UnauthorizedError', NOT_SIGNED_IN);
    }
    // And `ctx.notFound()`.
    if (
      ctx.status === 404 &&
      isDocumentPath(ctx.path) &&
      body?.error &&
      BARE_NOT_FOUND.includes(body.error.message ?? '')
    ) {
      ctx.body = plainAnswer(404, 'NotFoundError', NO_DOCUMENT);
    }
    // And `ctx.badRequest()`.
    if (ctx.status === 400 && body?.error) {
      const plain = plainValidation(strapi, labels, request(), body.error);
      if (plain) {
        ctx.body = {
          ...body,
          error: { ...body.error, message: bilingual(plain.messages), details: plain.details },
        };
      }
    }
  };
};

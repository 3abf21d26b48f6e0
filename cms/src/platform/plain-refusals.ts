import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { refuse } from './admin-errors';

/**
 * Strapi refuses what a role may not do with a bare "Forbidden" (its permission checks) or
 * "Policy Failed" (a route's policy), in English and without a reason. Staff are owed the
 * project's refusal style ("svenska / English", admin-errors.ts), so this middleware, right inside
 * Strapi's error middleware, gives those two a message that says what happened. A refusal that
 * already carries a reason of its own (the queue and municipality rules) passes unchanged, and so
 * does the public API's, whose callers are not staff.
 */
const MESSAGES = {
  sv: 'Din roll får inte göra det här. Behöver du behörigheten, fråga samordnaren.',
  en: 'Your role may not do this. If you need the permission, ask the coordinator.',
};

// By name as well: a second copy of @strapi/utils in a plugin would fail `instanceof`.
const isBare = (error: unknown): error is Error =>
  error instanceof Error &&
  (((error instanceof errors.ForbiddenError || error.name === 'ForbiddenError') &&
    error.message === 'Forbidden') ||
    ((error instanceof errors.PolicyError || error.name === 'PolicyError') &&
      error.message === 'Policy Failed'));

type ErrorBody = { data?: unknown; error?: { status?: number; name?: string; message?: string } };

export default () => async (ctx: Context, next: Next) => {
  const staff = !ctx.path.startsWith('/api/');
  try {
    await next();
  } catch (error) {
    if (staff && isBare(error)) throw refuse.forbidden(MESSAGES);
    throw error;
  }
  // Strapi's `ctx.forbidden()` answers without throwing: the same refusal, set on the response.
  const body = ctx.body as ErrorBody | undefined;
  if (
    staff &&
    ctx.status === 403 &&
    body?.error &&
    ['Forbidden', 'Policy Failed'].includes(body.error.message ?? '')
  ) {
    ctx.body = {
      data: null,
      error: {
        status: 403,
        name: 'ForbiddenError',
        message: `${MESSAGES.sv} / ${MESSAGES.en}`,
        details: { messages: MESSAGES },
      },
    };
  }
};

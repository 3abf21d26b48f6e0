import type { Context, Next } from 'koa';
import { splitBilingual, type Messages } from './admin-errors';

/**
 * The staff APIs answer a refusal "svenska / English", with `details.messages` holding the two
 * apart (admin-errors.ts). A request from the admin panel (its Referer) is answered in the
 * language of the user's profile: Strapi's own screens show `error.message` as it comes (a save's
 * notice, a field's error), and the browser's Accept-Language says nothing about the profile.
 * Any other client that asks for Swedish or English first (Accept-Language) gets the message, and
 * each field's, in that language alone. Either way `details.messages` still holds both, for the
 * project's own panels. Without such a wish the answer keeps both. The public API's forms answer
 * in the form's own language and are left alone; its refusals of a malformed query follow the
 * Accept-Language too.
 */

type Language = keyof Messages;
type ErrorBody = {
  error?: {
    message?: string;
    details?: { messages?: Partial<Messages>; errors?: { message?: unknown }[] } & Record<string, unknown>;
  };
};

/** The language the request puts first, when it is Swedish or English; `*` asks for none. */
export function askedLanguage(header: string | undefined): Language | null {
  const first = rankedLanguages(header)[0];
  return first === 'sv' || first === 'en' ? first : null;
}

/**
 * The primary languages an Accept-Language header asks for, most wanted first (by q, then by
 * order): `sv-SE, en` is Swedish, then English, whatever a region subtag does to exact matching.
 */
export function rankedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { language: tag.trim().toLowerCase().split('-')[0], q: Number.isNaN(q) ? 0 : q, order };
    })
    .filter((entry) => entry.language && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map((entry) => entry.language);
}

const fromAdminPanel = (ctx: Context) => {
  const referer = ctx.get('Referer');
  if (!referer) return false;
  try {
    return new URL(referer).pathname.startsWith('/admin');
  } catch {
    return false;
  }
};

const inLanguage = (text: string, language: Language) => splitBilingual(text)?.[language] ?? text;

/** The language of the signed-in admin user's profile, when it is Swedish or English. */
export const profileLanguage = (ctx: Context): Language | null => {
  const chosen = (ctx.state as { user?: { preferedLanguage?: string | null } }).user?.preferedLanguage;
  const language = chosen?.toLowerCase().split('-')[0];
  return language === 'sv' || language === 'en' ? language : null;
};

export default () => async (ctx: Context, next: Next) => {
  await next();
  if (ctx.status < 400) return;
  const language = fromAdminPanel(ctx) ? profileLanguage(ctx) : askedLanguage(ctx.get('Accept-Language'));
  const error = (ctx.body as ErrorBody | undefined)?.error;
  if (!language || typeof error?.message !== 'string') return;
  // On the public API only the project's own two-language refusals (a malformed query): a form's
  // answer is in its language already.
  if (ctx.path.startsWith('/api/') && !(error.details?.messages?.sv && error.details.messages.en)) return;
  error.message = error.details?.messages?.[language] ?? inLanguage(error.message, language);
  for (const field of error.details?.errors ?? []) {
    if (typeof field.message === 'string') field.message = inLanguage(field.message, language);
  }
};

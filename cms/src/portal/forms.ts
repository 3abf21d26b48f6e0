import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { fieldErrors, type FieldMessages, type Label, type Locale } from '@tasteget/shared';
import { verifyChallenge } from './challenge';
import { visitorLanguage } from './language';
import { validationError } from './responses';

/**
 * The common path of every portal form: validate the body with the shared schema (one message per
 * field, in the visitor's language), then check the proof-of-work challenge, then act. Anything a
 * client can send ends in a 2xx or 4xx answer.
 */
const CHALLENGE_MESSAGES: Record<'invalid' | 'too-fast' | 'reused', Label> = {
  invalid: {
    sv: 'Säkerhetskontrollen misslyckades eller har gått ut. Ladda om sidan och försök igen.',
    en: 'The security check failed or has expired. Reload the page and try again.',
  },
  'too-fast': {
    sv: 'Formuläret skickades för snabbt. Vänta några sekunder och försök igen.',
    en: 'The form was sent too quickly. Wait a few seconds and try again.',
  },
  reused: {
    sv: 'Formuläret har redan skickats. Ladda om sidan om du vill skicka igen.',
    en: 'The form has already been sent. Reload the page to send again.',
  },
};

export async function handleForm<S extends z.ZodType>(
  strapi: Core.Strapi,
  ctx: Context,
  schema: S,
  messages: FieldMessages,
  act: (input: z.output<S>, language: Locale) => Promise<void>,
) {
  const body = (ctx.request as { body?: unknown }).body;
  const language = visitorLanguage(ctx, (body as { language?: unknown } | null | undefined)?.language);

  const parsed = schema.safeParse(body);
  if (!parsed.success) return validationError(ctx, fieldErrors(parsed.error, messages), language);

  const verdict = await verifyChallenge(strapi, (parsed.data as { challenge: string }).challenge);
  if (verdict !== 'ok') {
    return validationError(ctx, [{ path: ['challenge'], message: CHALLENGE_MESSAGES[verdict] }], language);
  }
  await act(parsed.data, language);
}

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { z } from 'zod';
import { fieldErrors } from '@tasteget/shared';
import { CHALLENGE_MESSAGES, checkSolution } from './challenge';
import { visitorLanguage } from './language';
import { isFormPost, handleNoScriptForm } from './no-script';
import { admitProof, type FormAction, type PortalFormSpec } from './form-spec';
import { validationError } from './responses';

/**
 * The common path of every portal form: validate the body with the shared schema (one message per
 * field, in the visitor's language), then check the proof-of-work challenge, then act. Anything a
 * client can send ends in a 2xx or 4xx answer. A form posted without JavaScript takes the
 * no-script path (`no-script.ts`), which answers with pages instead of JSON.
 */
export async function handleForm<S extends z.ZodType>(
  strapi: Core.Strapi,
  ctx: Context,
  spec: PortalFormSpec<S>,
  act: FormAction<S>,
) {
  if (isFormPost(ctx)) return handleNoScriptForm(strapi, ctx, spec, act);

  const body = (ctx.request as { body?: unknown }).body;
  const language = visitorLanguage(ctx, (body as { language?: unknown } | null | undefined)?.language);
  // A client that sends no language of the form's own writes in the one its request asks for: its
  // answer is in that language, and so are the mails that follow (the schema's default is Swedish).
  const withLanguage =
    body && typeof body === 'object' && !Array.isArray(body) && !('language' in body)
      ? { ...body, language }
      : body;

  const parsed = spec.schema.safeParse(withLanguage);
  if (!parsed.success) return validationError(ctx, fieldErrors(parsed.error, spec.messages), language);

  const admitted = await admitProof(
    strapi,
    spec,
    checkSolution((parsed.data as { challenge: string }).challenge),
  );
  if (admitted.verdict !== 'ok') {
    return validationError(
      ctx,
      [{ path: ['challenge'], message: CHALLENGE_MESSAGES[admitted.verdict] }],
      language,
    );
  }
  await act(parsed.data, language, admitted.proof);
}

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { loadDraft } from '../../../content/preview/draft-documents';
import { isPreviewType, verifyPreview } from '../../../content/preview/preview-link';

/**
 * GET /api/preview/:type/:documentId?locale&expires&signature: the draft of one document, for the
 * portal's preview page. Answers 403 unless the link was signed by the admin's preview handler and
 * has not expired; the public content API keeps refusing drafts (middlewares/published-only.ts).
 */
const REFUSED = {
  expired: {
    sv: 'Länken till förhandsvisningen har gått ut. Öppna förhandsvisningen igen från redigeringsvyn.',
    en: 'The preview link has expired. Open the preview again from the editing view.',
  },
  invalid: {
    sv: 'Länken till förhandsvisningen är ogiltig.',
    en: 'The preview link is invalid.',
  },
};

function answer(ctx: Context, status: number, body: unknown) {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Robots-Tag', 'noindex');
  ctx.status = status;
  ctx.body = body;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async draft(ctx: Context) {
    const { type, documentId } = ctx.params as { type: string; documentId: string };
    const query = ctx.query as Record<string, string | undefined>;
    const locale = query.locale === 'en' ? 'en' : query.locale === 'sv' ? 'sv' : null;
    if (!isPreviewType(type) || !locale || !/^[a-z0-9]{1,64}$/i.test(documentId)) {
      return answer(ctx, 404, {
        data: null,
        error: { status: 404, name: 'NotFoundError', message: 'Not Found' },
      });
    }
    const target = { type, documentId, locale } as const;
    const verdict = verifyPreview(target, query.expires, query.signature);
    if (verdict !== 'valid') {
      const messages = REFUSED[verdict];
      return answer(ctx, 403, {
        data: null,
        error: {
          status: 403,
          name: 'ForbiddenError',
          message: messages.sv,
          details: { reason: verdict, messages },
        },
      });
    }
    const draft = await loadDraft(strapi, target);
    if (!draft) {
      return answer(ctx, 404, {
        data: null,
        error: { status: 404, name: 'NotFoundError', message: 'Not Found' },
      });
    }
    return answer(ctx, 200, { data: draft });
  },
});

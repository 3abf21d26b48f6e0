import type { Core, Modules } from '@strapi/strapi';
import { refuse } from './admin-errors';
import { contentManagerRequest } from './request-user';

/**
 * A document's id is Strapi's to give, and it never changes: mail links, the card's log and the
 * register's copies name a document by it. The Content Manager's API writes a `documentId` given
 * in a save's data: a guide could rename a contact (the person's links then led nowhere) or give
 * it another contact's id (a delete of one then removed both). In a Content Manager save an id
 * that would change the document's is refused on the field, and the document's own id, or one
 * sent with a new document (Strapi's own duplicate may), is dropped.
 */
const MESSAGES = {
  sv: 'Id:t ges av systemet och kan inte ändras.',
  en: 'The id is given by the system and cannot be changed.',
};

export function installDocumentIdentityRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.action !== 'create' && context.action !== 'update') return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    if (!params.data || !('documentId' in params.data) || !contentManagerRequest(strapi)) return next();
    const given = params.data.documentId;
    if (context.action === 'update' && given != null && given !== params.documentId) {
      throw refuse.onField('documentId', MESSAGES);
    }
    // A copy: the data is the caller's object.
    params.data = Object.fromEntries(Object.entries(params.data).filter(([key]) => key !== 'documentId'));
    return next();
  };
  strapi.documents.use(rule);
}

import type { Core, Modules } from '@strapi/strapi';
import { refuse } from './admin-errors';
import { CAMPAIGN, registerContentTypes } from './content-types';

/**
 * A register record is about one person or one mail, so the Content Manager's "duplicate" is
 * refused on every register type, to every role. A copy would be a second person holding the
 * first one's consent times with none of their consent log or dialog. Strapi's clone would also
 * move the original's one-to-many links (a contact's activities, orders, subscriptions and
 * consent records) onto the copy, past the queue rules of the records it takes.
 * A campaign is the exception: copying one is how the next one starts
 * (`../newsletter/campaign-edits.ts` makes the copy a fresh draft).
 */
const COPYABLE = new Set<string>([CAMPAIGN]);

const NOT_COPIED = {
  sv: 'Poster i kontaktregistret kan inte dupliceras: de gäller en person eller ett mejl. Skapa en ny post i stället.',
  en: 'Records of the contact register cannot be duplicated: each is about one person or one mail. Create a new record instead.',
};

export function installRegisterCopyRefusal(strapi: Core.Strapi) {
  let register: Set<string> | undefined;
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.action !== 'clone') return next();
    register ??= new Set(registerContentTypes(strapi));
    if (register.has(context.uid) && !COPYABLE.has(context.uid)) throw refuse.forbidden(NOT_COPIED);
    return next();
  };
  strapi.documents.use(rule);
}

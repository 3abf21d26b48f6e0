import type { Core, Modules } from '@strapi/strapi';
import { normalizeEmail, normalizePhone } from '@tasteget/shared';
import { refuse } from '../../platform/admin-errors';
import { CONTACT, NETWORK_CONTACT } from '../../platform/content-types';

/**
 * A contact's or network contact's phone is stored in E.164 however it is written: in the admin
 * ("070-123 45 67") as through the portal. A number that is not valid for its country is refused
 * with a field message; an emptied field clears it. A Content Manager search that looks like a
 * phone number is searched in E.164 too, so a guide finds the contact whichever way they type it.
 * The e-mail address is stored trimmed and in lower case, the form every look-up by address uses
 * (the newsletter's checks, suppression, inbound mail).
 */
const WITH_CONTACT_DETAILS: readonly string[] = [CONTACT, NETWORK_CONTACT];

const REFUSAL = {
  sv: 'Telefonnumret är inte giltigt. Skriv det med riktnummer, eller med landsnummer (+47 …) om det inte är svenskt.',
  en: 'The phone number is not valid. Write it with the area code, or with the country code (+47 …) if it is not Swedish.',
};

export function installContactDetailsRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (!WITH_CONTACT_DETAILS.includes(context.uid)) return next();
    const params = context.params as { data?: Record<string, unknown>; _q?: unknown };
    if ((context.action === 'create' || context.action === 'update') && params.data) {
      if (typeof params.data.email === 'string') params.data.email = normalizeEmail(params.data.email);
      const raw = params.data.phone;
      if (typeof raw === 'string' && raw.trim() !== '') {
        const phone = normalizePhone(raw);
        if (!phone) {
          throw refuse.onField('phone', REFUSAL);
        }
        params.data.phone = phone;
      } else if (raw === '') params.data.phone = null;
    }
    if ((context.action === 'findMany' || context.action === 'count') && typeof params._q === 'string') {
      const asPhone = /^[\d\s()+-]{6,}$/.test(params._q) ? normalizePhone(params._q) : null;
      if (asPhone) params._q = asPhone;
    }
    return next();
  };
  strapi.documents.use(rule);
}

import type { Core, Modules, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { normalizeEmail, normalizePhone } from '@tasteget/shared';
import { bilingual, refuse } from '../../platform/admin-errors';
import { CONTACT, NETWORK_CONTACT } from '../../platform/content-types';
import { inStrapisWords } from '../../platform/plain-validation';

/**
 * A contact's or network contact's phone is stored in E.164 however it is written: in the admin
 * ("070-123 45 67") as through the portal. A number that is not valid for its country is refused
 * with a field message; an emptied field clears it. A Content Manager search that looks like a
 * phone number is searched in E.164 too, and so is a list filter on the phone, so a guide finds
 * the contact whichever way they type it (`storedPhone`).
 * The e-mail address is stored trimmed and in lower case, the form every look-up by address uses
 * (the newsletter's checks, suppression, inbound mail).
 *
 * The phone is refused before Strapi checks the rest of the save, so a refused phone comes with
 * Strapi's own findings on the other fields: the form shows every field to correct at once.
 */
const WITH_CONTACT_DETAILS: readonly string[] = [CONTACT, NETWORK_CONTACT];

const REFUSAL = {
  sv: 'Telefonnumret är inte giltigt. Skriv det med riktnummer, eller med landsnummer (+47 …) om det inte är svenskt.',
  en: 'The phone number is not valid. Write it with the area code, or with the country code (+47 …) if it is not Swedish.',
};

type FieldFinding = { path: string[]; message: string };

const WHOLE_VALUE = ['$eq', '$ne', '$eqi', '$nei', '$in', '$notIn'];

/**
 * A typed phone, or part of one, as the stored E.164 reads: a whole number in E.164, and a part
 * (for "contains", "starts with"…) without spaces or dashes, its leading 0 as +46, its 00 as +.
 */
function storedPhone(operator: string, typed: string): string {
  const whole = normalizePhone(typed);
  if (whole) return whole;
  if (WHOLE_VALUE.includes(operator)) return typed;
  const part = typed.replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(part)) return typed;
  if (part.startsWith('00')) return `+${part.slice(2)}`;
  if (part.startsWith('0') && operator !== '$endsWith' && operator !== '$endsWithi')
    return `+46${part.slice(1)}`;
  return part;
}

/** The filters with each condition on `phone` (also inside $and, $or, $not) as stored. */
function phoneFilters(filters: unknown): unknown {
  if (Array.isArray(filters)) return filters.map(phoneFilters);
  if (!filters || typeof filters !== 'object') return filters;
  return Object.fromEntries(
    Object.entries(filters).map(([key, value]) => {
      if (['$and', '$or', '$not'].includes(key)) return [key, phoneFilters(value)];
      if (key !== 'phone') return [key, value];
      if (typeof value === 'string') return [key, storedPhone('$eq', value)];
      if (!value || typeof value !== 'object') return [key, value];
      return [
        key,
        Object.fromEntries(
          Object.entries(value).map(([operator, operand]) => [
            operator,
            Array.isArray(operand)
              ? operand.map((o: unknown) => (typeof o === 'string' ? storedPhone(operator, o) : o))
              : typeof operand === 'string'
                ? storedPhone(operator, operand)
                : operand,
          ]),
        ),
      ];
    }),
  );
}

/**
 * Strapi's findings on a save's own fields, the phone left out: its validator as the document
 * service runs it, on the fields that are values (relations and components are checked by
 * Strapi after their ids are resolved, which happens only on a save that goes ahead).
 */
async function otherFindings(
  strapi: Core.Strapi,
  uid: string,
  action: string,
  params: { data?: Record<string, unknown>; documentId?: string },
): Promise<FieldFinding[]> {
  const model = strapi.getModel(uid as UID.ContentType);
  const values = Object.fromEntries(
    Object.entries(params.data ?? {}).filter(([name]) => {
      const type = (model.attributes[name] as { type?: string } | undefined)?.type;
      return name !== 'phone' && type && !['relation', 'media', 'component', 'dynamiczone'].includes(type);
    }),
  );
  const options = { isDraft: false, locale: undefined };
  try {
    if (action === 'create') {
      await strapi.entityValidator.validateEntityCreation(model, values, options);
    } else {
      const entry = params.documentId
        ? await strapi.db.query(uid as UID.ContentType).findOne({ where: { documentId: params.documentId } })
        : null;
      if (!entry) return [];
      await strapi.entityValidator.validateEntityUpdate(model, values, options, entry);
    }
    return [];
  } catch (error) {
    if (!(error instanceof errors.ValidationError)) return [];
    const found = (error.details as { errors?: FieldFinding[] } | undefined)?.errors;
    return (found ?? []).map(({ path, message }) => ({ path: path.map(String), message }));
  }
}

export function installContactDetailsRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (!WITH_CONTACT_DETAILS.includes(context.uid)) return next();
    const params = context.params as {
      data?: Record<string, unknown>;
      documentId?: string;
      _q?: unknown;
      filters?: unknown;
    };
    if ((context.action === 'create' || context.action === 'update') && params.data) {
      if (typeof params.data.email === 'string') params.data.email = normalizeEmail(params.data.email);
      const raw = params.data.phone;
      if (typeof raw === 'string' && raw.trim() !== '') {
        const phone = normalizePhone(raw);
        if (!phone) {
          const others = await otherFindings(strapi, context.uid, context.action, params);
          if (others.length === 0) throw refuse.onField('phone', REFUSAL);
          throw inStrapisWords([{ path: ['phone'], message: bilingual(REFUSAL) }, ...others]);
        }
        params.data.phone = phone;
      } else if (raw === '') params.data.phone = null;
    }
    if ((context.action === 'findMany' || context.action === 'count') && typeof params._q === 'string') {
      const asPhone = /^[\d\s()+-]{6,}$/.test(params._q) ? normalizePhone(params._q) : null;
      if (asPhone) params._q = asPhone;
    }
    if (['findMany', 'findFirst', 'count'].includes(context.action) && params.filters) {
      params.filters = phoneFilters(params.filters);
    }
    return next();
  };
  strapi.documents.use(rule);
}

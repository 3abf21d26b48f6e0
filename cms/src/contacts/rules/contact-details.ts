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
const CONTAINS = ['$contains', '$containsi'];

/**
 * A typed phone, or part of one, as the stored E.164 reads: a whole number in E.164; a part
 * without spaces or dashes, its 00 as +. A leading 0 is the national prefix when the part starts
 * the number ("starts with 070" is +4670) but may be a digit inside it ("0142" ends +46705550142):
 * "contains" drops it, which finds both; the rest read it as the prefix.
 */
function storedPhone(operator: string, typed: string): string {
  const whole = normalizePhone(typed);
  if (whole) return whole;
  if (WHOLE_VALUE.includes(operator)) return typed;
  const part = typed.replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(part)) return typed;
  if (part.startsWith('00')) return `+${part.slice(2)}`;
  if (!part.startsWith('0') || operator === '$endsWith' || operator === '$endsWithi') return part;
  return CONTAINS.includes(operator) ? part.slice(1) : `+46${part.slice(1)}`;
}

/** Partial numbers are never equal to a stored one: "is" a part means "contains" it. */
const AS_PART: Record<string, string> = {
  $eq: '$containsi',
  $eqi: '$containsi',
  $ne: '$notContainsi',
  $nei: '$notContainsi',
};
const isPart = (typed: string) => !normalizePhone(typed) && /^[\d\s()+.-]+$/.test(typed.trim());

/** One condition on the phone (`{ $eq: '070-…' }`), as stored. */
function phoneCondition(condition: unknown): unknown {
  if (typeof condition === 'string') return phoneCondition({ $eq: condition });
  if (!condition || typeof condition !== 'object') return condition;
  return Object.fromEntries(
    Object.entries(condition).map(([operator, operand]) => {
      if (Array.isArray(operand))
        return [
          operator,
          operand.map((o: unknown) => (typeof o === 'string' ? storedPhone(operator, o) : o)),
        ];
      if (typeof operand !== 'string') return [operator, operand];
      const asked = AS_PART[operator] && isPart(operand) ? AS_PART[operator] : operator;
      return [asked, storedPhone(asked, operand)];
    }),
  );
}

/** The filters with each condition on `phone` (also inside $and, $or, $not) as stored. */
function phoneFilters(filters: unknown): unknown {
  if (Array.isArray(filters)) return filters.map(phoneFilters);
  if (!filters || typeof filters !== 'object') return filters;
  return Object.fromEntries(
    Object.entries(filters).map(([key, value]) => {
      if (['$and', '$or', '$not'].includes(key)) return [key, phoneFilters(value)];
      return key === 'phone' ? [key, phoneCondition(value)] : [key, value];
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
      // A search that looks like (part of) a phone number is searched as stored.
      if (/^[\d\s()+-]{4,}$/.test(params._q.trim())) params._q = storedPhone('$containsi', params._q.trim());
    }
    if (['findMany', 'findFirst', 'count'].includes(context.action) && params.filters) {
      params.filters = phoneFilters(params.filters);
    }
    return next();
  };
  strapi.documents.use(rule);
}

import type { Core, Modules } from '@strapi/strapi';
import { CHOICE_LISTS, isChoiceListName, type ChoiceListName } from '@tasteget/shared';
import { inStrapisWords } from '../platform/plain-validation';

/**
 * Fields that hold a list out of a shared vocabulary (a contact's municipalities, a story's
 * themes...). Strapi has no multi-select enumeration, so they are a custom field of our own, the
 * choice list: stored as JSON, named in the schema with the vocabulary it takes
 * (`"customField": "global::choice-list", "options": { "list": "topics" }`). The admin shows it as
 * checkboxes with the vocabulary's labels (admin/content-manager/ChoiceListInput.tsx); every write,
 * whoever writes (admin, API, seed), is checked against the same shared list.
 */
export const CHOICE_LIST_FIELD = 'global::choice-list';
const FIELD_NAME = 'choice-list';

type ChoiceAttribute = { customField?: string; options?: { list?: unknown } };

/** The choice-list fields of a content type, with the vocabulary each takes. */
export function choiceListFields(strapi: Core.Strapi, uid: string): [string, ChoiceListName][] {
  const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as
    { attributes: Record<string, ChoiceAttribute> } | undefined;
  return Object.entries(model?.attributes ?? {}).flatMap(([field, attribute]) =>
    attribute.customField === CHOICE_LIST_FIELD && isChoiceListName(attribute.options?.list)
      ? [[field, attribute.options.list] as [string, ChoiceListName]]
      : [],
  );
}

/** Strapi's style of wording, which plain-validation.ts says to staff with the field's label. */
const NOT_FROM_LIST = 'must be chosen from its list, each once';

export function installJsonListValidation(strapi: Core.Strapi) {
  // Registered before the content types' custom fields are turned into their JSON type.
  strapi.customFields.register({ name: FIELD_NAME, type: 'json' });
  const validate: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const data = (context.params as { data?: Record<string, unknown> } | undefined)?.data;
    if (data && (context.action === 'create' || context.action === 'update')) {
      const problems = choiceListFields(strapi, context.uid)
        .filter(([field]) => data[field] !== undefined && data[field] !== null)
        .filter(([field, list]) => !CHOICE_LISTS[list].schema.safeParse(data[field]).success)
        .map(([field]) => ({ path: [field], message: `${field} ${NOT_FROM_LIST}` }));
      if (problems.length > 0) throw inStrapisWords(problems);
    }
    return next();
  };
  strapi.documents.use(validate);
}

import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { z } from 'zod';
import { amenityList, languageList, municipalityList, storyThemeList, topicList } from '@tasteget/shared';
import { AMBASSADOR, CONTACT, COWORKING_SPACE, STORY, SUBSCRIPTION } from '../platform/content-types';

/**
 * JSON fields of CMS content types that hold lists out of a shared vocabulary.
 * Strapi has no multi-select enumeration, so the CMS validates these fields with the same schemas.
 */
export const JSON_LIST_FIELDS: Record<string, Record<string, z.ZodType<string[]>>> = {
  [STORY]: { themes: storyThemeList },
  [AMBASSADOR]: { topics: topicList, languages: languageList },
  [COWORKING_SPACE]: { amenities: amenityList },
  [CONTACT]: { municipalities: municipalityList, topics: topicList },
  [SUBSCRIPTION]: { interests: topicList, municipalities: municipalityList },
};

/**
 * JSON fields that hold lists out of a shared vocabulary (themes, topics, municipalities...) are
 * validated with the shared zod schemas on every write, whoever writes: admin, API or seed.
 */
export const validateJsonLists: Modules.Documents.Middleware.Middleware = async (context, next) => {
  const fields = JSON_LIST_FIELDS[context.uid];
  const data = (context.params as { data?: Record<string, unknown> } | undefined)?.data;
  if (fields && data && (context.action === 'create' || context.action === 'update')) {
    const problems: { path: string[]; message: string; name: string }[] = [];
    for (const [field, schema] of Object.entries(fields)) {
      if (data[field] === undefined || data[field] === null) continue;
      const result = schema.safeParse(data[field]);
      if (!result.success) {
        for (const issue of result.error.issues) {
          problems.push({
            path: [field, ...issue.path.map(String)],
            message: `Ogiltigt värde i ${field}: ${issue.message} / Invalid value in ${field}`,
            name: 'ValidationError',
          });
        }
      }
    }
    if (problems.length > 0) {
      throw new errors.ValidationError(problems[0].message, { errors: problems });
    }
  }
  return next();
};

export function installJsonListValidation(strapi: Core.Strapi) {
  strapi.documents.use(validateJsonLists);
}

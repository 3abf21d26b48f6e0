import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { JSON_LIST_FIELDS } from '@tasteget/shared';

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

export function registerJsonListValidation(strapi: Core.Strapi) {
  strapi.documents.use(validateJsonLists);
}

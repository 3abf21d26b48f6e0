import type { Context } from 'koa';
import type { FieldError, Label, Locale } from '@tasteget/shared';

/**
 * Answers of the portal endpoints, in Strapi's error shape so that every client reads them the
 * same way: `{ data, error: { status, name, message, details } }`. Messages are in the visitor's
 * language; field errors carry both languages for clients that show them side by side.
 */
const CHECK_FIELDS: Label = {
  sv: 'Kontrollera de markerade fälten.',
  en: 'Please check the marked fields.',
};

export function validationError(ctx: Context, errors: FieldError[], language: Locale) {
  ctx.status = 400;
  ctx.body = {
    data: null,
    error: {
      status: 400,
      name: 'ValidationError',
      message: errors.length === 1 ? errors[0].message[language] : CHECK_FIELDS[language],
      details: {
        errors: errors.map((e) => ({
          path: e.path,
          message: e.message[language],
          messages: e.message,
          name: 'ValidationError',
        })),
      },
    },
  };
}

export function clientError(ctx: Context, status: number, name: string, message: Label, language: Locale) {
  ctx.status = status;
  ctx.body = {
    data: null,
    error: { status, name, message: message[language], details: { messages: message } },
  };
}

export function created(ctx: Context, message: Label, language: Locale, data: Record<string, unknown> = {}) {
  ctx.status = 201;
  ctx.body = { data: { ...data, message: message[language], messages: message } };
}

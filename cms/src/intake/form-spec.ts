import type { z } from 'zod';
import type { FieldMessages, FormEncoding, Locale } from '@tasteget/shared';

/** What a portal form is (its shared schema, messages and encoding) and what it does once valid. */
export interface PortalFormSpec<S extends z.ZodType> {
  schema: S;
  messages: FieldMessages;
  encoding: FormEncoding;
}

export type FormAction<S extends z.ZodType> = (input: z.output<S>, language: Locale) => Promise<void>;

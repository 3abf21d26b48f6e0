import { createContext, useContext } from 'react';
import type { Locale } from '@tasteget/shared/browser';

/** What every field of a form needs: ids, the language, and the current error per field. */
export interface FormContextValue {
  formId: string;
  language: Locale;
  /** Error message per dotted field name, e.g. "postalAddress.city". */
  errors: Record<string, string>;
}

export const FormContext = createContext<FormContextValue>({ formId: 'form', language: 'sv', errors: {} });
export const useFormContext = () => useContext(FormContext);

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import {
  decodeFormBody,
  fieldErrors,
  type ConversionKind,
  type FieldMessages,
  type FormEncoding,
  type Locale,
} from '@tasteget/shared/browser';
import { FormContext } from './form-context';
import { fieldId, Honeypot } from './fields';
import { formEntries, prepareChallenge, submitPortalForm } from './portal-client';
import { countConversion } from '../../lib/stats-beacon';
import { FORM_TEXTS } from './texts';

/**
 * The frame of every portal form. Server-rendered it is a plain HTML form that posts to the CMS
 * (the no-JavaScript path); hydrated, it validates with the shared schema, shows inline errors and
 * an error summary, solves the proof-of-work and posts JSON. Fields are uncontrolled, so nothing
 * the visitor typed is lost when sending fails.
 */
export interface PortalFormProps {
  formId: string;
  language: Locale;
  cmsUrl: string;
  endpoint: string;
  schema: z.ZodType;
  messages: FieldMessages;
  encoding: FormEncoding;
  /** Fields the form adds to what the visitor typed (language, source…). */
  extra?: Record<string, unknown>;
  /** Rearranges what was read from the fields before it is checked and sent (an order kept by the form). */
  arrange?: (input: Record<string, unknown>) => Record<string, unknown>;
  successTitle: string;
  /** Called once the CMS has stored what was sent. */
  onSent?: () => void;
  /** What a sent form counts as in the visitor statistics. */
  conversion: ConversionKind;
  children: ReactNode;
}

type State =
  | {
      phase: 'editing';
      errors: Record<string, string>;
      /** What the CMS said of a field this form does not show (the embedding site): no link to it. */
      unplaced?: string[];
      summary?: string;
      network?: boolean;
    }
  | { phase: 'sending'; errors: Record<string, string> }
  | { phase: 'done'; message: string };

export function PortalForm(props: PortalFormProps) {
  const {
    formId,
    language,
    cmsUrl,
    endpoint,
    schema,
    messages,
    encoding,
    extra,
    arrange,
    successTitle,
    onSent,
    conversion,
    children,
  } = props;
  const texts = FORM_TEXTS[language];
  const [state, setState] = useState<State>({ phase: 'editing', errors: {} });
  const challenge = useRef<Promise<string> | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  const freshChallenge = () => {
    challenge.current = prepareChallenge(cmsUrl);
    challenge.current.catch(() => undefined); // awaited (and retried) when the form is sent
  };
  useEffect(freshChallenge, [cmsUrl]);

  useEffect(() => {
    if (state.phase === 'done') doneRef.current?.focus();
    if (state.phase === 'editing' && (state.summary || state.network)) summaryRef.current?.focus();
  }, [state]);

  /**
   * The errors in the order their fields stand on the page, as the visitor fixes them: a field
   * the form does not show is listed last, as text, with nothing to jump to.
   */
  const placed = (form: HTMLFormElement, errors: [string, string][]) => {
    const field = (name: string) => form.ownerDocument.getElementById(fieldId(formId, name));
    const shown = errors.filter(([name]) => field(name));
    shown.sort(([a], [b]) =>
      field(a)!.compareDocumentPosition(field(b)!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    );
    return {
      errors: Object.fromEntries(shown),
      unplaced: errors.filter(([name]) => !field(name)).map(([, message]) => message),
    };
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    if (state.phase === 'sending') return;
    const fields = { ...decodeFormBody(formEntries(form), encoding), ...extra };
    const input = arrange ? arrange(fields) : fields;

    // The same schema as the CMS: check everything but the challenge before sending.
    const local = schema.safeParse({ ...input, challenge: 'pending' });
    if (!local.success) {
      const found = fieldErrors(local.error, messages).map(
        (e) => [e.path.join('.'), e.message[language]] as [string, string],
      );
      return setState({ phase: 'editing', ...placed(form, found), summary: texts.errorSummary });
    }

    setState({ phase: 'sending', errors: {} });
    let solution: string;
    try {
      solution = await (challenge.current ?? Promise.reject(new Error('no challenge')));
    } catch {
      freshChallenge();
      return setState({ phase: 'editing', errors: {}, network: true });
    }
    const outcome = await submitPortalForm(cmsUrl, endpoint, { ...input, challenge: solution }, language);
    if (outcome.kind !== 'network') freshChallenge(); // a challenge is used once, whatever the answer
    if (outcome.kind === 'created') {
      const chosen = (input as { municipalities?: unknown }).municipalities;
      countConversion(cmsUrl, conversion, Array.isArray(chosen) ? String(chosen[0] ?? '') : undefined);
      onSent?.();
      return setState({ phase: 'done', message: outcome.message });
    }
    if (outcome.kind === 'network') return setState({ phase: 'editing', errors: {}, network: true });
    const found =
      outcome.kind === 'invalid'
        ? outcome.errors.map((e) => [e.path.join('.'), e.message] as [string, string])
        : [];
    // With fields to point at, the heading says the form needs correcting and the list says how;
    // the server's message is the first field's again.
    const summary = found.length > 0 ? texts.errorSummary : outcome.message || texts.errorSummary;
    setState({ phase: 'editing', ...placed(form, found), summary });
  }

  if (state.phase === 'done') {
    return (
      <div className="form-done" role="status">
        <h2 tabIndex={-1} ref={doneRef}>
          {successTitle}
        </h2>
        <p>{state.message}</p>
      </div>
    );
  }

  const errors = state.errors;
  const errorList = Object.entries(errors);
  const unplaced = (state.phase === 'editing' && state.unplaced) || [];
  const showSummary = state.phase === 'editing' && (state.summary || state.network);
  return (
    <FormContext.Provider value={{ formId, language, errors }}>
      <form
        id={formId}
        className="portal-form"
        method="post"
        action={`${cmsUrl}${endpoint}`}
        noValidate
        onSubmit={onSubmit}
      >
        <div
          ref={summaryRef}
          tabIndex={-1}
          className={showSummary ? 'error-summary' : undefined}
          role="alert"
        >
          {showSummary && state.network && <p>{texts.network}</p>}
          {showSummary && !state.network && (
            <>
              <h2>{state.summary}</h2>
              {errorList.length + unplaced.length > 0 && (
                <ul>
                  {errorList.map(([name, message]) => (
                    <li key={name}>
                      <a href={`#${fieldId(formId, name)}`}>{message}</a>
                    </li>
                  ))}
                  {unplaced.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        <noscript>
          <p className="hint">{texts.noScript}</p>
        </noscript>
        <input type="hidden" name="language" value={language} />
        {Object.entries(extra ?? {}).map(([name, value]) =>
          typeof value === 'string' ? <input key={name} type="hidden" name={name} value={value} /> : null,
        )}
        {children}
        <Honeypot />
        <button type="submit" disabled={state.phase === 'sending'} aria-disabled={state.phase === 'sending'}>
          {state.phase === 'sending' ? texts.sending : texts.send}
        </button>
      </form>
    </FormContext.Provider>
  );
}

import type { ReactNode } from 'react';
import { FORM_TEXTS } from './texts';
import { useFormContext } from './form-context';

/**
 * Labelled form controls. Each shows its own error under the label, is tied to it with
 * aria-describedby and marks itself aria-invalid, so a screen reader hears what to fix.
 */
export function fieldId(formId: string, name: string) {
  return `${formId}-${name.replace(/\./g, '-')}`;
}

/** A label with its hint: required, optional, or when it is required (`hint`, for a field needed only by a choice). */
function Label({ text, required, hint }: { text: string; required?: boolean; hint?: string }) {
  const { language } = useFormContext();
  const texts = FORM_TEXTS[language];
  return (
    <>
      {text} <span className="hint">{hint ? `(${hint})` : required ? texts.required : texts.optional}</span>
    </>
  );
}

function ErrorText({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

/** A field's id, its current error, and the ARIA attributes that tie the error to the control. */
function useField(name: string, hasDescription = false) {
  const { formId, errors, language } = useFormContext();
  const id = fieldId(formId, name);
  const error = errors[name];
  const describedBy = [hasDescription ? `${id}-description` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const aria = { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
  return { id, error, aria, language };
}

interface InputProps {
  name: string;
  label: string;
  required?: boolean;
  type?: 'text' | 'email' | 'tel' | 'number';
  autoComplete?: string;
  min?: number;
  max?: number;
  defaultValue?: string | number;
  description?: string;
  /** Replaces "(optional)" on a field that a choice elsewhere makes required. */
  hint?: string;
}

export function TextField({
  name,
  label,
  required,
  type = 'text',
  autoComplete,
  min,
  max,
  defaultValue,
  description,
  hint,
}: InputProps) {
  const { id, error, aria } = useField(name, !!description);
  return (
    <div className="field">
      <label htmlFor={id}>
        <Label text={label} required={required} hint={hint} />
      </label>
      {description && (
        <p className="field-description" id={`${id}-description`}>
          {description}
        </p>
      )}
      <ErrorText id={id} message={error} />
      <input
        id={id}
        name={name}
        type={type}
        required={required}
        autoComplete={autoComplete}
        min={min}
        max={max}
        defaultValue={defaultValue}
        {...aria}
      />
    </div>
  );
}

export function TextArea({
  name,
  label,
  rows = 5,
  defaultValue,
}: {
  name: string;
  label: string;
  rows?: number;
  defaultValue?: string;
}) {
  const { id, error, aria } = useField(name);
  return (
    <div className="field">
      <label htmlFor={id}>
        <Label text={label} />
      </label>
      <ErrorText id={id} message={error} />
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} {...aria} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  name,
  label,
  options,
  required,
  placeholder,
}: {
  name: string;
  label: string;
  options: Option[];
  required?: boolean;
  placeholder?: string;
}) {
  const { id, error, aria } = useField(name);
  return (
    <div className="field">
      <label htmlFor={id}>
        <Label text={label} required={required} />
      </label>
      <ErrorText id={id} message={error} />
      <select
        id={id}
        name={name}
        required={required}
        defaultValue={placeholder === undefined ? options[0]?.value : ''}
        {...aria}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of radio buttons or checkboxes in a fieldset whose legend names the question. */
export function ChoiceGroup({
  name,
  legend,
  options,
  multiple,
  required,
  checked,
  onToggle,
  defaultValue,
  hint,
  description,
}: {
  name: string;
  legend: string;
  options: Option[];
  multiple?: boolean;
  required?: boolean;
  /** A sentence under the legend that helps to choose, read with the group. */
  description?: string;
  /** Replaces "(optional)": what leaving every box empty means. */
  hint?: string;
  /** Controlled selection (e.g. preselected from the page's address). */
  checked?: readonly string[];
  onToggle?: (value: string, on: boolean) => void;
  defaultValue?: string;
}) {
  const { id, error, aria } = useField(name, !!description);
  return (
    <fieldset className="field choices" aria-describedby={aria['aria-describedby']} id={id} tabIndex={-1}>
      <legend>
        <Label text={legend} required={required} hint={hint} />
      </legend>
      {description && (
        <p className="field-description" id={`${id}-description`}>
          {description}
        </p>
      )}
      <ErrorText id={id} message={error} />
      {options.map((o) => {
        const optionId = `${id}-${o.value}`;
        const control = checked
          ? {
              checked: checked.includes(o.value),
              onChange: (e: { target: HTMLInputElement }) => onToggle?.(o.value, e.target.checked),
            }
          : { defaultChecked: defaultValue === o.value };
        return (
          <div className="choice" key={o.value}>
            <input
              id={optionId}
              type={multiple ? 'checkbox' : 'radio'}
              name={name}
              value={o.value}
              {...control}
            />
            <label htmlFor={optionId}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function Checkbox({
  name,
  label,
  required,
  children,
}: {
  name: string;
  label: string;
  required?: boolean;
  children?: ReactNode;
}) {
  const { id, error, aria, language } = useField(name);
  return (
    <div className="field checkbox">
      <ErrorText id={id} message={error} />
      <input id={id} type="checkbox" name={name} value="yes" required={required} {...aria} />
      <label htmlFor={id}>
        {label} {required && <span className="hint">{FORM_TEXTS[language].required}</span>}
      </label>
      {children}
    </div>
  );
}

/** The honeypot: hidden from people and assistive technology, filled in only by bots. */
export function Honeypot() {
  const { formId, language } = useFormContext();
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor={`${formId}-website`}>{FORM_TEXTS[language].honeypot}</label>
      <input id={`${formId}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}

import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

/** A labelled single select (design system v2 takes its label from Field). */
export function Select<T extends string | number>(props: {
  label: string;
  value: T | undefined;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  placeholder?: string;
}) {
  const byKey = new Map(props.options.map((o) => [String(o.value), o.value]));
  return (
    <Field.Root name={props.label}>
      <Field.Label>{props.label}</Field.Label>
      <SingleSelect
        value={props.value === undefined ? undefined : String(props.value)}
        placeholder={props.placeholder}
        onChange={(value: string | number) => props.onChange(byKey.get(String(value)) as T)}
      >
        {props.options.map((o) => (
          <SingleSelectOption key={String(o.value)} value={String(o.value)}>
            {o.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
}

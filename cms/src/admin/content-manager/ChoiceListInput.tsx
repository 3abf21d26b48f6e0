import { Checkbox, Field, Flex } from '@strapi/design-system';
import { CHOICE_LISTS, isChoiceListName } from '@tasteget/shared/browser';
import { useAdminLocale } from '../workspace/labels';

/**
 * The Content Manager's input of a choice-list field (content/json-lists.ts): one checkbox per
 * value of the field's vocabulary, labelled in the user's admin language, instead of JSON to type.
 * The list keeps the order the values were ticked in (a contact's first municipality is the one
 * responsible for it); a value the vocabulary no longer has is kept and shown as it is stored.
 */
interface ChoiceListInputProps {
  name: string;
  value: unknown;
  onChange: (name: string, value: string[] | null) => void;
  attribute: { options?: { list?: unknown } };
  label: string;
  hint?: React.ReactNode;
  error?: string;
  required?: boolean;
  disabled?: boolean;
}

export function ChoiceListInput(props: ChoiceListInputProps) {
  const l = useAdminLocale();
  const list = props.attribute.options?.list;
  const vocabulary = isChoiceListName(list) ? CHOICE_LISTS[list] : null;
  const chosen = Array.isArray(props.value) ? props.value.map(String) : [];
  const values = vocabulary
    ? [...vocabulary.values, ...chosen.filter((v) => !vocabulary.values.includes(v as never))]
    : chosen;
  const labelOf = (value: string) =>
    (vocabulary?.labels as Record<string, { sv: string; en: string }> | undefined)?.[value]?.[l] ?? value;
  const toggle = (value: string, on: boolean) => {
    const next = on ? [...chosen.filter((v) => v !== value), value] : chosen.filter((v) => v !== value);
    props.onChange(props.name, next);
  };
  return (
    <Field.Root name={props.name} hint={props.hint} error={props.error} required={props.required}>
      <Field.Label>{props.label}</Field.Label>
      <Flex role="group" aria-label={props.label} direction="column" alignItems="flex-start" gap={1}>
        {values.map((value) => (
          <Checkbox
            key={value}
            name={`${props.name}.${value}`}
            checked={chosen.includes(value)}
            disabled={props.disabled}
            onCheckedChange={(on: boolean | 'indeterminate') => toggle(value, on === true)}
          >
            {labelOf(value)}
          </Checkbox>
        ))}
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

export default ChoiceListInput;

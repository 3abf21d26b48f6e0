import { Button, Field, Textarea } from '@strapi/design-system';
import { useIntl } from 'react-intl';

/**
 * A change that needs a reason (a subscription's status, a lifted block): the reason's field and
 * the button that sends it, disabled until the reason is long enough (the hint says how long).
 * The caller owns the state.
 */
export function ReasonedAction(props: {
  name: string;
  label: string;
  button: string;
  minLength: number;
  reason: string;
  onReason: (reason: string) => void;
  saving: boolean;
  error?: string;
  onSubmit: () => void;
}) {
  const { formatMessage } = useIntl();
  return (
    <>
      <Field.Root
        name={props.name}
        error={props.error}
        hint={formatMessage(
          { id: 'tasteget.reason.hint', defaultMessage: 'At least {count} characters.' },
          { count: props.minLength },
        )}
      >
        <Field.Label>{props.label}</Field.Label>
        <Textarea
          value={props.reason}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => props.onReason(e.target.value)}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Button
        type="button"
        onClick={props.onSubmit}
        loading={props.saving}
        disabled={props.saving || props.reason.trim().length < props.minLength}
        fullWidth
      >
        {props.button}
      </Button>
    </>
  );
}

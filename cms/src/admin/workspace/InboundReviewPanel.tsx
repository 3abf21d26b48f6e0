import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { API, errorMessage, useWorkspaceData, type Me } from './api';
import { INBOUND } from '../../platform/content-types';

/** Puts an unmatched mail on a contact's card (POST /tasteget/inbound/:documentId/link). */
function LinkToContact({ documentId, fromAddress }: { documentId: string; fromAddress: string }) {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const me = useWorkspaceData<Me>('/me');
  const [contactEmail, setContactEmail] = useState(fromAddress);
  const [state, setState] = useState<{ saving: boolean; error?: string; linked?: boolean }>({
    saving: false,
  });

  if (!me.data) return null;
  if (state.linked) {
    return (
      <Typography role="status" textColor="success600">
        {formatMessage({ id: 'tasteget.inbound.linked', defaultMessage: 'On the contact card now.' })}
      </Typography>
    );
  }
  if (!me.data.caresForRegister) {
    return (
      <Typography>
        {formatMessage({
          id: 'tasteget.inbound.coordinator-only',
          defaultMessage: 'The coordinator reviews unmatched mail.',
        })}
      </Typography>
    );
  }
  const link = async () => {
    setState({ saving: true });
    try {
      await post(`${API}/inbound/${documentId}/link`, { contactEmail });
      setState({ saving: false, linked: true });
    } catch (error) {
      setState({ saving: false, error: errorMessage(error) });
    }
  };
  return (
    // No <form>: the panel sits inside the Content Manager's form.
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      <Field.Root name="link-contact" error={state.error}>
        <Field.Label>
          {formatMessage({ id: 'tasteget.inbound.contact', defaultMessage: "The contact's e-mail address" })}
        </Field.Label>
        <TextInput
          value={contactEmail}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setContactEmail(e.target.value)}
        />
        <Field.Error />
      </Field.Root>
      <Button
        type="button"
        onClick={() => void link()}
        loading={state.saving}
        disabled={state.saving || contactEmail.trim() === ''}
        fullWidth
      >
        {formatMessage({ id: 'tasteget.inbound.link', defaultMessage: 'Put on the contact card' })}
      </Button>
    </Flex>
  );
}

/** An inbound mail to review: its side panel in the Content Manager. */
export const InboundReviewPanel = ({
  model,
  documentId,
  document,
}: {
  model: string;
  documentId?: string;
  document?: { outcome?: string; fromAddress?: string | null; resolvedAt?: string | null };
}) => {
  const { formatMessage } = useIntl();
  if (model !== INBOUND || !documentId || document?.outcome !== 'review' || document.resolvedAt) return null;
  return {
    title: formatMessage({ id: 'tasteget.inbound.title', defaultMessage: 'Review' }),
    content: <LinkToContact documentId={documentId} fromAddress={document.fromAddress ?? ''} />,
  };
};

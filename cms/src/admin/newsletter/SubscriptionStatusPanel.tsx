import { Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '@tasteget/shared/browser';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { errorMessage, useWorkspaceData, type Me } from '../workspace/api';
import { ReasonedAction } from '../workspace/ReasonedAction';
import { Select } from '../workspace/Select';
import { SUBSCRIPTION } from '../../platform/content-types';
import { useStartOver } from '../content-manager/start-over';

/** The coordinator's status change (POST /tasteget-newsletter/subscriptions/:id/status), with a reason. */
function StatusChange({ documentId }: { documentId: string }) {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const { startOver } = useStartOver(SUBSCRIPTION, documentId, 'SubscriptionStatusPanel');
  const me = useWorkspaceData<Me>('/me');
  const [status, setStatus] = useState<SubscriptionStatus>('unsubscribed');
  const [reason, setReason] = useState('');
  const [state, setState] = useState<{ saving: boolean; error?: string; saved?: boolean }>({ saving: false });

  if (!me.data) return null;
  if (!me.data.caresForRegister) {
    return (
      <Typography>
        {formatMessage({
          id: 'tasteget.subscription-status.owner',
          defaultMessage:
            'The status changes through the subscriber’s own links. Only the coordinator can change it here, with a reason.',
        })}
      </Typography>
    );
  }
  const change = async () => {
    setState({ saving: true });
    try {
      await post(`/tasteget-newsletter/subscriptions/${documentId}/status`, { status, reason });
      setReason('');
      setState({ saving: false, saved: true });
      startOver();
    } catch (error) {
      setState({ saving: false, error: errorMessage(error) });
    }
  };
  return (
    // No <form>: the panel sits inside the Content Manager's form.
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      <Select<SubscriptionStatus>
        label={formatMessage({ id: 'tasteget.subscription-status.status', defaultMessage: 'New status' })}
        value={status}
        onChange={setStatus}
        options={SUBSCRIPTION_STATUSES.values.map((value) => ({
          value,
          label: formatMessage({ id: value, defaultMessage: value }),
        }))}
      />
      <ReasonedAction
        name="status-reason"
        label={formatMessage({
          id: 'tasteget.subscription-status.reason',
          defaultMessage: 'Reason (saved in the log)',
        })}
        button={formatMessage({ id: 'tasteget.subscription-status.change', defaultMessage: 'Change status' })}
        minLength={5}
        reason={reason}
        onReason={setReason}
        saving={state.saving}
        error={state.error}
        onSubmit={() => void change()}
      />
      {state.saved ? (
        <Typography role="status" textColor="success600">
          {formatMessage({
            id: 'tasteget.subscription-status.changed',
            defaultMessage: 'Changed and logged.',
          })}
        </Typography>
      ) : null}
    </Flex>
  );
}

/**
 * The subscription's side panel in the Content Manager: the coordinator's way to change its status.
 * Strapi renders a panel as a component, so it may use hooks (before its early return).
 */
export const SubscriptionStatusPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  if (model !== SUBSCRIPTION || !documentId) return null;
  return {
    title: formatMessage({ id: 'tasteget.subscription-status.title', defaultMessage: 'Status' }),
    content: <StatusChange documentId={documentId} />,
  };
};

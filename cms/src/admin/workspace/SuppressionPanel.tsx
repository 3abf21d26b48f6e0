import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { SUPPRESSION_EVENTS } from '@tasteget/shared/browser';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { API, errorMessage, useFormatDateTime, useWorkspaceData, type Me } from './api';
import { useAdminLocale } from './labels';
import { ReasonedAction } from './ReasonedAction';
import { SUPPRESSION } from '../../platform/content-types';
import { useStartOver } from '../content-manager/start-over';
import type { SuppressionEvent } from '../../mail/suppression';

/** The coordinator lifts a suppressed address (POST /tasteget/suppressions/lift), with a reason. */
function Lift({ email, active, onLifted }: { email: string; active: boolean; onLifted: () => void }) {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const me = useWorkspaceData<Me>('/me');
  const [reason, setReason] = useState('');
  const [state, setState] = useState<{ saving: boolean; error?: string; lifted?: boolean }>({
    saving: false,
  });

  if (!me.data) return null;
  if (!active || state.lifted) {
    return (
      <Typography role="status">
        {formatMessage({
          id: 'tasteget.suppression.not-active',
          defaultMessage: 'Mail goes to this address again. The history stays in the log.',
        })}
      </Typography>
    );
  }
  if (!me.data.caresForRegister) {
    return (
      <Typography>
        {formatMessage({
          id: 'tasteget.suppression.coordinator-only',
          defaultMessage:
            'No mail goes to this address. Only the coordinator can lift the block, with a reason.',
        })}
      </Typography>
    );
  }
  const lift = async () => {
    setState({ saving: true });
    try {
      await post(`${API}/suppressions/lift`, { email, reason });
      setState({ saving: false, lifted: true });
      onLifted();
    } catch (error) {
      setState({ saving: false, error: errorMessage(error) });
    }
  };
  return (
    // No <form>: the panel sits inside the Content Manager's form.
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      <ReasonedAction
        name="lift-reason"
        label={formatMessage({
          id: 'tasteget.suppression.reason',
          defaultMessage: 'Why may mail go there again?',
        })}
        button={formatMessage({ id: 'tasteget.suppression.lift', defaultMessage: 'Lift the block' })}
        minLength={3}
        reason={reason}
        onReason={setReason}
        saving={state.saving}
        error={state.error}
        onSubmit={() => void lift()}
      />
    </Flex>
  );
}

/** What happened to the address, newest first: blocked, counted soft bounces, lifted, and by whom. */
function History({ events }: { events: SuppressionEvent[] }) {
  const { formatMessage } = useIntl();
  const l = useAdminLocale();
  const formatDateTime = useFormatDateTime();
  if (events.length === 0) return null;
  return (
    <Box width="100%">
      <Typography variant="sigma">
        {formatMessage({ id: 'tasteget.suppression.history', defaultMessage: 'History' })}
      </Typography>
      <Flex
        tag="ol"
        direction="column"
        alignItems="stretch"
        gap={2}
        style={{ listStyle: 'none', padding: 0 }}
      >
        {[...events].reverse().map((event, i) => (
          <li key={i}>
            <Typography variant="pi" textColor="neutral600">
              {formatDateTime(event.at)}
              {event.by ? ` · ${event.by}` : ''}
            </Typography>
            <Typography tag="p">
              {SUPPRESSION_EVENTS.labels[event.event][l]}
              {/* Reasons are translation keys of their own (shared/src/value-labels.ts). */}
              {event.reason ? ` (${formatMessage({ id: event.reason, defaultMessage: event.reason })})` : ''}
              {event.detail ? `: ${event.detail}` : ''}
            </Typography>
          </li>
        ))}
      </Flex>
    </Box>
  );
}

/** The block and its history, read again once lifted: the form and the history show the lift. */
function Block({ documentId, document }: { documentId: string; document: SuppressionDocument }) {
  const { document: fresh, startOver } = useStartOver(SUPPRESSION, documentId, 'SuppressionPanel');
  const shown = (fresh as SuppressionDocument | undefined) ?? document;
  const history = Array.isArray(shown.history) ? (shown.history as SuppressionEvent[]) : [];
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <Lift email={document.email ?? ''} active={shown.active === true} onLifted={startOver} />
      <History events={history} />
    </Flex>
  );
}

interface SuppressionDocument {
  email?: string;
  active?: boolean;
  history?: unknown;
}

/** The suppressed address's side panel in the Content Manager. */
export const SuppressionPanel = ({
  model,
  documentId,
  document,
}: {
  model: string;
  documentId?: string;
  document?: SuppressionDocument;
}) => {
  const { formatMessage } = useIntl();
  if (model !== SUPPRESSION || !documentId || !document?.email) return null;
  return {
    title: formatMessage({ id: 'tasteget.suppression.title', defaultMessage: 'Block' }),
    content: <Block documentId={documentId} document={document} />,
  };
};

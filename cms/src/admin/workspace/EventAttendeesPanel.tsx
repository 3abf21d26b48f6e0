import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { Attendee } from '../../contacts/event-registrations';
import { EVENT, EVENT_REGISTRATION } from '../../platform/content-types';
import { API, errorMessage, saveFile, useWorkspaceData } from './api';

/**
 * An event's sign-ups in its side panel: places taken, who is signed up and who waits, and the
 * list as CSV. Register data: the server answers the guides and the coordinator only
 * (GET /tasteget/events/:documentId/attendees). Editors, who may not read sign-ups, get no panel.
 */
const READ_SIGN_UPS = [{ action: 'plugin::content-manager.explorer.read', subject: EVENT_REGISTRATION }];
type Attendees = { confirmed: Attendee[]; waitlisted: Attendee[]; places: number };

function People({ list }: { list: Attendee[] }) {
  return (
    <Box tag="ul">
      {list.map((a) => (
        <Typography tag="li" key={a.email} variant="pi">
          {a.name} · {a.email}
          {a.participants > 1 ? ` (${a.participants})` : ''}
        </Typography>
      ))}
    </Box>
  );
}

function Content({ documentId, capacity }: { documentId: string; capacity?: number | null }) {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const { data } = useWorkspaceData<Attendees>(`/events/${documentId}/attendees`);
  const [error, setError] = useState<string>();
  if (!data) return null;
  const download = async () => {
    try {
      const { data: csv } = await get(`${API}/events/${documentId}/attendees?format=csv`, {
        responseType: 'blob',
      });
      saveFile(csv as Blob, `anmalda-${documentId}.csv`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      <Typography role="status">
        {formatMessage(
          {
            id: 'tasteget.event.places',
            defaultMessage:
              '{places, number} {capacity, select, none {places taken} other {of {capacity} places taken}}',
          },
          { places: data.places, capacity: capacity ? String(capacity) : 'none' },
        )}
      </Typography>
      <People list={data.confirmed} />
      {data.waitlisted.length > 0 ? (
        <>
          <Typography fontWeight="bold">
            {formatMessage({ id: 'tasteget.event.waitlist', defaultMessage: 'Waiting list' })}
          </Typography>
          <People list={data.waitlisted} />
        </>
      ) : null}
      <Box>
        <Button type="button" variant="secondary" onClick={() => void download()}>
          {formatMessage({ id: 'tasteget.event.csv', defaultMessage: 'Download the list (CSV)' })}
        </Button>
      </Box>
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
    </Flex>
  );
}

/** Register with `addEditViewSidePanel` in app.tsx. */
export const EventAttendeesPanel = ({
  model,
  documentId,
  document,
}: {
  model: string;
  documentId?: string;
  document?: { signUpOpen?: boolean; capacity?: number | null };
}) => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading } = useRBAC(READ_SIGN_UPS as never);
  if (model !== EVENT || !documentId || !document?.signUpOpen) return null;
  if (isLoading || !allowedActions.canRead) return null;
  return {
    title: formatMessage({ id: 'tasteget.event.title', defaultMessage: 'Sign-ups' }),
    content: <Content documentId={documentId} capacity={document.capacity} />,
  };
};

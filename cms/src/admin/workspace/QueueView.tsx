import { Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { QUEUE_OWNERS } from '@tasteget/shared/browser';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import {
  useFormatDateTime,
  useWorkspaceData,
  type Me,
  type Queue,
  type QueueEntry,
  type QueueSection,
} from './api';
import { useQueueName } from './labels';
import { Select } from './Select';
import { CONTACT } from '../../platform/content-types';

type Message = { id: string; defaultMessage: string };

const SECTIONS: { key: QueueSection; title: Message; empty: Message }[] = [
  {
    key: 'overdue',
    title: { id: 'tasteget.queue.section.overdue', defaultMessage: 'Overdue' },
    empty: { id: 'tasteget.queue.section.overdue.empty', defaultMessage: 'No overdue contacts.' },
  },
  {
    key: 'due-soon',
    title: {
      id: 'tasteget.queue.section.due-soon',
      defaultMessage: 'To be answered within two business days',
    },
    empty: {
      id: 'tasteget.queue.section.due-soon.empty',
      defaultMessage: 'Nothing falls due within two business days.',
    },
  },
  {
    key: 'new',
    title: { id: 'tasteget.queue.section.new', defaultMessage: 'New' },
    empty: { id: 'tasteget.queue.section.new.empty', defaultMessage: 'No new contacts.' },
  },
];

export const contactCardPath = (documentId: string) =>
  `/content-manager/collection-types/${CONTACT}/${documentId}`;

function Channel({ entry }: { entry: QueueEntry }) {
  const { formatMessage } = useIntl();
  return entry.preferredChannel === 'phone' ? (
    <Typography fontWeight="bold">
      {formatMessage(
        { id: 'tasteget.queue.call', defaultMessage: '☎ Call {phone}' },
        {
          phone:
            entry.phone ??
            formatMessage({ id: 'tasteget.queue.no-number', defaultMessage: '(number missing)' }),
        },
      )}
    </Typography>
  ) : (
    <Typography fontWeight="bold">
      {formatMessage(
        { id: 'tasteget.queue.mail', defaultMessage: '✉ E-mail {email}' },
        { email: entry.email },
      )}
    </Typography>
  );
}

function Section({ title, empty, entries }: { title: string; empty: string; entries: QueueEntry[] }) {
  const { formatMessage } = useIntl();
  const formatDateTime = useFormatDateTime();
  const queueName = useQueueName();
  const columns = [
    formatMessage({ id: 'tasteget.column.contact', defaultMessage: 'Contact' }),
    formatMessage({ id: 'tasteget.queue.column.channel', defaultMessage: 'Wants to be contacted' }),
    formatMessage({ id: 'tasteget.queue.column.due', defaultMessage: 'Answer by' }),
    formatMessage({ id: 'tasteget.queue.column.municipalities', defaultMessage: 'Municipalities' }),
  ];
  return (
    <Box paddingBottom={6}>
      <Typography tag="h2" variant="delta">
        {title} ({entries.length})
      </Typography>
      {entries.length === 0 ? (
        <Box paddingTop={2}>
          <Typography textColor="neutral600">{empty}</Typography>
        </Box>
      ) : (
        <Box paddingTop={2}>
          <Table colCount={4} rowCount={entries.length + 1}>
            <Thead>
              <Tr>
                {columns.map((column) => (
                  <Th key={column}>
                    <Typography variant="sigma">{column}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {entries.map((entry) => (
                <Tr key={entry.documentId}>
                  <Td>
                    <Link to={contactCardPath(entry.documentId)}>
                      {[entry.firstName, entry.lastName].filter(Boolean).join(' ')}
                    </Link>
                  </Td>
                  <Td>
                    <Channel entry={entry} />
                  </Td>
                  <Td>
                    <Typography>{formatDateTime(entry.firstResponseDueAt)}</Typography>
                  </Td>
                  <Td>
                    <Flex gap={1}>
                      <Typography>
                        {entry.municipalities.map(queueName).join(', ') ||
                          formatMessage({
                            id: 'tasteget.queue.no-municipality',
                            defaultMessage: 'None (the region)',
                          })}
                      </Typography>
                      {entry.responsible ? null : (
                        <Badge>
                          {formatMessage({
                            id: 'tasteget.queue.not-responsible',
                            defaultMessage: 'Not responsible',
                          })}
                        </Badge>
                      )}
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      )}
    </Box>
  );
}

/** The queue's note of those who took back their consent lately: not to be contacted. */
function Withdrawn({ notes }: { notes: Queue['withdrawn'] }) {
  const { formatMessage } = useIntl();
  const formatDateTime = useFormatDateTime();
  if (notes.length === 0) return null;
  return (
    <Box paddingBottom={6}>
      <Typography tag="h2" variant="delta">
        {formatMessage(
          { id: 'tasteget.queue.withdrawn', defaultMessage: 'Consent withdrawn ({count})' },
          { count: notes.length },
        )}
      </Typography>
      <Box tag="ul" paddingTop={2}>
        {notes.map((note) => (
          <li key={note.documentId}>
            <Typography>
              <Link to={contactCardPath(note.documentId)}>
                {[note.firstName, note.lastName].filter(Boolean).join(' ')}
              </Link>{' '}
              {formatMessage(
                {
                  id: 'tasteget.queue.withdrawn.note',
                  defaultMessage: 'took back their consent {when}. Do not contact them.',
                },
                { when: formatDateTime(note.withdrawnAt) },
              )}
            </Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
}

/** A municipality queue in three sections; the user's own queue first, any other on request. */
export function QueueView({ me }: { me: Me }) {
  const { formatMessage } = useIntl();
  const queueName = useQueueName();
  const [owner, setOwner] = useState<string | null>(me.queue);
  useEffect(() => setOwner((current) => current ?? me.queue), [me.queue]);
  const queue = useWorkspaceData<Queue>(owner ? `/queue?queue=${owner}` : null);
  return (
    <Box>
      <Box paddingBottom={4} maxWidth="320px">
        <Select<string>
          label={formatMessage({ id: 'tasteget.column.queue', defaultMessage: 'Queue' })}
          placeholder={formatMessage({ id: 'tasteget.queue.choose', defaultMessage: 'Choose a queue' })}
          value={owner ?? undefined}
          onChange={setOwner}
          options={QUEUE_OWNERS.map((q) => ({ value: q, label: queueName(q) }))}
        />
      </Box>
      {!owner ? (
        <Typography>
          {formatMessage({
            id: 'tasteget.queue.no-queue',
            defaultMessage:
              'You are not assigned to a queue. Choose one above, or ask the coordinator to assign you under "Vägledares kö" (guide assignments).',
          })}
        </Typography>
      ) : queue.error ? (
        <Typography textColor="danger600">{queue.error}</Typography>
      ) : !queue.data ? (
        <Typography>
          {formatMessage({ id: 'tasteget.queue.loading', defaultMessage: 'Loading the queue…' })}
        </Typography>
      ) : (
        <>
          {SECTIONS.map((s) => (
            <Section
              key={s.key}
              title={formatMessage(s.title)}
              empty={formatMessage(s.empty)}
              entries={queue.data![s.key]}
            />
          ))}
          <Withdrawn notes={queue.data.withdrawn} />
        </>
      )}
    </Box>
  );
}

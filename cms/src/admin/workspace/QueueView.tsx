import { Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { QUEUE_OWNERS } from '@tasteget/shared/browser';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  formatDateTime,
  useWorkspaceData,
  type Me,
  type Queue,
  type QueueEntry,
  type QueueSection,
} from './api';
import { queueName } from './labels';
import { Select } from './Select';
import { CONTACT } from '../../platform/content-types';

const SECTIONS: { key: QueueSection; title: string; empty: string }[] = [
  { key: 'overdue', title: 'Försenade', empty: 'Inga försenade kontakter.' },
  {
    key: 'due-soon',
    title: 'Ska besvaras inom två arbetsdagar',
    empty: 'Inget förfaller inom två arbetsdagar.',
  },
  { key: 'new', title: 'Nya', empty: 'Inga nya kontakter.' },
];

export const contactCardPath = (documentId: string) =>
  `/content-manager/collection-types/${CONTACT}/${documentId}`;

function Channel({ entry }: { entry: QueueEntry }) {
  return entry.preferredChannel === 'phone' ? (
    <Typography fontWeight="bold">☎ Ring {entry.phone ?? '(nummer saknas)'}</Typography>
  ) : (
    <Typography fontWeight="bold">✉ Mejla {entry.email}</Typography>
  );
}

function Section({ title, empty, entries }: { title: string; empty: string; entries: QueueEntry[] }) {
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
                <Th>
                  <Typography variant="sigma">Kontakt</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Vill bli kontaktad</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Svara senast</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Kommuner</Typography>
                </Th>
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
                        {entry.municipalities.map(queueName).join(', ') || 'Ingen (regionen)'}
                      </Typography>
                      {entry.responsible ? null : <Badge>Ej ansvarig</Badge>}
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

/** A municipality queue in three sections; the user's own queue first, any other on request. */
export function QueueView({ me }: { me: Me }) {
  const [owner, setOwner] = useState<string | null>(me.queue);
  useEffect(() => setOwner((current) => current ?? me.queue), [me.queue]);
  const queue = useWorkspaceData<Queue>(owner ? `/queue?queue=${owner}` : null);
  return (
    <Box>
      <Box paddingBottom={4} maxWidth="320px">
        <Select<string>
          label="Kö"
          placeholder="Välj kö"
          value={owner ?? undefined}
          onChange={setOwner}
          options={QUEUE_OWNERS.map((q) => ({ value: q, label: queueName(q) }))}
        />
      </Box>
      {!owner ? (
        <Typography>
          Du är inte kopplad till någon kö. Välj en kö ovan, eller be samordnaren koppla dig under "Vägledares
          kö".
        </Typography>
      ) : queue.error ? (
        <Typography textColor="danger600">{queue.error}</Typography>
      ) : !queue.data ? (
        <Typography>Hämtar kön…</Typography>
      ) : (
        SECTIONS.map((s) => (
          <Section key={s.key} title={s.title} empty={s.empty} entries={queue.data![s.key]} />
        ))
      )}
    </Box>
  );
}

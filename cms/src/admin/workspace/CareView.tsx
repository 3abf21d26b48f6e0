import {
  Box,
  Button,
  Field,
  Flex,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useState } from 'react';
import { API, errorMessage, formatDateTime, saveFile } from './api';
import { queueName } from './labels';

interface PurgeResult {
  rule: string;
  cutoff: string;
  candidates: {
    documentId: string;
    firstName: string;
    lastName: string | null;
    assignedMunicipality: string;
    lastActivityAt: string;
  }[];
  counts: Record<string, number>;
}

const COUNT_LABELS: Record<string, string> = {
  contacts: 'kontakter',
  activities: 'aktiviteter',
  magazineOrders: 'tidningsbeställningar',
  newsletterSubscriptions: 'avslutade prenumerationer',
  newsletterDeliveries: 'nyhetsbrevsutskick',
  outboxMessages: 'mejl',
};
const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, n]) => `${n} ${COUNT_LABELS[key] ?? key}`)
    .join(', ');

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box paddingBottom={8}>
      <Typography tag="h2" variant="delta">
        {title}
      </Typography>
      <Box paddingTop={3}>{children}</Box>
    </Box>
  );
}

/** The coordinator's register care: yearly purge, a person's rights, magazine distribution. */
export function CareView() {
  const { get, post } = useFetchClient();
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [dryRun, setDryRun] = useState<PurgeResult | null>(null);
  const [email, setEmail] = useState('');
  const [confirmEmail, setConfirmEmail] = useState('');
  const run = async (work: () => Promise<string | void>) => {
    setMessage(null);
    try {
      const text = await work();
      if (text) setMessage({ text });
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    }
  };

  return (
    <Box>
      {message ? (
        <Box paddingBottom={4} role="status">
          <Typography textColor={message.error ? 'danger600' : 'success600'}>{message.text}</Typography>
        </Box>
      ) : null}

      <Section title="Årlig gallring">
        <Typography>
          Kontakter utan aktivitet på fem år tas bort med allt som hör till dem. Bekräftade prenumeranter
          behålls.
        </Typography>
        <Flex gap={2} paddingTop={3}>
          <Button
            variant="secondary"
            onClick={() =>
              run(async () => setDryRun((await get<{ data: PurgeResult }>(`${API}/care/purge`)).data.data))
            }
          >
            Visa provkörning
          </Button>
          {dryRun && dryRun.candidates.length > 0 ? (
            <Button
              variant="danger"
              onClick={() =>
                run(async () => {
                  if (
                    !window.confirm(`Gallra ${dryRun.candidates.length} kontakter? Det går inte att ångra.`)
                  )
                    return;
                  const { data } = await post<{ data: { counts: Record<string, number> } }>(
                    `${API}/care/purge`,
                    { confirm: true },
                  );
                  setDryRun(null);
                  return `Gallrat: ${describeCounts(data.data.counts)}.`;
                })
              }
            >
              Gallra {dryRun.candidates.length} kontakter
            </Button>
          ) : null}
        </Flex>
        {dryRun ? (
          <Box paddingTop={3}>
            <Typography>
              {dryRun.candidates.length === 0
                ? 'Inget att gallra.'
                : `Provkörning: ingen aktivitet sedan ${dryRun.cutoff.slice(0, 10)}. Skulle ta bort ${describeCounts(dryRun.counts)}.`}
            </Typography>
            {dryRun.candidates.length > 0 ? (
              <Table colCount={3} rowCount={dryRun.candidates.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">Kontakt</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Kö</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Senaste aktivitet</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {dryRun.candidates.map((c) => (
                    <Tr key={c.documentId}>
                      <Td>
                        <Typography>{[c.firstName, c.lastName].filter(Boolean).join(' ')}</Typography>
                      </Td>
                      <Td>
                        <Typography>{queueName(c.assignedMunicipality)}</Typography>
                      </Td>
                      <Td>
                        <Typography>{formatDateTime(c.lastActivityAt)}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            ) : null}
          </Box>
        ) : null}
      </Section>

      <Section title="En persons uppgifter (utdrag och radering)">
        <Flex gap={4} alignItems="flex-end" wrap="wrap">
          <Field.Root name="person-email">
            <Field.Label>E-postadress</Field.Label>
            <TextInput
              type="email"
              value={email}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)}
            />
          </Field.Root>
          <Button
            variant="secondary"
            onClick={() =>
              run(async () => {
                const { data } = await post(`${API}/care/person/export`, { email }, { responseType: 'blob' });
                saveFile(data as Blob, 'personuppgifter.json');
                return 'Utdraget är nedladdat och loggat.';
              })
            }
          >
            Ladda ned utdrag (JSON)
          </Button>
          <Field.Root name="person-confirm" hint="Skriv adressen igen för att radera.">
            <Field.Label>Bekräfta e-postadress</Field.Label>
            <TextInput
              type="email"
              value={confirmEmail}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setConfirmEmail(e.target.value)}
            />
            <Field.Hint />
          </Field.Root>
          <Button
            variant="danger"
            onClick={() =>
              run(async () => {
                const { data } = await post<{ data: { erased: Record<string, number> } }>(
                  `${API}/care/person/erase`,
                  { email, confirm: confirmEmail },
                );
                setConfirmEmail('');
                return `Raderat: ${describeCounts(data.data.erased)}.`;
              })
            }
          >
            Radera allt om personen
          </Button>
        </Flex>
      </Section>

      <Section title="Tidningsbeställningar till distributören">
        <Flex gap={2}>
          <Button
            variant="secondary"
            onClick={() =>
              run(async () => {
                const { data } = await post(`${API}/magazine-orders/export`, {}, { responseType: 'blob' });
                saveFile(data as Blob, `tidningsbestallningar-${new Date().toISOString().slice(0, 10)}.csv`);
                return 'Nya beställningar är exporterade och markerade som exporterade.';
              })
            }
          >
            Exportera nya beställningar (CSV)
          </Button>
          <Button
            variant="secondary"
            onClick={() =>
              run(async () => {
                const { data } = await post<{ data: { shipped: number } }>(`${API}/magazine-orders/ship`, {});
                return `${data.data.shipped} beställningar markerade som skickade.`;
              })
            }
          >
            Markera exporterade som skickade
          </Button>
        </Flex>
      </Section>
    </Box>
  );
}

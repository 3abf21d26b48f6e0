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
import { useIntl, type IntlShape } from 'react-intl';
import { API, errorMessage, saveFileAnswer, useFormatDateTime, type FileAnswer } from './api';
import { adminLocale, useQueueName } from './labels';

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
  rules: { name: string; text: { sv: string; en: string }; counts: Record<string, number> }[];
}

/** What the server counts as removed or exported, keyed as it sends them. */
const COUNT_LABELS: Record<string, { id: string; defaultMessage: string }> = {
  contacts: {
    id: 'tasteget.care.count.contacts',
    defaultMessage: '{count, plural, one {# contact} other {# contacts}}',
  },
  activities: {
    id: 'tasteget.care.count.activities',
    defaultMessage: '{count, plural, one {# activity} other {# activities}}',
  },
  magazineOrders: {
    id: 'tasteget.care.count.magazineOrders',
    defaultMessage: '{count, plural, one {# magazine order} other {# magazine orders}}',
  },
  newsletterSubscriptions: {
    id: 'tasteget.care.count.newsletterSubscriptions',
    defaultMessage: '{count, plural, one {# subscription} other {# subscriptions}}',
  },
  newsletterDeliveries: {
    id: 'tasteget.care.count.newsletterDeliveries',
    defaultMessage: '{count, plural, one {# newsletter delivery} other {# newsletter deliveries}}',
  },
  outboxMessages: {
    id: 'tasteget.care.count.outboxMessages',
    defaultMessage: '{count, plural, one {# e-mail} other {# e-mails}}',
  },
  consentRecords: {
    id: 'tasteget.care.count.consentRecords',
    defaultMessage: '{count, plural, one {# consent record} other {# consent records}}',
  },
  inboundMessages: {
    id: 'tasteget.care.count.inboundMessages',
    defaultMessage: '{count, plural, one {# inbound e-mail} other {# inbound e-mails}}',
  },
  eventRegistrations: {
    id: 'tasteget.care.count.eventRegistrations',
    defaultMessage: '{count, plural, one {# event sign-up} other {# event sign-ups}}',
  },
  waitingRegistrations: {
    id: 'tasteget.care.count.waitingRegistrations',
    defaultMessage:
      '{count, plural, one {# registration not yet on a card} other {# registrations not yet on a card}}',
  },
  networkContacts: {
    id: 'tasteget.care.count.networkContacts',
    defaultMessage: '{count, plural, one {# network contact} other {# network contacts}}',
  },
  suppressions: {
    id: 'tasteget.care.count.suppressions',
    defaultMessage: '{count, plural, one {# blocked address} other {# blocked addresses}}',
  },
};
const describeCounts = (intl: IntlShape, counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) =>
      COUNT_LABELS[key]
        ? intl.formatMessage(COUNT_LABELS[key], { count: n })
        : `${intl.formatNumber(n)} ${key}`,
    )
    .join(', ');

const totalOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

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
  const intl = useIntl();
  const { formatMessage } = intl;
  const formatDateTime = useFormatDateTime();
  const queueName = useQueueName();
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
  const exportPerson = (format: 'html' | 'json') =>
    run(async () => {
      const { data } = await post<{ data: FileAnswer }>(`${API}/care/person/export`, { email, format });
      saveFileAnswer(data.data);
      return formatMessage({
        id: 'tasteget.care.person.exported',
        defaultMessage: 'The export is downloaded and logged.',
      });
    });

  return (
    <Box>
      {message ? (
        <Box paddingBottom={4} role="status">
          <Typography textColor={message.error ? 'danger600' : 'success600'}>{message.text}</Typography>
        </Box>
      ) : null}

      <Section title={formatMessage({ id: 'tasteget.care.purge.title', defaultMessage: 'Yearly purge' })}>
        <Typography>
          {formatMessage({
            id: 'tasteget.care.purge.intro',
            defaultMessage:
              'Each rule of the retention decision is applied on its own: contacts with no activity for five years (confirmed subscribers are kept), magazine orders with no contact, unconfirmed and ended subscriptions, sign-ups to past events, old mail in the outbox, and old inbound mail to review. The dry run shows what each rule would remove.',
          })}
        </Typography>
        <Flex gap={2} paddingTop={3}>
          <Button
            variant="secondary"
            onClick={() =>
              run(async () => setDryRun((await get<{ data: PurgeResult }>(`${API}/care/purge`)).data.data))
            }
          >
            {formatMessage({ id: 'tasteget.care.purge.dry-run', defaultMessage: 'Show a dry run' })}
          </Button>
          {dryRun && totalOf(dryRun.counts) > 0 ? (
            <Button
              variant="danger"
              onClick={() =>
                run(async () => {
                  const confirmation = formatMessage(
                    {
                      id: 'tasteget.care.purge.confirm',
                      defaultMessage: 'Purge {counts}? This cannot be undone.',
                    },
                    { counts: describeCounts(intl, dryRun.counts) },
                  );
                  if (!window.confirm(confirmation)) return;
                  const { data } = await post<{ data: { counts: Record<string, number> } }>(
                    `${API}/care/purge`,
                    { confirm: true },
                  );
                  setDryRun(null);
                  return formatMessage(
                    { id: 'tasteget.care.purge.done', defaultMessage: 'Purged: {counts}.' },
                    { counts: describeCounts(intl, data.data.counts) },
                  );
                })
              }
            >
              {formatMessage({ id: 'tasteget.care.purge.button', defaultMessage: 'Purge by the rules' })}
            </Button>
          ) : null}
        </Flex>
        {dryRun ? (
          <Box paddingTop={3}>
            <Typography>
              {totalOf(dryRun.counts) === 0
                ? formatMessage({ id: 'tasteget.care.purge.nothing', defaultMessage: 'Nothing to purge.' })
                : formatMessage(
                    {
                      id: 'tasteget.care.purge.preview',
                      defaultMessage: 'Dry run: no activity since {cutoff}. Would remove {counts}.',
                    },
                    {
                      cutoff: intl.formatDate(new Date(dryRun.cutoff), {
                        timeZone: 'Europe/Stockholm',
                        dateStyle: 'medium',
                      }),
                      counts: describeCounts(intl, dryRun.counts),
                    },
                  )}
            </Typography>
            <Box tag="ul" paddingTop={2} paddingBottom={2}>
              {dryRun.rules.map((rule) => (
                <li key={rule.name}>
                  <Typography>
                    {rule.text[adminLocale(intl.locale)]}{' '}
                    <strong>
                      {totalOf(rule.counts) === 0
                        ? formatMessage({ id: 'tasteget.care.purge.rule-none', defaultMessage: 'nothing' })
                        : describeCounts(intl, rule.counts)}
                    </strong>
                  </Typography>
                </li>
              ))}
            </Box>
            {dryRun.candidates.length > 0 ? (
              <Table colCount={3} rowCount={dryRun.candidates.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">
                        {formatMessage({ id: 'tasteget.column.contact', defaultMessage: 'Contact' })}
                      </Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">
                        {formatMessage({ id: 'tasteget.column.queue', defaultMessage: 'Queue' })}
                      </Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">
                        {formatMessage({
                          id: 'tasteget.care.column.last-activity',
                          defaultMessage: 'Last activity',
                        })}
                      </Typography>
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

      <Section
        title={formatMessage({
          id: 'tasteget.care.person.title',
          defaultMessage: "A person's data (export and erasure)",
        })}
      >
        <Flex gap={4} alignItems="flex-end" wrap="wrap">
          <Field.Root name="person-email">
            <Field.Label>
              {formatMessage({ id: 'tasteget.care.person.email', defaultMessage: 'E-mail address' })}
            </Field.Label>
            <TextInput
              type="email"
              value={email}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)}
            />
          </Field.Root>
          {/* The person's copy to read, in their language; the complete machine-readable one. */}
          <Button variant="secondary" onClick={() => exportPerson('html')}>
            {formatMessage({
              id: 'tasteget.care.person.exportReadable',
              defaultMessage: 'Download a copy to read (HTML)',
            })}
          </Button>
          <Button variant="secondary" onClick={() => exportPerson('json')}>
            {formatMessage({
              id: 'tasteget.care.person.export',
              defaultMessage: 'Download the export (JSON)',
            })}
          </Button>
          <Field.Root
            name="person-confirm"
            hint={formatMessage({
              id: 'tasteget.care.person.confirm.hint',
              defaultMessage: 'Type the address again to erase.',
            })}
          >
            <Field.Label>
              {formatMessage({
                id: 'tasteget.care.person.confirm',
                defaultMessage: 'Confirm the e-mail address',
              })}
            </Field.Label>
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
                if (totalOf(data.data.erased) === 0) {
                  return formatMessage({
                    id: 'tasteget.care.person.nothing',
                    defaultMessage: 'Nothing in the register has that e-mail address.',
                  });
                }
                return formatMessage(
                  { id: 'tasteget.care.person.erased', defaultMessage: 'Erased: {counts}.' },
                  { counts: describeCounts(intl, data.data.erased) },
                );
              })
            }
          >
            {formatMessage({
              id: 'tasteget.care.person.erase',
              defaultMessage: 'Erase everything about the person',
            })}
          </Button>
        </Flex>
      </Section>

      <Section
        title={formatMessage({
          id: 'tasteget.care.orders.title',
          defaultMessage: 'Magazine orders for the distributor',
        })}
      >
        <Flex gap={2}>
          <Button
            variant="secondary"
            onClick={() =>
              run(async () => {
                const { data } = await post<{ data: FileAnswer }>(`${API}/magazine-orders/export`, {});
                // An empty file says nothing the screen cannot: no download then.
                if (data.data.count === 0) {
                  return formatMessage({
                    id: 'tasteget.care.orders.none',
                    defaultMessage: 'There are no new orders to export.',
                  });
                }
                saveFileAnswer(data.data);
                return formatMessage(
                  {
                    id: 'tasteget.care.orders.exported',
                    defaultMessage:
                      '{count, plural, one {# new order exported and marked as exported.} other {# new orders exported and marked as exported.}}',
                  },
                  { count: data.data.count ?? 0 },
                );
              })
            }
          >
            {formatMessage({ id: 'tasteget.care.orders.export', defaultMessage: 'Export new orders (CSV)' })}
          </Button>
          <Button
            variant="secondary"
            onClick={() =>
              run(async () => {
                const sure = window.confirm(
                  formatMessage({
                    id: 'tasteget.care.orders.ship-confirm',
                    defaultMessage:
                      'Mark every exported order as shipped? Do it once the distributor has sent them.',
                  }),
                );
                if (!sure) return;
                const { data } = await post<{ data: { shipped: number } }>(`${API}/magazine-orders/ship`, {});
                return formatMessage(
                  {
                    id: 'tasteget.care.orders.shipped',
                    defaultMessage:
                      '{count, plural, one {# order marked as shipped.} other {# orders marked as shipped.}}',
                  },
                  { count: data.data.shipped },
                );
              })
            }
          >
            {formatMessage({ id: 'tasteget.care.orders.ship', defaultMessage: 'Mark exported as shipped' })}
          </Button>
        </Flex>
      </Section>
    </Box>
  );
}

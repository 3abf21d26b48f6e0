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
import {
  CONVERSION_KINDS,
  defaultStatisticsPeriod,
  municipalityName,
  isMunicipalitySlug,
} from '@tasteget/shared/browser';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { StatisticsReport, StatisticsTable } from '../../statistics/report';
import { API, errorMessage, saveFile, useWorkspaceData } from './api';
import { BarChart } from './BarChart';
import { adminLocale } from './labels';

/** The chart shows the period's last days (the CSV has them all). */
const CHART_DAYS = 14;

/**
 * "Besöksstatistik": the portal's cookie-free visitor figures for a period, for the coordinator
 * (the server answers no one else): page views and estimated unique visitors per day, top pages,
 * referring sites, UTM campaigns, and the forms sent per landing page, source and municipality.
 * Each table downloads as CSV.
 */
export function StatisticsView() {
  const { formatMessage, formatNumber, locale } = useIntl();
  const l = adminLocale(locale);
  const { get } = useFetchClient();
  const [period, setPeriod] = useState(() => defaultStatisticsPeriod(new Date()));
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const report = useWorkspaceData<StatisticsReport>(`/statistics?from=${period.from}&to=${period.to}`);

  const download = async (table: StatisticsTable) => {
    setDownloadError(null);
    try {
      const { data } = await get(
        `${API}/statistics?from=${period.from}&to=${period.to}&format=csv&table=${table}`,
        { responseType: 'blob' },
      );
      saveFile(data, `besok-${table}-${period.from}-${period.to}.csv`);
    } catch (error) {
      setDownloadError(errorMessage(error));
    }
  };
  const csvButton = (table: StatisticsTable) => (
    <Button variant="tertiary" size="S" onClick={() => void download(table)}>
      {formatMessage({ id: 'tasteget.stats.csv', defaultMessage: 'Download as CSV' })}
    </Button>
  );
  const data = report.data;
  const kindName = (kind: string) =>
    kind in CONVERSION_KINDS.labels
      ? CONVERSION_KINDS.labels[kind as keyof typeof CONVERSION_KINDS.labels][l]
      : kind;

  return (
    <Box>
      <Typography tag="p" paddingBottom={4}>
        {formatMessage({
          id: 'tasteget.stats.intro',
          defaultMessage:
            'Counted without cookies or stored identities; visitors who ask not to be tracked are not counted.',
        })}
      </Typography>
      <Flex gap={4} alignItems="flex-end" wrap="wrap" paddingBottom={4}>
        {(['from', 'to'] as const).map((end) => (
          <Field.Root key={end} name={`stats-${end}`}>
            <Field.Label>
              {end === 'from'
                ? formatMessage({ id: 'tasteget.stats.from', defaultMessage: 'From' })
                : formatMessage({ id: 'tasteget.stats.to', defaultMessage: 'Until' })}
            </Field.Label>
            <TextInput
              type="date"
              value={period[end]}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                e.target.value && setPeriod({ ...period, [end]: e.target.value })
              }
            />
          </Field.Root>
        ))}
      </Flex>
      {report.error ? <Typography textColor="danger600">{report.error}</Typography> : null}
      {downloadError ? <Typography textColor="danger600">{downloadError}</Typography> : null}
      {data ? (
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Flex
            gap={6}
            wrap="wrap"
            role="list"
            aria-label={formatMessage({ id: 'tasteget.stats.totals', defaultMessage: 'Totals' })}
          >
            {(
              [
                [
                  'views',
                  formatMessage({ id: 'tasteget.stats.views', defaultMessage: 'Page views' }),
                  data.totals.views,
                ],
                [
                  'visitors',
                  formatMessage({
                    id: 'tasteget.stats.visitors',
                    defaultMessage: 'Unique visitors (estimated)',
                  }),
                  data.totals.visitors,
                ],
                [
                  'conversions',
                  formatMessage({ id: 'tasteget.stats.conversions', defaultMessage: 'Forms sent' }),
                  data.totals.conversions,
                ],
              ] as const
            ).map(([key, label, value]) => (
              <Box key={key} role="listitem" padding={4} background="neutral0" hasRadius shadow="tableShadow">
                <Typography variant="pi">{label}</Typography>
                <Typography tag="p" variant="alpha" data-total={key}>
                  {formatNumber(value)}
                </Typography>
              </Box>
            ))}
          </Flex>
          <Flex gap={6} wrap="wrap" alignItems="flex-start">
            <BarChart
              title={formatMessage(
                { id: 'tasteget.stats.perDay', defaultMessage: 'Page views per day, the last {days} days' },
                { days: CHART_DAYS },
              )}
              bars={data.days.slice(-CHART_DAYS).map((d) => ({ label: d.day, value: d.views }))}
            />
            <BarChart
              title={formatMessage({ id: 'tasteget.stats.topPages', defaultMessage: 'Most viewed pages' })}
              bars={data.pages.slice(0, 10).map((p) => ({ label: p.path.slice(0, 18), value: p.views }))}
            />
          </Flex>
          <Section
            title={formatMessage({ id: 'tasteget.stats.pages', defaultMessage: 'Pages' })}
            action={csvButton('pages')}
          >
            <Rows
              head={[
                formatMessage({ id: 'tasteget.stats.page', defaultMessage: 'Page' }),
                formatMessage({ id: 'tasteget.stats.views', defaultMessage: 'Page views' }),
              ]}
              rows={data.pages.map((p) => [p.path, formatNumber(p.views)])}
            />
          </Section>
          <Section
            title={formatMessage({ id: 'tasteget.stats.referrers', defaultMessage: 'Referring websites' })}
            action={csvButton('referrers')}
          >
            <Rows
              head={[
                formatMessage({ id: 'tasteget.stats.site', defaultMessage: 'Website' }),
                formatMessage({ id: 'tasteget.stats.views', defaultMessage: 'Page views' }),
              ]}
              rows={data.referrers.map((r) => [r.host, formatNumber(r.views)])}
            />
          </Section>
          <Section
            title={formatMessage({ id: 'tasteget.stats.campaigns', defaultMessage: 'Campaigns (UTM)' })}
            action={csvButton('campaigns')}
          >
            <Rows
              head={[
                'utm_source',
                'utm_medium',
                'utm_campaign',
                formatMessage({ id: 'tasteget.stats.views', defaultMessage: 'Page views' }),
              ]}
              rows={data.campaigns.map((c) => [c.source, c.medium, c.campaign, formatNumber(c.views)])}
            />
          </Section>
          <Section
            title={formatMessage({
              id: 'tasteget.stats.conversionsTitle',
              defaultMessage: 'Forms sent, by landing page and source',
            })}
            action={csvButton('conversions')}
          >
            <Rows
              head={[
                formatMessage({ id: 'tasteget.stats.kind', defaultMessage: 'Form' }),
                formatMessage({ id: 'tasteget.stats.landing', defaultMessage: 'Landing page' }),
                formatMessage({ id: 'tasteget.stats.source', defaultMessage: 'Source' }),
                formatMessage({ id: 'tasteget.stats.municipality', defaultMessage: 'Municipality' }),
                formatMessage({ id: 'tasteget.stats.count', defaultMessage: 'Count' }),
              ]}
              rows={data.conversions.map((c) => [
                kindName(c.kind),
                c.landing,
                c.source,
                isMunicipalitySlug(c.municipality) ? municipalityName(c.municipality) : '–',
                formatNumber(c.count),
              ])}
            />
          </Section>
          <Section
            title={formatMessage({ id: 'tasteget.stats.days', defaultMessage: 'Days' })}
            action={csvButton('days')}
          >
            <Rows
              head={[
                formatMessage({ id: 'tasteget.stats.day', defaultMessage: 'Day' }),
                formatMessage({ id: 'tasteget.stats.views', defaultMessage: 'Page views' }),
                formatMessage({
                  id: 'tasteget.stats.visitors',
                  defaultMessage: 'Unique visitors (estimated)',
                }),
              ]}
              rows={data.days.map((d) => [d.day, formatNumber(d.views), formatNumber(d.visitors)])}
            />
          </Section>
        </Flex>
      ) : null}
    </Box>
  );
}

function Section({
  title,
  action,
  children,
}: {
  title: string;
  action: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Box>
      <Flex justifyContent="space-between" alignItems="center" paddingBottom={2}>
        <Typography tag="h2" variant="delta">
          {title}
        </Typography>
        {action}
      </Flex>
      {children}
    </Box>
  );
}

function Rows({ head, rows }: { head: string[]; rows: string[][] }) {
  const { formatMessage } = useIntl();
  if (rows.length === 0)
    return (
      <Typography textColor="neutral600">
        {formatMessage({ id: 'tasteget.stats.none', defaultMessage: 'Nothing counted in the period.' })}
      </Typography>
    );
  return (
    <Table colCount={head.length} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          {head.map((h) => (
            <Th key={h}>
              <Typography variant="sigma">{h}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row, i) => (
          <Tr key={i}>
            {row.map((cell, j) => (
              <Td key={j}>
                <Typography>{cell}</Typography>
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

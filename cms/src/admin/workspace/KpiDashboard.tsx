import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
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
import { COUNTY_TIES, stockholmDate } from '@tasteget/shared/browser';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { API, errorMessage, saveFile, useWorkspaceData, type KpiReport, type KpiRow } from './api';
import { BarChart } from './BarChart';
import { adminLocale, useQueueName } from './labels';
import { Select } from './Select';

/** The quarter of today's Stockholm date, as the server counts (not the browser's own zone). */
function currentQuarter(now = new Date()) {
  const [year, month] = stockholmDate(now).split('-').map(Number);
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}
function quarterDates(year: number, quarter: number) {
  const first = (quarter - 1) * 3;
  const last = new Date(Date.UTC(year, first + 3, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first + 1)}-01`, to: `${year}-${pad(first + 3)}-${pad(last)}` };
}

/** The coordinator's figures: per municipality and quarter or any period, with charts and the report. */
export function KpiDashboard() {
  const { formatMessage, formatNumber, locale } = useIntl();
  const queueName = useQueueName();
  const percent = (share: number | null) =>
    share === null ? '–' : formatNumber(share, { style: 'percent', maximumFractionDigits: 1 });
  const rowName = (row: KpiRow) =>
    row.queue === 'total'
      ? formatMessage({ id: 'tasteget.kpi.county', defaultMessage: 'The whole county' })
      : queueName(row.queue);
  const { get } = useFetchClient();
  const [{ year, quarter }, setQuarter] = useState(currentQuarter);
  const [period, setPeriod] = useState(() => quarterDates(year, quarter));
  const [reportError, setReportError] = useState<string | null>(null);
  const report = useWorkspaceData<KpiReport>(`/kpis?from=${period.from}&to=${period.to}`);
  const chooseQuarter = (y: number, q: number) => {
    setQuarter({ year: y, quarter: q });
    setPeriod(quarterDates(y, q));
  };
  const years = Array.from({ length: 6 }, (_, i) => currentQuarter().year - i);

  const download = async (format: 'csv' | 'html') => {
    setReportError(null);
    try {
      const { data } = await get(
        `${API}/reports/quarterly?year=${year}&quarter=${quarter}&format=${format}`,
        {
          responseType: 'blob',
        },
      );
      if (format === 'csv') saveFile(data, `ta-steget-${year}-q${quarter}.csv`);
      else window.open(URL.createObjectURL(data), '_blank', 'noopener');
    } catch (error) {
      setReportError(errorMessage(error));
    }
  };

  const rows = report.data?.rows ?? [];
  const municipalities = rows.filter((r) => r.queue !== 'total');
  return (
    <Box>
      <Flex gap={4} alignItems="flex-end" wrap="wrap" paddingBottom={4}>
        <Select
          label={formatMessage({ id: 'tasteget.kpi.year', defaultMessage: 'Year' })}
          value={year}
          onChange={(y) => chooseQuarter(y, quarter)}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        <Select
          label={formatMessage({ id: 'tasteget.kpi.quarter', defaultMessage: 'Quarter' })}
          value={quarter}
          onChange={(q) => chooseQuarter(year, q)}
          options={[1, 2, 3, 4].map((q) => ({
            value: q,
            label: formatMessage(
              { id: 'tasteget.kpi.quarter.option', defaultMessage: 'Quarter {quarter}' },
              { quarter: q },
            ),
          }))}
        />
        <Field.Root name="from">
          <Field.Label>{formatMessage({ id: 'tasteget.kpi.from', defaultMessage: 'From' })}</Field.Label>
          <TextInput
            type="date"
            value={period.from}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
              setPeriod((p) => ({ ...p, from: e.target.value }))
            }
          />
        </Field.Root>
        <Field.Root name="to">
          <Field.Label>{formatMessage({ id: 'tasteget.kpi.to', defaultMessage: 'To' })}</Field.Label>
          <TextInput
            type="date"
            value={period.to}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
              setPeriod((p) => ({ ...p, to: e.target.value }))
            }
          />
        </Field.Root>
        <Button variant="secondary" onClick={() => download('csv')}>
          {formatMessage({ id: 'tasteget.kpi.report.csv', defaultMessage: 'Quarterly report (CSV)' })}
        </Button>
        <Button variant="secondary" onClick={() => download('html')}>
          {formatMessage({ id: 'tasteget.kpi.report.print', defaultMessage: 'Quarterly report (print)' })}
        </Button>
      </Flex>
      {reportError ? <Typography textColor="danger600">{reportError}</Typography> : null}
      {report.error ? (
        <Typography textColor="danger600">{report.error}</Typography>
      ) : !report.data ? (
        <Typography>{formatMessage({ id: 'tasteget.kpi.loading', defaultMessage: 'Counting…' })}</Typography>
      ) : (
        <>
          <Grid.Root gap={6} paddingBottom={6}>
            <Grid.Item col={6} s={12}>
              <BarChart
                title={formatMessage({
                  id: 'tasteget.kpi.chart.registered',
                  defaultMessage: 'Registered households',
                })}
                bars={municipalities.map((r) => ({ label: rowName(r), value: r.registered }))}
              />
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <BarChart
                title={formatMessage({
                  id: 'tasteget.kpi.chart.moved',
                  defaultMessage: 'Households moved here',
                })}
                bars={municipalities.map((r) => ({ label: rowName(r), value: r.moved }))}
              />
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <BarChart
                title={formatMessage({
                  id: 'tasteget.kpi.chart.in-time',
                  defaultMessage: 'Share answered within five business days',
                })}
                max={1}
                bars={municipalities.map((r) => ({
                  label: rowName(r),
                  value: r.shareAnsweredInTime ?? 0,
                  text: percent(r.shareAnsweredInTime),
                }))}
              />
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <BarChart
                title={formatMessage({
                  id: 'tasteget.kpi.chart.subscribers',
                  defaultMessage: 'Confirmed subscribers',
                })}
                bars={municipalities.map((r) => ({ label: rowName(r), value: r.confirmedSubscribers }))}
              />
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <BarChart
                title={formatMessage({
                  id: 'tasteget.kpi.chart.ties',
                  defaultMessage: 'Registered households by tie to the county',
                })}
                bars={report.data.ties.map((t) => ({
                  label:
                    t.tie === 'unknown'
                      ? formatMessage({ id: 'tasteget.kpi.tie.unknown', defaultMessage: 'Not told' })
                      : COUNTY_TIES.labels[t.tie][adminLocale(locale)],
                  value: t.registered,
                }))}
              />
            </Grid.Item>
          </Grid.Root>
          <Table colCount={7} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                {[
                  formatMessage({ id: 'tasteget.column.queue', defaultMessage: 'Queue' }),
                  formatMessage({ id: 'tasteget.kpi.column.registered', defaultMessage: 'Registered' }),
                  formatMessage({ id: 'tasteget.kpi.column.moved', defaultMessage: 'Moved here' }),
                  formatMessage({ id: 'tasteget.kpi.column.magazines', defaultMessage: 'Magazines' }),
                  formatMessage({ id: 'tasteget.kpi.column.subscribers', defaultMessage: 'Subscribers' }),
                  formatMessage({ id: 'tasteget.kpi.column.in-time', defaultMessage: 'Answered in time' }),
                  formatMessage({
                    id: 'tasteget.kpi.column.median',
                    defaultMessage: 'Median first response (h)',
                  }),
                ].map((h) => (
                  <Th key={h}>
                    <Typography variant="sigma">{h}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((r) => (
                <Tr key={r.queue}>
                  <Td>
                    <Typography fontWeight={r.queue === 'total' ? 'bold' : undefined}>
                      {rowName(r)}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography>{formatNumber(r.registered)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatNumber(r.moved)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatNumber(r.magazineOrders)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatNumber(r.confirmedSubscribers)}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {percent(r.shareAnsweredInTime)}
                      {/* What the share is of: 1 of 1 and 50 of 50 are not the same 100 %. */}
                      {r.settled > 0
                        ? ` (${formatMessage(
                            { id: 'tasteget.kpi.of', defaultMessage: '{part} of {whole}' },
                            { part: formatNumber(r.answeredInTime), whole: formatNumber(r.settled) },
                          )})`
                        : ''}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {r.medianFirstResponseHours === null
                        ? '–'
                        : formatNumber(r.medianFirstResponseHours, {
                            minimumFractionDigits: 1,
                            maximumFractionDigits: 1,
                          })}
                    </Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
    </Box>
  );
}

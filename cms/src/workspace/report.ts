import escapeHtml from 'escape-html';
import { COUNTY_TIES, REGION, municipalityName, stockholmDateTime, type QueueOwner } from '@tasteget/shared';
import { excelCsv } from '../platform/csv';
import type { KpiFigures, KpiReport, TieRow } from './kpis';

/**
 * The quarterly report the cooperation agreement asks for, as CSV (for Swedish Excel, so decimal
 * commas) and as a printable HTML page.
 */

const COLUMNS: { key: keyof KpiFigures; label: string }[] = [
  { key: 'registered', label: 'Registrerade hushåll / Registered households' },
  { key: 'moved', label: 'Inflyttade hushåll / Households moved here' },
  { key: 'magazineOrders', label: 'Tidningsbeställningar / Magazine orders' },
  { key: 'confirmedSubscribers', label: 'Prenumeranter / Subscribers' },
  // The share with what it is a share of: 1 of 1 and 50 of 50 are not the same 100 %.
  { key: 'answeredInTime', label: 'Besvarade i tid / Answered in time' },
  { key: 'settled', label: 'Svar avgjorda / Responses settled' },
  { key: 'shareAnsweredInTime', label: 'Andel svar i tid / Share answered in time' },
  { key: 'medianFirstResponseHours', label: 'Median första svar, timmar / Median first response, hours' },
];

export const queueTitle = (queue: QueueOwner | 'total') =>
  queue === 'total'
    ? 'Hela länet / Whole county'
    : queue === REGION
      ? 'Regionen / Region'
      : municipalityName(queue);

const decimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
// Hours with one decimal, always: 0,0 and 48,0 read as the measure they are.
const hours = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
function cell(key: keyof KpiFigures, value: number | null): string {
  if (value === null) return '–';
  if (key === 'shareAnsweredInTime') return `${decimal.format(value * 100)} %`;
  if (key === 'medianFirstResponseHours') return hours.format(value);
  return decimal.format(value);
}

export function reportTitle(report: KpiReport) {
  return `Ta Steget – rapport ${report.period.from}–${report.period.to}`;
}

export const tieTitle = (tie: TieRow['tie']) =>
  tie === 'unknown'
    ? 'Inte angivet / Not told'
    : `${COUNTY_TIES.labels[tie].sv} / ${COUNTY_TIES.labels[tie].en}`;
const TIE_HEAD = [
  'Band till länet / Tie to the county',
  'Registrerade hushåll / Registered households',
  'Inflyttade hushåll / Households moved here',
];

export function reportCsv(report: KpiReport): string {
  const rows = report.rows.map((row) => [
    queueTitle(row.queue),
    ...COLUMNS.map((c) => cell(c.key, row[c.key])),
  ]);
  const ties = report.ties.map((t) => [tieTitle(t.tie), t.registered, t.moved]);
  return excelCsv([['Kö / Queue', ...COLUMNS.map((c) => c.label)], ...rows, [], TIE_HEAD, ...ties]);
}

export function reportHtml(report: KpiReport): string {
  const e = escapeHtml;
  const title = reportTitle(report);
  const head = ['Kö / Queue', ...COLUMNS.map((c) => c.label)]
    .map((h) => `<th scope="col">${e(h)}</th>`)
    .join('');
  const body = report.rows
    .map(
      (row) =>
        `<tr><th scope="row">${e(queueTitle(row.queue))}</th>${COLUMNS.map((c) => `<td>${e(cell(c.key, row[c.key]))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>
body{font-family:Arial,sans-serif;color:#1b2a2f;margin:24px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c5cfd2;padding:6px 8px;text-align:right}
th[scope=row],thead th:first-child{text-align:left}.queues tbody tr:last-child{font-weight:bold}
@media print{body{margin:0}}
</style></head>
<body><h1>${e(title)}</h1>
<p>Samverkansavtalets kvartalsrapport för länets åtta kommuner och regionen. Skapad ${e(stockholmDateTime(new Date(report.generatedAt)))} (svensk tid).<br>
<span lang="en">The quarterly report of the cooperation agreement, all municipalities and the region.</span></p>
<table class="queues"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<h2>Band till länet / Tie to the county</h2>
<table><thead><tr>${TIE_HEAD.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>
${report.ties.map((t) => `<tr><th scope="row">${e(tieTitle(t.tie))}</th><td>${t.registered}</td><td>${t.moved}</td></tr>`).join('\n')}
</tbody></table>
<p>Andel svar i tid räknas på hushåll registrerade under perioden vars första svar är avgjort (besvarade, eller sena och obesvarade).
Inflyttade räknas i den kommun hushållet flyttade till; prenumeranter i varje kommun de följer och en gång i länets summa.</p>
</body></html>`;
}

import { stringify } from 'csv-stringify/sync';

/**
 * CSV for Swedish Excel: UTF-8 with a byte-order mark (so åäö survive), `;` between fields (the
 * comma is the decimal sign). Text that starts like a formula is prefixed with an apostrophe:
 * names and addresses come from visitors, and a cell "=HYPERLINK(…)" must stay text.
 */
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

const safe = (value: string | number) =>
  typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;

export function excelCsv(rows: (string | number)[][]): string {
  return (
    BOM +
    stringify(
      rows.map((row) => row.map(safe)),
      { delimiter: ';' },
    )
  );
}

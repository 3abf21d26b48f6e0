import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

/**
 * List views show an enumeration's raw value ("ostersund", "new"): Strapi 5.54's table cell
 * formats dates, numbers and booleans but not enumerations. The edit view labels an option as
 * `formatMessage({ id: value })` (shared/src/value-labels.ts); this gives list cells the same
 * label, in the admin's language, through the Content Manager's column hook.
 */
type Header = { name: string; attribute?: { type?: string }; cellFormatter?: unknown };
type Columns = { displayedHeaders: Header[]; layout: unknown };

function EnumerationCell({ value }: { value: unknown }) {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string' || value === '') return <Typography textColor="neutral800">-</Typography>;
  return (
    <Typography textColor="neutral800">{formatMessage({ id: value, defaultMessage: value })}</Typography>
  );
}

export function labelEnumerationCells({ displayedHeaders, layout }: Columns): Columns {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) =>
      header.attribute?.type === 'enumeration' && typeof header.cellFormatter !== 'function'
        ? {
            ...header,
            cellFormatter: (row: Record<string, unknown>) => <EnumerationCell value={row[header.name]} />,
          }
        : header,
    ),
  };
}

export const INJECT_COLUMN_IN_TABLE = 'Admin/CM/pages/ListView/inject-column-in-table';

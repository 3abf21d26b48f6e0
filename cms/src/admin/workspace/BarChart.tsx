import { useIntl } from 'react-intl';

/**
 * A horizontal bar chart drawn as SVG (no chart library: a handful of bars needs none), with the
 * figures written out so the chart reads without colour and a screen reader gets a table-like list.
 */
export interface Bar {
  label: string;
  value: number;
  /** What is shown at the bar's end; defaults to the value. */
  text?: string;
}

export function BarChart({ title, bars, max }: { title: string; bars: Bar[]; max?: number }) {
  const { formatNumber } = useIntl();
  const shown = (bar: Bar) => bar.text ?? formatNumber(bar.value);
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const row = 24;
  // As wide as the longest label needs at 12 px (about 7 px a character), so none is cut off.
  const labelWidth = Math.min(
    260,
    Math.max(60, Math.ceil(Math.max(0, ...bars.map((b) => b.label.length)) * 7) + 12),
  );
  const barSpace = 300;
  const width = labelWidth + barSpace + 60;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 8 }}>{title}</figcaption>
      <svg
        width={width}
        height={bars.length * row}
        role="img"
        aria-label={`${title}: ${bars.map((b) => `${b.label} ${shown(b)}`).join(', ')}`}
      >
        {bars.map((bar, i) => (
          <g key={bar.label} transform={`translate(0, ${i * row})`}>
            <text x={labelWidth - 8} y={row / 2 + 4} textAnchor="end" fontSize="12" fill="currentColor">
              {bar.label}
            </text>
            <rect
              x={labelWidth}
              y={4}
              height={row - 8}
              width={(bar.value / top) * barSpace}
              fill="#4945ff"
              rx="2"
            />
            <text
              x={labelWidth + (bar.value / top) * barSpace + 6}
              y={row / 2 + 4}
              fontSize="12"
              fill="currentColor"
            >
              {shown(bar)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/**
 * The frame every chart sits in: its title, a toolbar (reset zoom, save as PNG or SVG) and, for
 * anyone who cannot see the chart, its data as a table (drawn only once opened).
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { savePng, saveSvg } from './exportChart';

export interface DataTable {
  columns: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
}

interface ChartFigureProps {
  title: string;
  testId?: string;
  /** The chart's data, shown as a table on demand. */
  table?: DataTable;
  /** Set while zoomed in: a button then resets the zoom. */
  onResetZoom?: (() => void) | null;
  /** A line under the chart (what it shows, how to zoom). */
  note?: ReactNode;
  className?: string;
  children: ReactNode;
}

function cell(value: string | number | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return value;
}

function TableAlternative({ title, table }: { title: string; table: DataTable }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-data" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Data table</summary>
      {open && (
        <div className="chart-data-scroll">
          <table className="data-table compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((value, column) => (
                    <td key={column} className={typeof value === 'number' ? 'number' : undefined}>
                      {cell(value)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

export function ChartFigure({ title, testId, table, onResetZoom, note, className, children }: ChartFigureProps) {
  const host = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const [error, setError] = useState<string | null>(null);
  const svg = () => host.current?.querySelector('svg') ?? null;
  // visx labels the svg (aria-label) but gives it no role: say it is one image.
  useEffect(() => {
    svg()?.setAttribute('role', 'img');
  });
  const exportAs = (kind: 'png' | 'svg') => {
    const element = svg();
    if (!element) return;
    setError(null);
    if (kind === 'svg') saveSvg(element, title);
    else savePng(element, title).catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  };
  return (
    <figure className={['chart-figure', className].filter(Boolean).join(' ')} data-testid={testId} aria-labelledby={captionId}>
      <div className="chart-figure-header">
        <figcaption id={captionId}>{title}</figcaption>
        <div className="chart-tools">
          {onResetZoom && (
            <button type="button" className="link-button" onClick={onResetZoom}>
              Reset zoom
            </button>
          )}
          <button type="button" className="link-button" aria-label={`Save ${title} as PNG`} onClick={() => exportAs('png')}>
            PNG
          </button>
          <button type="button" className="link-button" aria-label={`Save ${title} as SVG`} onClick={() => exportAs('svg')}>
            SVG
          </button>
        </div>
      </div>
      <div ref={host} className="chart-host">
        {children}
      </div>
      {note && <p className="muted chart-note">{note}</p>}
      {error && <p className="error-text">{error}</p>}
      {table && <TableAlternative title={title} table={table} />}
    </figure>
  );
}

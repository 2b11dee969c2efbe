/**
 * The first rows of a table (an artifact's or a dataset version's preview) as a compact grid,
 * with how many of all the rows it shows. Renders what it is given; fetching is the caller's.
 */
import type { ArtifactPreview, JsonValue } from '../../api/models';

const PREVIEW_ROWS = 20;

/** The first rows of a preview, as cells in column order. */
export function previewCells(preview: ArtifactPreview, limit = PREVIEW_ROWS): ArtifactPreview['rows'] {
  return preview.rows.slice(0, limit);
}

/** A cell as text; floats to six significant digits, so a column of them stays readable. */
export function cellText(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Number(value.toPrecision(6)));
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function PreviewGrid({ preview, testId, limit }: { preview: ArtifactPreview; testId: string; limit?: number }) {
  const rows = previewCells(preview, limit);
  return (
    <div className="preview-scroll">
      <table className="data-table compact preview" data-testid={testId}>
        <thead>
          <tr>
            {preview.columns.map((column) => (
              <th key={column}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={column} title={cell === null ? undefined : String(cell)}>
                  {cellText(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {rows.length} of {preview.row_count} rows
      </p>
    </div>
  );
}

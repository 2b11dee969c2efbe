/**
 * A confusion matrix as a heatmap table: a row per actual class, a column per predicted class,
 * each cell shaded by the share of its row it holds. Being a table, it is its own text alternative.
 */

interface ConfusionMatrixProps {
  title: string;
  classes: readonly string[];
  /** matrix[i][j]: rows of actual classes[i] predicted classes[j]. */
  matrix: readonly (readonly number[])[];
  testId?: string;
}

/** The share of its row a count holds, 0 for an empty row. */
export function rowShare(row: readonly number[], count: number): number {
  const total = row.reduce((sum, value) => sum + value, 0);
  return total === 0 ? 0 : count / total;
}

export function heatColor(share: number, correct: boolean): string {
  const alpha = 0.08 + 0.72 * Math.min(1, Math.max(0, share));
  return correct ? `rgb(0 114 178 / ${alpha.toFixed(2)})` : `rgb(213 94 0 / ${alpha.toFixed(2)})`;
}

export function ConfusionMatrix({ title, classes, matrix, testId }: ConfusionMatrixProps) {
  return (
    <figure className="chart-figure confusion-figure" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="confusion-scroll">
        <table className="confusion-matrix">
          <thead>
            <tr>
              <th scope="col" className="confusion-corner">
                actual \ predicted
              </th>
              {classes.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, i) => (
              <tr key={classes[i]}>
                <th scope="row">{classes[i]}</th>
                {row.map((count, j) => {
                  const share = rowShare(row, count);
                  const strong = share > 0.55;
                  return (
                    <td
                      key={classes[j]}
                      className="number"
                      data-testid={testId ? `${testId}-${i}-${j}` : undefined}
                      data-count={count}
                      style={{ background: heatColor(share, i === j), color: strong ? '#fff' : undefined }}
                      title={`actual ${classes[i]}, predicted ${classes[j]}: ${count} (${(share * 100).toFixed(1)}% of the row)`}
                    >
                      {count}
                      <span className="confusion-share">{(share * 100).toFixed(0)}%</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

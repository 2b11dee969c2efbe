/** The differences between a run's version and the draft, listed: nodes, edges, parameters. */
import type { DraftDiff } from '../../api/runPickUp';
import { changeLine, edgeText, nodeNotes } from './draftDiffFlow';

export function DraftDiffList({ diff }: { diff: DraftDiff }) {
  return (
    <ul className="graph-diff draft-diff-list" data-testid="draft-diff-list">
      {diff.added.map((node) => (
        <li key={`a-${node}`} className="diff-added" data-testid={`draft-diff-added-${node}`}>
          node <strong>{node}</strong> added in the draft
        </li>
      ))}
      {diff.removed.map((node) => (
        <li key={`r-${node}`} className="diff-removed" data-testid={`draft-diff-removed-${node}`}>
          node <strong>{node}</strong> removed from the draft
        </li>
      ))}
      {diff.changed.map((change) => (
        <li key={`c-${change.node}`} className="diff-changed" data-testid={`draft-diff-changed-${change.node}`}>
          node <strong>{change.node}</strong> changed
          <ul>
            {nodeNotes(change).map((note) => (
              <li key={note}>
                <code>{note}</code>
              </li>
            ))}
          </ul>
        </li>
      ))}
      {diff.edges_added.map((edge) => (
        <li key={`ea-${edgeText(edge)}`} className="diff-added">
          edge added {edgeText(edge)}
        </li>
      ))}
      {diff.edges_removed.map((edge) => (
        <li key={`er-${edgeText(edge)}`} className="diff-removed">
          edge removed {edgeText(edge)}
        </li>
      ))}
      {diff.parameters.map((change) => (
        <li key={`p-${change.name}`} className="diff-changed" data-testid={`draft-diff-parameter-${change.name}`}>
          pipeline parameter <code>{changeLine(change)}</code>
        </li>
      ))}
    </ul>
  );
}

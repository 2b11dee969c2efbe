/**
 * What a dataset or registered-model node was bound to when its run started ("houses v3"),
 * linking to that version's page.
 */
import { Link } from 'react-router';
import type { NodeRun } from '../api/models';
import { datasetPagePath, modelPagePath } from '../shared/catalogPaths';

export type NodeSource = NonNullable<NodeRun['source']>;

export function sourceLabel(source: NodeSource): string {
  return `${source.name} v${source.version}`;
}

export function sourcePath(source: NodeSource): string {
  return source.kind === 'dataset' ? datasetPagePath(source.name, source.version) : modelPagePath(source.name, source.version);
}

export function SourceBadge({ source, testId }: { source: NodeSource; testId?: string }) {
  return (
    <Link
      to={sourcePath(source)}
      className="source-badge"
      data-testid={testId}
      title={`${source.kind === 'dataset' ? 'Dataset' : 'Model'} version this run used · ${source.digest}`}
      onClick={(event) => event.stopPropagation()}
    >
      {sourceLabel(source)}
    </Link>
  );
}

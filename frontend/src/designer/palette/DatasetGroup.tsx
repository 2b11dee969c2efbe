/**
 * The palette's "Datasets" group: the sample datasets and the server's data files, each dragged
 * onto the canvas (or double-clicked) as a node of its reading component with the parameters
 * already set. Shows the datasets it is given; the search and the fetch belong to the Palette.
 */
import type { DragEvent } from 'react';
import type { Dataset } from '../../api/datasets';
import { formatBytes } from '../../shared/format';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { DATASET_MIME, datasetDragData, type NodeToAdd } from '../canvas/dragPayload';
import { datasetNode } from './palette';
import { PaletteGroup } from './PaletteGroup';

export const DATASETS_GROUP = 'Datasets';

function DatasetItem({ dataset, onAdd }: { dataset: Dataset; onAdd: (node: NodeToAdd) => void }) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(DATASET_MIME, datasetDragData(datasetNode(dataset)));
    event.dataTransfer.setData('text/plain', dataset.name);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const size = dataset.size === null ? '' : ` (${formatBytes(dataset.size)})`;
  return (
    <li
      className="palette-item palette-dataset"
      draggable
      onDragStart={onDragStart}
      onDoubleClick={() => onAdd(datasetNode(dataset))}
      title={`${dataset.description}${size}\n\nDrag onto the canvas or double-click to add.`}
      data-testid={`palette-dataset-${dataset.name}`}
      data-kind={dataset.kind}
    >
      <span className="palette-item-name">{dataset.name}</span>
      <span className="palette-item-version palette-dataset-kind muted">{dataset.kind}</span>
    </li>
  );
}

interface DatasetGroupProps {
  /** The datasets matching the search; undefined until they are loaded. */
  datasets: readonly Dataset[] | undefined;
  /** Why they could not be loaded; shown only while there is nothing to show instead. */
  error: unknown;
  onRetry: () => void;
  searching: boolean;
  open: boolean;
  onToggle: () => void;
  onAdd: (node: NodeToAdd) => void;
}

function groupBody({ datasets, error, onRetry, onAdd }: DatasetGroupProps) {
  if (datasets === undefined && error) {
    return (
      <li>
        <ErrorMessage error={error} onRetry={onRetry} />
      </li>
    );
  }
  if (datasets === undefined) return <li className="muted">Loading datasets…</li>;
  if (datasets.length === 0) {
    return (
      <li className="muted" data-testid="palette-datasets-empty">
        No datasets. Data files put in the server's data folder show up here.
      </li>
    );
  }
  return datasets.map((dataset) => <DatasetItem key={`${dataset.kind}:${dataset.name}`} dataset={dataset} onAdd={onAdd} />);
}

export function DatasetGroup(props: DatasetGroupProps) {
  const { datasets, searching, open, onToggle } = props;
  // While searching, only a group with matches is worth showing, as for the categories.
  if (searching && !datasets?.length) return null;
  return (
    <PaletteGroup title={DATASETS_GROUP} open={open} onToggle={onToggle} count={datasets?.length ?? 0}>
      {groupBody(props)}
    </PaletteGroup>
  );
}

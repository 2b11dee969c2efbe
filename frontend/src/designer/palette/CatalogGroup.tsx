/**
 * A palette group of registered things — the "Datasets" and "Models" groups. Each entry drags
 * onto the canvas (or is double-clicked) as a node of its source component, its name set and its
 * version "latest". Shows the entries it is given; the search and the fetch belong to the Palette.
 */
import type { DragEvent, ReactNode } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { DATASET_MIME, datasetDragData, type NodeToAdd } from '../canvas/dragPayload';
import type { CatalogEntry } from './palette';
import { PaletteGroup } from './PaletteGroup';

interface ItemProps {
  entry: CatalogEntry;
  toNode: (entry: CatalogEntry) => NodeToAdd;
  testId: string;
  onAdd: (node: NodeToAdd) => void;
}

function CatalogItem({ entry, toNode, testId, onAdd }: ItemProps) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(DATASET_MIME, datasetDragData(toNode(entry)));
    event.dataTransfer.setData('text/plain', entry.name);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const about = [entry.description, entry.tags.length > 0 ? `Tags: ${entry.tags.join(', ')}` : '']
    .filter(Boolean)
    .join('\n');
  return (
    <li
      className="palette-item palette-dataset"
      draggable
      onDragStart={onDragStart}
      onDoubleClick={() => onAdd(toNode(entry))}
      title={`${about ? `${about}\n\n` : ''}Drag onto the canvas or double-click to add (latest version).`}
      data-testid={testId}
    >
      <span className="palette-item-name">{entry.name}</span>
      {entry.latest_version !== null && <span className="palette-item-version muted">v{entry.latest_version}</span>}
    </li>
  );
}

export interface CatalogGroupProps {
  title: string;
  /** Prefix of each item's test id: `${itemTestId}-${name}`. */
  itemTestId: string;
  /** What to say when nothing is registered yet. */
  empty: ReactNode;
  /** The entries matching the search; undefined until they are loaded. */
  entries: readonly CatalogEntry[] | undefined;
  /** Why they could not be loaded; shown only while there is nothing to show instead. */
  error: unknown;
  onRetry: () => void;
  toNode: (entry: CatalogEntry) => NodeToAdd;
  searching: boolean;
  open: boolean;
  onToggle: () => void;
  onAdd: (node: NodeToAdd) => void;
}

function groupBody({ title, itemTestId, empty, entries, error, onRetry, toNode, onAdd }: CatalogGroupProps) {
  if (entries === undefined && error) {
    return (
      <li>
        <ErrorMessage error={error} onRetry={onRetry} />
      </li>
    );
  }
  if (entries === undefined) return <li className="muted">Loading {title.toLowerCase()}…</li>;
  if (entries.length === 0) {
    return (
      <li className="muted palette-empty" data-testid={`${itemTestId}s-empty`}>
        {empty}
      </li>
    );
  }
  return entries.map((entry) => (
    <CatalogItem key={entry.name} entry={entry} toNode={toNode} testId={`${itemTestId}-${entry.name}`} onAdd={onAdd} />
  ));
}

export function CatalogGroup(props: CatalogGroupProps) {
  const { title, entries, searching, open, onToggle } = props;
  // While searching, only a group with matches is worth showing, as for the categories.
  if (searching && !entries?.length) return null;
  return (
    <PaletteGroup title={title} open={open} onToggle={onToggle} count={entries?.length ?? 0}>
      {groupBody(props)}
    </PaletteGroup>
  );
}

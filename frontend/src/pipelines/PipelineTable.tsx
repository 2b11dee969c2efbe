/**
 * The list of pipelines: name (renamed in place), description, node count, last update, and
 * per row Rename, Clone, Export (YAML) and Delete. Sorting and filtering are the server's.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { PipelineSummary } from '../api/pipelines';
import { formatTime } from '../shared/format';

export interface RowActions {
  onRename: (pipeline: PipelineSummary, name: string) => Promise<boolean>;
  onClone: (pipeline: PipelineSummary) => void;
  onExport: (pipeline: PipelineSummary) => void;
  onDelete: (pipeline: PipelineSummary) => void;
}

function NameCell({ pipeline, onRename }: { pipeline: PipelineSummary; onRename: RowActions['onRename'] }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(pipeline.name);

  if (!editing) {
    return (
      <span className="pipeline-name-cell">
        <Link to={`/pipelines/${encodeURIComponent(String(pipeline.id))}`}>{pipeline.name}</Link>
        <button
          type="button"
          className="link-button row-action"
          aria-label={`Rename ${pipeline.name}`}
          onClick={() => {
            setName(pipeline.name);
            setEditing(true);
          }}
        >
          Rename
        </button>
      </span>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '' || trimmed === pipeline.name || (await onRename(pipeline, trimmed))) setEditing(false);
  };

  return (
    <form className="inline-rename" onSubmit={(event) => void submit(event)}>
      <input
        autoFocus
        aria-label={`New name for ${pipeline.name}`}
        value={name}
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}
      />
      <button type="submit">Save</button>
      <button type="button" className="link-button" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}

export function PipelineTable({ pipelines, actions }: { pipelines: readonly PipelineSummary[]; actions: RowActions }) {
  return (
    <table className="data-table pipelines-table" data-testid="pipelines-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Description</th>
          <th>Nodes</th>
          <th>Updated</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {pipelines.map((pipeline) => (
          <tr key={String(pipeline.id)} data-testid={`pipeline-row-${pipeline.id}`}>
            <td>
              <NameCell key={pipeline.name} pipeline={pipeline} onRename={actions.onRename} />
            </td>
            <td className="muted">{pipeline.description}</td>
            <td className="number">{pipeline.node_count}</td>
            <td>
              <time dateTime={pipeline.updated_at}>{formatTime(pipeline.updated_at)}</time>
            </td>
            <td className="row-actions">
              <button type="button" className="link-button" onClick={() => actions.onClone(pipeline)} aria-label={`Clone ${pipeline.name}`}>
                Clone
              </button>
              <button type="button" className="link-button" onClick={() => actions.onExport(pipeline)} aria-label={`Export ${pipeline.name}`}>
                Export
              </button>
              <button type="button" className="link-button danger-text" onClick={() => actions.onDelete(pipeline)} aria-label={`Delete ${pipeline.name}`}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

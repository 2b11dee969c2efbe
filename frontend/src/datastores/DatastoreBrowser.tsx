/**
 * The files of one datastore: folders to open (with the way back up), and for a file its first
 * rows and "Register as dataset".
 */
import { useState } from 'react';
import { useDatastoreListing, useDatastorePreview } from '../api/datastores';
import type { DatastoreEntry, DatastorePreview } from '../api/models';
import { PreviewGrid } from '../runs/details/PreviewGrid';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatBytes, formatTime } from '../shared/format';
import { RegisterFileDialog } from './RegisterFileDialog';

function Breadcrumbs({ path, onOpen }: { path: string; onOpen: (path: string) => void }) {
  const parts = path.split('/').filter(Boolean);
  return (
    <nav className="breadcrumbs" aria-label="Folder">
      <button type="button" className="link-button" onClick={() => onOpen('')}>
        top
      </button>
      {parts.map((part, index) => (
        <span key={index}>
          /{' '}
          <button type="button" className="link-button" onClick={() => onOpen(parts.slice(0, index + 1).join('/'))}>
            {part}
          </button>
        </span>
      ))}
    </nav>
  );
}

/** A file preview's columns are {name, dtype}; the grid wants names. */
function asGridPreview(preview: DatastorePreview) {
  return { columns: preview.columns.map((column) => column.name), rows: preview.rows, row_count: preview.row_count ?? preview.rows.length };
}

function FilePreview({ datastore, path }: { datastore: string; path: string }) {
  const preview = useDatastorePreview(datastore, path);
  if (preview.isPending) return <p className="muted">Reading the start of {path}…</p>;
  if (preview.isError) return <ErrorMessage error={preview.error} />;
  return (
    <>
      <h4>First rows of {path}</h4>
      <PreviewGrid preview={asGridPreview(preview.data)} testId="datastore-preview" />
      {preview.data.row_count === null && <p className="muted">Only the start of the file was read.</p>}
    </>
  );
}

function EntryRow({ entry, onOpen, onPreview, onRegister }: { entry: DatastoreEntry; onOpen: () => void; onPreview: () => void; onRegister: () => void }) {
  const folder = entry.kind === 'folder';
  return (
    <tr data-testid={`entry-${entry.path}`}>
      <td>
        {folder ? (
          <button type="button" className="link-button" onClick={onOpen}>
            📁 {entry.name}/
          </button>
        ) : (
          entry.name
        )}
      </td>
      <td className="number">{folder ? '' : formatBytes(entry.size)}</td>
      <td>{entry.modified ? formatTime(entry.modified) : ''}</td>
      <td>
        {!folder && (
          <span className="section-actions">
            <button type="button" className="link-button" onClick={onPreview}>
              Preview
            </button>
            <button type="button" className="link-button" onClick={onRegister}>
              Register as dataset
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

export function DatastoreBrowser({ datastore }: { datastore: string }) {
  const [path, setPath] = useState('');
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [registering, setRegistering] = useState<string | null>(null);
  const listing = useDatastoreListing(datastore, path);
  const open = (next: string) => {
    setPath(next);
    setPreviewed(null);
  };

  return (
    <div className="datastore-browser" data-testid={`browser-${datastore}`}>
      <Breadcrumbs path={path} onOpen={open} />
      {listing.isPending && <p className="muted">Listing…</p>}
      {listing.isError && <ErrorMessage error={listing.error} onRetry={() => void listing.refetch()} />}
      {listing.data?.entries.length === 0 && <p className="muted">This folder is empty.</p>}
      {listing.data && listing.data.entries.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Name</th>
              <th className="number">Size</th>
              <th>Modified</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {listing.data.entries.map((entry) => (
              <EntryRow
                key={entry.path}
                entry={entry}
                onOpen={() => open(entry.path)}
                onPreview={() => setPreviewed(entry.path)}
                onRegister={() => setRegistering(entry.path)}
              />
            ))}
          </tbody>
        </table>
      )}
      {listing.data?.next && <p className="muted">Only the first entries are listed.</p>}
      {previewed && <FilePreview datastore={datastore} path={previewed} />}
      {registering && <RegisterFileDialog datastore={datastore} path={registering} onClose={() => setRegistering(null)} />}
    </div>
  );
}

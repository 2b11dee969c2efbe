/**
 * /datastores — the places data files are read from: each with where it points and whether it
 * holds credentials; browse one's files, preview a file, register it as a dataset; add or delete
 * a datastore.
 */
import { useState } from 'react';
import { useDatastores, useDeleteDatastore, type Datastore } from '../api/datastores';
import { ConfirmDialog } from '../pipelines/ConfirmDialog';
import { ErrorMessage } from '../shared/ErrorMessage';
import { DatastoreBrowser } from './DatastoreBrowser';
import { DatastoreCreateForm } from './DatastoreCreateForm';
import { placeText } from './datastoreForm';

function DeleteDatastore({ store, onDone }: { store: Datastore; onDone: () => void }) {
  const remove = useDeleteDatastore(store.name);
  return (
    <ConfirmDialog title={`Delete datastore ${store.name}?`} confirmLabel="Delete datastore" busy={remove.isPending} onCancel={onDone} onConfirm={() => remove.mutate(undefined, { onSuccess: onDone })}>
      <p>Datasets registered from its files keep their versions; only the way to read more from it goes.</p>
      {remove.error && <ErrorMessage error={remove.error} />}
    </ConfirmDialog>
  );
}

function DatastoreRow({ store, browsing, onBrowse, onDelete }: { store: Datastore; browsing: boolean; onBrowse: () => void; onDelete: () => void }) {
  return (
    <>
      <tr data-testid={`datastore-row-${store.name}`}>
        <td>{store.name}</td>
        <td>{store.kind}</td>
        <td>
          <code>{placeText(store)}</code>
          {store.description && <div className="muted cell-note">{store.description}</div>}
        </td>
        <td>{store.has_credentials ? 'stored' : <span className="muted">none</span>}</td>
        <td>
          <span className="section-actions">
            <button type="button" className="link-button" aria-expanded={browsing} onClick={onBrowse}>
              {browsing ? 'Close' : 'Browse'}
            </button>
            {store.created_by !== null && (
              <button type="button" className="link-button danger-link" onClick={onDelete} aria-label={`Delete datastore ${store.name}`}>
                Delete
              </button>
            )}
          </span>
        </td>
      </tr>
      {browsing && (
        <tr>
          <td colSpan={5}>
            <DatastoreBrowser datastore={store.name} />
          </td>
        </tr>
      )}
    </>
  );
}

export function DatastoresPage() {
  const stores = useDatastores();
  const [creating, setCreating] = useState(false);
  const [browsing, setBrowsing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Datastore | null>(null);
  return (
    <div className="page catalog-page">
      <div className="page-header">
        <h1>Datastores</h1>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New datastore
          </button>
        )}
      </div>
      <p className="muted">Where data files are read from. Register a file as a dataset to use it in pipelines with a version.</p>
      {creating && <DatastoreCreateForm onDone={() => setCreating(false)} />}
      {stores.isPending && <p className="page-loading">Loading datastores…</p>}
      {stores.isError && <ErrorMessage error={stores.error} onRetry={() => void stores.refetch()} />}
      {stores.data?.length === 0 && <p className="muted">No datastores yet.</p>}
      {stores.data && stores.data.length > 0 && (
        <table className="data-table" data-testid="datastores-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Where</th>
              <th>Credentials</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {stores.data.map((store) => (
              <DatastoreRow
                key={store.name}
                store={store}
                browsing={browsing === store.name}
                onBrowse={() => setBrowsing(browsing === store.name ? null : store.name)}
                onDelete={() => setDeleting(store)}
              />
            ))}
          </tbody>
        </table>
      )}
      {deleting && <DeleteDatastore store={deleting} onDone={() => setDeleting(null)} />}
    </div>
  );
}

/**
 * /models — the model registry: search (kept in the URL), each model's newest version, aliases,
 * tags and last change. With none yet, says how to register one from a run.
 */
import { Link, useSearchParams } from 'react-router';
import { useRegisteredModels, type RegisteredModel } from '../api/registeredModels';
import { modelPagePath } from '../shared/catalogPaths';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatTime } from '../shared/format';
import { TagList } from '../shared/TagList';
import { AliasChips } from './AliasChips';

function EmptyModels() {
  return (
    <div className="empty-state" data-testid="models-empty">
      <h2>No registered models yet</h2>
      <p>
        Registering a trained model gives it a name and a version number, so scoring pipelines can use it by name —
        the newest version, a pinned one, or an alias such as <code>@production</code>.
      </p>
      <p className="muted">
        To register one, open a run from <Link to="/runs">Runs</Link>, pick the node that trained the model, and press{' '}
        <strong>Register model</strong> on its output.
      </p>
    </div>
  );
}

function ModelRow({ model }: { model: RegisteredModel }) {
  return (
    <tr data-testid={`model-row-${model.name}`}>
      <td>
        <Link to={modelPagePath(model.name)}>{model.name}</Link>
        {model.description && <div className="muted cell-note">{model.description}</div>}
      </td>
      <td>{model.latest_version !== null ? `v${model.latest_version}` : '—'}</td>
      <td className="number">{model.version_count}</td>
      <td>
        <AliasChips aliases={model.aliases} />
      </td>
      <td>
        <TagList tags={model.tags} />
      </td>
      <td>{formatTime(model.updated_at)}</td>
    </tr>
  );
}

export function ModelsPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const models = useRegisteredModels(search);
  return (
    <div className="page catalog-page">
      <div className="page-header">
        <h1>Models</h1>
      </div>
      <input
        type="search"
        className="catalog-search"
        aria-label="Search models"
        placeholder="Search by name, description or tag"
        value={search}
        onChange={(event) => setParams(event.target.value ? { search: event.target.value } : {}, { replace: true })}
      />
      {models.isPending && <p className="page-loading">Loading models…</p>}
      {models.isError && <ErrorMessage error={models.error} onRetry={() => void models.refetch()} />}
      {models.data?.length === 0 && (search ? <p className="muted">No model matches “{search}”.</p> : <EmptyModels />)}
      {models.data && models.data.length > 0 && (
        <table className="data-table" data-testid="models-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Newest</th>
              <th className="number">Versions</th>
              <th>Aliases</th>
              <th>Tags</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {models.data.map((model) => (
              <ModelRow key={model.name} model={model} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

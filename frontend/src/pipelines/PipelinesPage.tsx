/**
 * Home page and /pipelines: the pipelines — create (empty, after asking a name and a description, or from a sample), search, sort, rename in place,
 * clone, export as YAML, import from YAML, delete (after a confirmation) — and the most recent
 * runs. With no pipelines yet, the sample gallery is the empty state.
 * Search and order live in the URL (?search=&ordering=).
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import {
  exportPipelineYaml,
  useClonePipeline,
  useDeletePipeline,
  useImportPipeline,
  usePagedPipelines,
  useRenamePipeline,
  type PipelineSummary,
} from '../api/pipelines';
import { ErrorMessage } from '../shared/ErrorMessage';
import { LoadMore } from '../shared/LoadMore';
import { describeFailure } from '../shared/format';
import { ConfirmDialog } from './ConfirmDialog';
import { NewPipelineDialog } from './NewPipelineDialog';
import { ORDERINGS, parseOrdering, sortPipelines } from './pipelineOrdering';
import { downloadText, exportFileName } from './pipelineFiles';
import { PipelineTable, type RowActions } from './PipelineTable';
import { RecentRuns } from './RecentRuns';
import { SampleGallery, SampleGalleryDialog } from './SampleGallery';
import './pipelines.css';

const SEARCH_DEBOUNCE_MS = 250;
const openPath = (id: unknown) => `/pipelines/${encodeURIComponent(String(id))}`;

function useListFilters() {
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const ordering = parseOrdering(params.get('ordering'));
  const [typed, setTyped] = useState(search);
  useEffect(() => {
    if (typed === search) return undefined;
    // Navigating away commits the new address at once but can keep this page mounted while
    // the next one renders (a transition); a search landing then would take the user back here.
    const here = window.location.pathname;
    const timer = window.setTimeout(() => {
      if (window.location.pathname !== here) return;
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (typed.trim()) next.set('search', typed);
        else next.delete('search');
        return next;
      }, { replace: true });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [typed, search, setParams]);
  const setOrdering = (value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('ordering', value);
      return next;
    }, { replace: true });
  return { search, ordering, typed, setTyped, setOrdering };
}

function useRowActions(setMessage: (message: string | null) => void) {
  const rename = useRenamePipeline();
  const clone = useClonePipeline();
  const fail = (what: string) => (error: unknown) => setMessage(`${what}: ${describeFailure(error)}`);
  const actions: Omit<RowActions, 'onDelete'> = {
    onRename: async (pipeline, name) => {
      try {
        await rename.mutateAsync({ id: pipeline.id, name, revision: pipeline.revision ?? 0 });
        setMessage(null);
        return true;
      } catch (error) {
        fail(`Could not rename “${pipeline.name}”`)(error);
        return false;
      }
    },
    onClone: (pipeline) =>
      clone.mutate(
        { id: pipeline.id, name: `${pipeline.name} (copy)` },
        { onSuccess: (copy) => setMessage(`Cloned as “${copy.name}”.`), onError: fail(`Could not clone “${pipeline.name}”`) },
      ),
    onExport: (pipeline) =>
      void exportPipelineYaml(pipeline.id).then(
        (yaml) => downloadText(yaml, exportFileName(pipeline.name)),
        fail(`Could not export “${pipeline.name}”`),
      ),
  };
  return actions;
}

function ImportButton({ onError }: { onError: (message: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const importPipeline = useImportPipeline();
  const navigate = useNavigate();
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const created = await importPipeline.mutateAsync(await file.text());
      navigate(openPath(created.id));
    } catch (error) {
      onError(`Could not import ${file.name}: ${describeFailure(error)}`);
    }
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={importPipeline.isPending}>
        Import YAML
      </button>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,text/yaml,application/yaml"
        className="visually-hidden"
        aria-label="Import a pipeline from a YAML file"
        data-testid="import-pipeline-file"
        onChange={(event) => void onFile(event)}
      />
    </>
  );
}

export function PipelinesPage() {
  const filters = useListFilters();
  const pipelines = usePagedPipelines({ search: filters.search, ordering: filters.ordering });
  const [creating, setCreating] = useState(false);
  const remove = useDeletePipeline();
  const [message, setMessage] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<PipelineSummary | null>(null);
  const [choosingSample, setChoosingSample] = useState(false);
  const rowActions = useRowActions(setMessage);
  const filtering = filters.search.trim() !== '';

  const confirmDelete = () => {
    if (!deleting) return;
    const target = deleting;
    remove.mutate(target.id, {
      onSuccess: () => {
        setDeleting(null);
        setMessage(`Deleted “${target.name}”.`);
      },
      onError: (error) => {
        setDeleting(null);
        setMessage(`Could not delete “${target.name}”: ${describeFailure(error)}`);
      },
    });
  };

  return (
    <div className="page">
      <div className="page-header">
        <h1>Pipelines</h1>
        <div className="page-actions">
          <ImportButton onError={setMessage} />
          <button type="button" onClick={() => setChoosingSample(true)}>
            New from sample
          </button>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New pipeline
          </button>
        </div>
      </div>
      <div className="list-toolbar" role="search">
        <input
          type="search"
          aria-label="Search pipelines"
          placeholder="Search pipelines"
          value={filters.typed}
          onChange={(event) => filters.setTyped(event.target.value)}
        />
        <label>
          Sort by{' '}
          <select value={filters.ordering} onChange={(event) => filters.setOrdering(event.target.value)}>
            {ORDERINGS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {message && (
        <p className="page-message" role="status" data-testid="pipelines-message">
          {message}
        </p>
      )}
      {pipelines.isPending && <p className="muted">Loading pipelines…</p>}
      {pipelines.isError && <ErrorMessage error={pipelines.error} onRetry={() => void pipelines.refetch()} />}
      {pipelines.data &&
        (pipelines.items.length === 0 ? (
          <div className="empty-state" data-testid="pipelines-empty">
            {filtering ? (
              <p>No pipeline matches “{filters.search}”.</p>
            ) : (
              <>
                <p>No pipelines yet.</p>
                <p className="muted">
                  Start from a sample below, or create an empty one with “New pipeline” and drag components onto the
                  canvas.
                </p>
                <SampleGallery />
              </>
            )}
          </div>
        ) : (
          <>
            <PipelineTable
              pipelines={sortPipelines(pipelines.items, filters.ordering)}
              actions={{ ...rowActions, onDelete: setDeleting }}
            />
            <LoadMore
              hasMore={pipelines.hasMore}
              loading={pipelines.loadingMore}
              onLoadMore={pipelines.loadMore}
              shown={pipelines.items.length}
              noun="pipelines"
              testId="pipelines-load-more"
            />
          </>
        ))}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete"
          busy={remove.isPending}
          onConfirm={confirmDelete}
          onCancel={() => setDeleting(null)}
        >
          <p>The pipeline and its draft are deleted. Runs already made from it are kept.</p>
        </ConfirmDialog>
      )}
      {creating && <NewPipelineDialog onClose={() => setCreating(false)} />}
      {choosingSample && <SampleGalleryDialog onClose={() => setChoosingSample(false)} />}
      <RecentRuns />
    </div>
  );
}

/**
 * /pipelines/:id — loads the pipeline into the document store once, and lays out the designer:
 * header and toolbar, palette, canvas, inspector and validation results.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { useParams } from 'react-router';
import { useComponentSpecs } from '../api/components';
import { usePipeline } from '../api/pipelines';
import { ErrorMessage } from '../shared/ErrorMessage';
import { Canvas } from './Canvas';
import { DesignerHeader } from './DesignerHeader';
import { selectIsDirty, useDocument, type PipelineDraft } from './documentStore';
import { useFeedback } from './feedbackStore';
import { Inspector } from './Inspector';
import { IssuesPanel } from './IssuesPanel';
import { ConflictBanner, NoticeLine } from './NoticeLine';
import { Palette } from './Palette';
import { useDesignerActions } from './useDesignerActions';
import { useDesignerView } from './viewStore';

/** The component refs used by the draft, as one string so the selector result is stable. */
function refsKey(draft: PipelineDraft | null): string {
  if (!draft) return '';
  return [...new Set(draft.graph.nodes.map((node) => node.component))].sort().join('\n');
}

function DesignerWorkspace({ pipelineId }: { pipelineId: string }) {
  const actions = useDesignerActions(pipelineId);
  const { save } = actions;
  const key = useDocument((s) => refsKey(s.draft));
  const refs = useMemo(() => (key ? key.split('\n') : []), [key]);
  const specs = useComponentSpecs(refs);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save();
      }
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (selectIsDirty(useDocument.getState())) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [save]);

  return (
    <div className="designer">
      <DesignerHeader
        onSave={() => void save()}
        onValidate={() => void actions.validate()}
        onSubmit={() => void actions.submit()}
        saving={actions.saving}
        validating={actions.validating}
        submitting={actions.submitting}
      />
      <ConflictBanner onReload={() => void actions.reload()} reloading={actions.reloading} />
      <NoticeLine />
      <div className="designer-body">
        <Palette />
        <Canvas specs={specs} />
        <aside className="sidebar" aria-label="Inspector">
          <Inspector />
          <IssuesPanel />
        </aside>
      </div>
    </div>
  );
}

export function DesignerPage() {
  const { id = '' } = useParams();
  const pipeline = usePipeline(id);
  const loadedId = useDocument((s) => (s.draft ? String(s.draft.id) : null));

  // Load the server copy into the document when opening another pipeline, or when the same one
  // changed on the server and nothing here is unsaved.
  useEffect(() => {
    const data = pipeline.data;
    if (!data) return;
    const state = useDocument.getState();
    const current = state.draft;
    const other = !current || String(current.id) !== id;
    if (other || (!selectIsDirty(state) && current.revision !== data.revision)) {
      state.load(data);
      useDesignerView.getState().reset();
      useFeedback.getState().clearIssues();
    }
  }, [pipeline.data, id]);

  if (pipeline.isError) {
    return (
      <div className="page">
        <ErrorMessage error={pipeline.error} onRetry={() => void pipeline.refetch()} />
      </div>
    );
  }
  if (!pipeline.data || loadedId !== id) return <div className="page-loading">Loading pipeline…</div>;
  return (
    <ReactFlowProvider>
      <DesignerWorkspace pipelineId={id} />
    </ReactFlowProvider>
  );
}

/**
 * /pipelines/:id — loads the pipeline into the document store once (offering unsaved work the
 * browser kept, if any), and lays out the designer: header and toolbar, banners, palette,
 * canvas with its overlays (find, live run), sidebar, and the dialogs.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo } from 'react';
import { useParams } from 'react-router';
import { useComponentSpecs, useComponents } from '../api/components';
import { usePipeline } from '../api/pipelines';
import type { Pipeline } from '../api/models';
import { DesignerRunOverlay } from '../runs/live/DesignerRunOverlay';
import { ErrorMessage } from '../shared/ErrorMessage';
import { Canvas } from './canvas/Canvas';
import { FindNode } from './canvas/FindNode';
import { NodeMenu } from './canvas/NodeMenu';
import { ShortcutHelp } from './canvas/ShortcutHelp';
import { useDesignerShortcuts } from './canvas/useDesignerShortcuts';
import { DesignerHeader } from './DesignerHeader';
import { documentOf, useDocument, type PipelineDraft } from './document/documentStore';
import { DraftBanner } from './drafts/DraftBanner';
import { browserStorage, differsFrom, readLocalDraft } from './drafts/localDrafts';
import { useDraftKeeping } from './drafts/useDraftKeeping';
import { useFeedback } from './feedbackStore';
import { useAutoLayout } from './layout/useAutoLayout';
import { ConflictBanner, NoticeLine } from './NoticeLine';
import { Palette } from './palette/Palette';
import { PublishDialog } from './publish/PublishDialog';
import { SubmitDialog } from './parameters/SubmitDialog';
import { Sidebar } from './Sidebar';
import { SpecsContext } from './specsContext';
import { useDesignerActions } from './useDesignerActions';
import { useDesignerView } from './viewStore';

/** The component refs used by the draft, as one string so the selector result is stable. */
function refsKey(draft: PipelineDraft | null): string {
  if (!draft) return '';
  return [...new Set(draft.graph.nodes.map((node) => node.component))].sort().join('\n');
}

function RunOverlay() {
  const runId = useFeedback((s) => s.submittedRun);
  return <DesignerRunOverlay runId={runId} onDismiss={() => useFeedback.getState().showRun(null)} />;
}

function DesignerWorkspace({ pipelineId }: { pipelineId: string }) {
  const actions = useDesignerActions(pipelineId);
  const { save, submit } = actions;
  const key = useDocument((s) => refsKey(s.draft));
  const refs = useMemo(() => (key ? key.split('\n') : []), [key]);
  const specs = useComponentSpecs(refs);
  const layout = useAutoLayout(specs);
  const runLayout = layout.run;

  useDraftKeeping(save);
  useDesignerShortcuts({ save: () => void save(), layout: () => void runLayout() });

  const onSubmit = useCallback(() => useDesignerView.getState().open('submit'), []);

  return (
    <SpecsContext.Provider value={specs}>
      <div className="designer">
        <DesignerHeader
          pipelineId={pipelineId}
          onSave={() => void save()}
          onValidate={() => void actions.validate()}
          onSubmit={onSubmit}
          onLayout={() => void runLayout()}
          saving={actions.saving}
          validating={actions.validating}
          submitting={actions.submitting}
          layingOut={layout.busy}
        />
        <DraftBanner />
        <ConflictBanner
          onReload={() => void actions.reload()}
          onSaveCopy={() => void actions.saveAsCopy()}
          busy={actions.reloading || actions.copying}
        />
        <div className="designer-body">
          <Palette />
          <div className="canvas-area">
            <Canvas specs={specs} />
            <NoticeLine />
            <FindNode specs={specs} />
            <NodeMenu pipelineId={pipelineId} runPart={(node, scope) => void actions.runPart(node, scope)} />
            <RunOverlay />
          </div>
          <Sidebar />
        </div>
        <ShortcutHelp />
        <PublishDialog pipelineId={pipelineId} save={save} />
        <SubmitDialog onSubmit={(body) => void submit(body)} submitting={actions.submitting} />
      </div>
    </SpecsContext.Provider>
  );
}

/** Puts a server copy into the document, and offers unsaved work kept for it, if any. */
function openPipeline(pipeline: Pipeline) {
  const state = useDocument.getState();
  state.load(pipeline);
  useDesignerView.getState().reset();
  const feedback = useFeedback.getState();
  feedback.clearIssues();
  const storage = browserStorage();
  const kept = storage ? readLocalDraft(storage, pipeline.id) : null;
  const loaded = useDocument.getState().draft;
  if (kept && loaded && differsFrom(kept, documentOf(loaded))) feedback.offerDraft(kept);
}

export function DesignerPage() {
  const { id = '' } = useParams();
  const pipeline = usePipeline(id);
  // The registry's list is asked for with the pipeline, not once it is here: every node draws
  // its ports from it, and a big pipeline drawn before it came would be drawn twice.
  useComponents();
  const loadedId = useDocument((s) => (s.draft ? String(s.draft.id) : null));

  // Load the server copy when opening another pipeline, or when the server has a newer one and
  // nothing here is unsaved (the cached copy shown first was stale).
  useEffect(() => {
    const data = pipeline.data;
    if (!data) return;
    const state = useDocument.getState();
    const current = state.draft;
    const other = !current || String(current.id) !== id;
    if (other || (state.change === state.savedChange && data.revision > current.revision)) openPipeline(data);
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

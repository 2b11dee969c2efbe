/**
 * What the designer's toolbar and banners do: save (with the revision it started from; saves
 * run one after another), validate the draft, submit a run (shown live over the canvas), and the
 * ways out of a save conflict: reload the server copy, or save the draft as a new pipeline.
 * This is where the document store meets the server; results go to the document store
 * (revision), the feedback store (issues, notices, conflict, run) and the local draft keeping.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/http';
import { fetchPipeline, pipelineKeys, useCreatePipeline, useSavePipeline, useValidatePipeline } from '../api/pipelines';
import { useSubmitRun } from '../api/runs';
import type { EntityId, SubmitRunRequest } from '../api/models';
import { describeFailure } from '../shared/format';
import { selectIsDirty, toUpdateBody, useDocument } from './document/documentStore';
import { browserStorage, clearLocalDrafts } from './drafts/localDrafts';
import { useFeedback } from './feedbackStore';
import { useDesignerView } from './viewStore';

function forgetLocalDrafts(pipelineId: EntityId) {
  const storage = browserStorage();
  if (storage) clearLocalDrafts(storage, pipelineId);
}

function useSave(pipelineId: EntityId) {
  const { mutateAsync: savePipeline, isPending: saving } = useSavePipeline(pipelineId);
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const { draft, change } = useDocument.getState();
    if (!draft) return false;
    const feedback = useFeedback.getState();
    try {
      const saved = await savePipeline(toUpdateBody(draft));
      useDocument.getState().markSaved(saved.revision, change);
      feedback.setConflict(null);
      if (!selectIsDirty(useDocument.getState())) forgetLocalDrafts(pipelineId);
      return true;
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        const revision = typeof error.body.revision === 'number' ? error.body.revision : null;
        feedback.setConflict({ revision });
      } else {
        feedback.notify(`Save failed: ${describeFailure(error)}`, 'error');
      }
      return false;
    }
  }, [savePipeline, pipelineId]);

  /** Saves after any save in flight, if there is still something unsaved and no conflict. */
  const save = useCallback((): Promise<boolean> => {
    chain.current = chain.current.then(() => {
      if (!selectIsDirty(useDocument.getState())) return true;
      if (useFeedback.getState().conflict) return false;
      return saveOnce();
    });
    return chain.current;
  }, [saveOnce]);

  return { save, saving };
}

export function useDesignerActions(pipelineId: EntityId) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { save, saving } = useSave(pipelineId);
  const { mutateAsync: validatePipeline, isPending: validating } = useValidatePipeline(pipelineId);
  const { mutateAsync: submitRun, isPending: submitting } = useSubmitRun(pipelineId);
  const { mutateAsync: createPipeline, isPending: copying } = useCreatePipeline();
  const [reloading, setReloading] = useState(false);

  const validate = useCallback(async () => {
    const draft = useDocument.getState().draft;
    if (!draft) return;
    const feedback = useFeedback.getState();
    try {
      const result = await validatePipeline({ graph: draft.graph, parameters: draft.parameters });
      feedback.showIssues(result.valid, result.errors ?? []);
    } catch (error) {
      feedback.notify(`Validation failed: ${describeFailure(error)}`, 'error');
    }
  }, [validatePipeline]);

  const submit = useCallback(
    async (body: SubmitRunRequest = {}) => {
      if (!(await save())) return;
      const feedback = useFeedback.getState();
      try {
        const run = await submitRun(body);
        feedback.showIssues(true, []);
        feedback.showRun(run.id);
      } catch (error) {
        if (isApiError(error) && error.status === 400 && Array.isArray(error.body.errors)) {
          feedback.showIssues(false, error.body.errors);
          feedback.notify('The pipeline has problems; fix them and submit again.', 'error');
        } else {
          feedback.notify(`Submit failed: ${describeFailure(error)}`, 'error');
        }
      }
    },
    [save, submitRun],
  );

  const reload = useCallback(async () => {
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({
        queryKey: pipelineKeys.detail(pipelineId),
        queryFn: ({ signal }) => fetchPipeline(pipelineId, signal),
        staleTime: 0,
      });
      forgetLocalDrafts(pipelineId);
      useDocument.getState().load(fresh);
      useDesignerView.getState().reset();
      useFeedback.getState().clearIssues();
    } catch (error) {
      useFeedback.getState().notify(`Reload failed: ${describeFailure(error)}`, 'error');
    } finally {
      setReloading(false);
    }
  }, [queryClient, pipelineId]);

  /** After a conflict: keep the draft as a new pipeline and continue there. */
  const saveAsCopy = useCallback(async () => {
    const draft = useDocument.getState().draft;
    if (!draft) return;
    try {
      const copy = await createPipeline({
        name: `${draft.name} (copy)`,
        description: draft.description,
        graph: draft.graph,
        parameters: draft.parameters,
      });
      forgetLocalDrafts(pipelineId);
      // Load it before leaving, so the old pipeline is not left with "unsaved" work.
      useDocument.getState().load(copy);
      useDesignerView.getState().reset();
      useFeedback.getState().clearIssues();
      useFeedback.getState().notify(`Saved your version as “${copy.name}”.`, 'success');
      navigate(`/pipelines/${encodeURIComponent(String(copy.id))}`);
    } catch (error) {
      useFeedback.getState().notify(`Could not save a copy: ${describeFailure(error)}`, 'error');
    }
  }, [createPipeline, navigate, pipelineId]);

  return { save, validate, submit, reload, saveAsCopy, saving, validating, submitting, reloading, copying };
}

/**
 * What the designer's toolbar does: save (with the revision it started from), validate the
 * draft, submit a run, and reload after a conflict. This is where the document store meets the
 * server; results go to the document store (revision) and the feedback store (issues, notices).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/http';
import { fetchPipeline, pipelineKeys, useSavePipeline, useValidatePipeline } from '../api/pipelines';
import { useSubmitRun } from '../api/runs';
import type { EntityId } from '../api/types';
import { describeFailure } from '../shared/format';
import { selectIsDirty, toUpdateBody, useDocument } from './documentStore';
import { useFeedback } from './feedbackStore';
import { useDesignerView } from './viewStore';

export function useDesignerActions(pipelineId: EntityId) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { mutateAsync: savePipeline, isPending: saving } = useSavePipeline(pipelineId);
  const { mutateAsync: validatePipeline, isPending: validating } = useValidatePipeline(pipelineId);
  const { mutateAsync: submitRun, isPending: submitting } = useSubmitRun(pipelineId);
  const [reloading, setReloading] = useState(false);
  const saveInFlight = useRef<Promise<boolean> | null>(null);

  const doSave = useCallback(async (): Promise<boolean> => {
    const { draft, change } = useDocument.getState();
    if (!draft) return false;
    const feedback = useFeedback.getState();
    try {
      const saved = await savePipeline(toUpdateBody(draft));
      useDocument.getState().markSaved(saved.revision, change);
      feedback.setConflict(null);
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
  }, [savePipeline]);

  /** One save at a time: a second Ctrl+S while saving waits for the first. */
  const save = useCallback((): Promise<boolean> => {
    if (!saveInFlight.current) {
      saveInFlight.current = doSave().finally(() => {
        saveInFlight.current = null;
      });
    }
    return saveInFlight.current;
  }, [doSave]);

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

  const submit = useCallback(async () => {
    if (selectIsDirty(useDocument.getState()) && !(await save())) return;
    const feedback = useFeedback.getState();
    try {
      const run = await submitRun({});
      navigate(`/runs/${encodeURIComponent(String(run.id))}`);
    } catch (error) {
      if (isApiError(error) && error.status === 400 && Array.isArray(error.body.errors)) {
        feedback.showIssues(false, error.body.errors);
        feedback.notify('The pipeline has problems; fix them and submit again.', 'error');
      } else {
        feedback.notify(`Submit failed: ${describeFailure(error)}`, 'error');
      }
    }
  }, [save, submitRun, navigate]);

  const reload = useCallback(async () => {
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({
        queryKey: pipelineKeys.detail(pipelineId),
        queryFn: ({ signal }) => fetchPipeline(pipelineId, signal),
        staleTime: 0,
      });
      useDocument.getState().load(fresh);
      useDesignerView.getState().reset();
      useFeedback.getState().clearIssues();
    } catch (error) {
      useFeedback.getState().notify(`Reload failed: ${describeFailure(error)}`, 'error');
    } finally {
      setReloading(false);
    }
  }, [queryClient, pipelineId]);

  return { save, validate, submit, reload, saving, validating, submitting, reloading };
}

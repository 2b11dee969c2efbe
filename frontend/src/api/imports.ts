/**
 * Imports resource: Azure ML and Kubeflow YAML (or zips of them) sent to POST /api/imports/,
 * all files in one request, as the server imports them together or not at all.
 * The request and its hook only; what the answer means for a person is registry/importResults.ts.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from './http';
import type { components } from './schema';
import { componentKeys } from './components';
import { pipelineKeys } from './pipelines';
import { scheduleKeys } from './schedules';

type Schemas = components['schemas'];

/** 201: what was created, with notes on what was approximated. */
export type ImportResult = Schemas['ImportResult'];
export type ImportedPipeline = Schemas['ImportedPipeline'];
/** A note of the answer, and (same shape) one problem of a 400 `import_refused`. */
export type ImportNote = Schemas['ImportNote'];

export function importForm(files: readonly File[]): FormData {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return form;
}

export function importFiles(files: readonly File[]): Promise<ImportResult> {
  return http.postForm<ImportResult>('/api/imports/', importForm(files));
}

export function useImportFiles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importFiles,
    // Components, pipelines and schedules may all be new.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: componentKeys.all });
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
    },
  });
}

/**
 * The pipelines list's order. The server sorts (`?ordering=`); the same order is applied here to
 * what it returned, so the page is right even while a newer answer is on its way. Pure.
 */
import type { PipelineOrdering, PipelineSummary } from '../api/pipelines';

export const ORDERINGS: { value: PipelineOrdering; label: string }[] = [
  { value: '-updated_at', label: 'Recently updated' },
  { value: 'updated_at', label: 'Least recently updated' },
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
];

export function parseOrdering(value: string | null): PipelineOrdering {
  return ORDERINGS.find((option) => option.value === value)?.value ?? '-updated_at';
}

export function sortPipelines(pipelines: readonly PipelineSummary[], ordering: PipelineOrdering): PipelineSummary[] {
  const descending = ordering.startsWith('-');
  const field = descending ? ordering.slice(1) : ordering;
  const sorted = [...pipelines].sort((a, b) =>
    field === 'name'
      ? a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || String(a.id).localeCompare(String(b.id))
      : (a.updated_at ?? '').localeCompare(b.updated_at ?? ''),
  );
  return descending ? sorted.reverse() : sorted;
}

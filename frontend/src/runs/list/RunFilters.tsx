/** The runs list's filters (pipeline, experiment, status, what started it) as selects; values live in the URL. */
import { useExperiments } from '../../api/experiments';
import { usePipelines } from '../../api/pipelines';
import { RUN_STATUSES, RUN_TRIGGER_KINDS } from '../../api/enums';
import type { RunFilters } from '../../api/runs';
import { TRIGGER_KIND_LABELS } from './triggerLabel';

interface RunFiltersBarProps {
  filters: RunFilters;
  onChange: (key: keyof RunFilters, value: string) => void;
}

export function RunFiltersBar({ filters, onChange }: RunFiltersBarProps) {
  const pipelines = usePipelines();
  const experiments = useExperiments();
  const experimentNames = [...new Set([...(experiments.data ?? []).map((e) => e.name), filters.experiment ?? ''])].filter(Boolean);

  return (
    <div className="runs-filters" role="search">
      <label>
        Pipeline
        <select value={String(filters.pipeline ?? '')} onChange={(event) => onChange('pipeline', event.target.value)}>
          <option value="">All pipelines</option>
          {(pipelines.data ?? []).map((pipeline) => (
            <option key={String(pipeline.id)} value={String(pipeline.id)}>
              {pipeline.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Experiment
        <select value={filters.experiment ?? ''} onChange={(event) => onChange('experiment', event.target.value)}>
          <option value="">All experiments</option>
          {experimentNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={filters.status ?? ''} onChange={(event) => onChange('status', event.target.value)}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label>
        Started by
        <select value={filters.trigger ?? ''} onChange={(event) => onChange('trigger', event.target.value)}>
          <option value="">Anything</option>
          {RUN_TRIGGER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {TRIGGER_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/**
 * What a source node's parameters may be set to: the registered names, and for the one named,
 * "latest", each version (and each alias of a model). Pure; the inspector's hook fetches.
 */
import { parseComponentRef } from '../../api/components';
import type { DatasetVersion } from '../../api/datasets';
import type { RegisteredModelDetail } from '../../api/registeredModels';
import type { ParamChoice } from './paramControls';

export type SourceKind = 'dataset' | 'model';

const SOURCE_COMPONENTS: Record<string, SourceKind> = { dataset: 'dataset', registered_model: 'model' };

/** Whether a node of this component reads a registered dataset or model, and which. */
export function sourceKindOf(component: string): SourceKind | null {
  return SOURCE_COMPONENTS[parseComponentRef(component).name] ?? null;
}

export const LATEST: ParamChoice = { value: 'latest', label: 'latest' };

export function nameChoices(entries: readonly { name: string }[]): ParamChoice[] {
  return entries.map((entry) => ({ value: entry.name, label: entry.name }));
}

function rows(count: number | null): string {
  return count === null ? '' : ` · ${count.toLocaleString()} rows`;
}

export function datasetVersionChoices(versions: readonly DatasetVersion[]): ParamChoice[] {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return [LATEST, ...newestFirst.map((v) => ({ value: String(v.version), label: `v${v.version}${rows(v.row_count)}` }))];
}

/** Latest, then the aliases (written @name, as the component takes them), then each version. */
export function modelVersionChoices(model: Pick<RegisteredModelDetail, 'aliases' | 'versions'>): ParamChoice[] {
  const aliases = Object.entries(model.aliases)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([alias, version]) => ({ value: `@${alias}`, label: `@${alias} (now v${version})` }));
  const versions = [...model.versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({ value: String(v.version), label: `v${v.version}${v.aliases.length ? ` · ${v.aliases.map((a) => `@${a}`).join(' ')}` : ''}` }));
  return [LATEST, ...aliases, ...versions];
}

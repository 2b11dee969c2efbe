/**
 * The columns that reach a node's inputs at design time, for the column pickers: asks
 * POST /api/pipelines/{id}/schemas/ with the draft graph, again (debounced) when a part of the
 * graph that can change columns changes, and says "unknown" when the server cannot tell.
 */
import { useEffect, useMemo, useState } from 'react';
import { usePipelineSchemas } from '../../api/pipelines';
import type { PipelineGraph, PipelineParameters } from '../../api/models';
import { NO_PARAMETERS, useDocument } from '../document/documentStore';
import { EMPTY_GRAPH } from '../document/graphEdits';
import type { ColumnChoices } from './paramControls';

export const SCHEMA_DEBOUNCE_MS = 400;

const nodeKeys = new WeakMap<object, string>();

/**
 * What of the draft can change the columns: components, parameter values, bypass, edges and
 * pipeline parameters — not positions or comments, so moving a node asks nothing.
 * Pure (cached per node object).
 */
export function schemaDraftKey(graph: PipelineGraph, parameters: PipelineParameters = {}): string {
  const nodes = graph.nodes.map((node) => {
    let key = nodeKeys.get(node);
    if (key === undefined) {
      key = JSON.stringify([node.id, node.component, node.params, Boolean(node.disabled)]);
      nodeKeys.set(node, key);
    }
    return key;
  });
  const edges = graph.edges.map((e) => `${e.source}.${e.source_port}>${e.target}.${e.target_port}`);
  return `${nodes.join('|')}#${edges.join('|')}#${JSON.stringify(parameters)}`;
}

interface SchemaDraft {
  graph: PipelineGraph;
  parameters: PipelineParameters;
}

function currentDraft(): SchemaDraft {
  const draft = useDocument.getState().draft;
  return { graph: draft?.graph ?? EMPTY_GRAPH, parameters: draft?.parameters ?? NO_PARAMETERS };
}

/**
 * The draft's graph and parameters once edits pause. Read through a store subscription, not a
 * selector, so the inspector does not re-render for every frame of a drag.
 */
function useSettledDraft(ms: number): SchemaDraft {
  const [settled, setSettled] = useState(currentDraft);
  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = useDocument.subscribe((state, previous) => {
      if (state.draft?.graph === previous.draft?.graph && state.draft?.parameters === previous.draft?.parameters) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setSettled(currentDraft()), ms);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [ms]);
  return settled;
}

const LOADING: ColumnChoices = { status: 'loading', names: [] };
const UNKNOWN: ColumnChoices = { status: 'unknown', names: [] };

export function useNodeColumns(nodeId: string, enabled: boolean): (input: string | null | undefined) => ColumnChoices {
  const pipelineId = useDocument((s) => s.draft?.id ?? '');
  const draft = useSettledDraft(SCHEMA_DEBOUNCE_MS);
  const key = useMemo(() => schemaDraftKey(draft.graph, draft.parameters), [draft]);
  const schemas = usePipelineSchemas(pipelineId, draft, key, enabled && pipelineId !== '');

  return useMemo(() => {
    const ports = schemas.data?.nodes?.[nodeId]?.inputs;
    return (input) => {
      if (!schemas.data) return schemas.isError || !enabled ? UNKNOWN : LOADING;
      const columns = input ? ports?.[input]?.columns : null;
      return columns ? { status: 'known', names: columns.map((column) => column.name) } : UNKNOWN;
    };
  }, [schemas.data, schemas.isError, nodeId, enabled]);
}

/**
 * The "Auto layout" action: lays the current graph out with ELK (sizes as measured on the canvas,
 * ports as the specs list them), applies all new positions as one undoable edit, and fits the
 * view. Must be used inside the ReactFlowProvider.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { ComponentSummary } from '../../api/models';
import { describeFailure } from '../../shared/format';
import { portLookup } from '../canvas/portLookup';
import { useDocument } from '../document/documentStore';
import { moveNodes } from '../document/graphEdits';
import { useFeedback } from '../feedbackStore';
import { useDesignerView } from '../viewStore';
import { layoutGraph, type Size } from './elkLayout';

const DEFAULT_WIDTH = 200;

/** A node not measured yet: its header plus a row per port. */
function estimatedSize(ports: number): Size {
  return { width: DEFAULT_WIDTH, height: 50 + Math.max(ports, 1) * 20 };
}

export function useAutoLayout(specs: ReadonlyMap<string, ComponentSummary>) {
  const { fitView } = useReactFlow();
  const [busy, setBusy] = useState(false);

  const run = useCallback(async () => {
    const draft = useDocument.getState().draft;
    if (!draft || draft.graph.nodes.length === 0) return;
    setBusy(true);
    try {
      const graph = draft.graph;
      const measured = useDesignerView.getState().measured;
      const ports = portLookup(graph, specs);
      const portsOf = (nodeId: string) => {
        const spec = ports(nodeId);
        return spec ? { inputs: Object.keys(spec.inputs), outputs: Object.keys(spec.outputs) } : undefined;
      };
      const positions = await layoutGraph({
        graph,
        portsOf,
        sizeOf: (nodeId) => {
          const known = portsOf(nodeId);
          return measured[nodeId] ?? estimatedSize(Math.max(known?.inputs.length ?? 0, known?.outputs.length ?? 0));
        },
      });
      // Positions only: edits made while ELK worked are kept.
      useDocument.getState().edit((doc) => {
        const moved = moveNodes(doc.graph, positions);
        return moved === doc.graph ? doc : { ...doc, graph: moved };
      });
      window.requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1.2, duration: 300 }));
    } catch (error) {
      useFeedback.getState().notify(`Auto layout failed: ${describeFailure(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  }, [specs, fitView]);

  return { run, busy };
}

/**
 * React Flow's view state for the designer canvas: selection, measured node sizes, and which node
 * the inspector shows. Never saved; the document store holds what is saved.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { FlowView, Size } from '../graph/flowMapping';

interface ViewState extends FlowView {
  inspected: string | null;
  applyNodeChanges: (changes: readonly NodeChange[]) => void;
  applyEdgeChanges: (changes: readonly EdgeChange[]) => void;
  inspect: (nodeId: string | null) => void;
  selectOnly: (nodeId: string) => void;
  reset: () => void;
}

function withFlag(map: Readonly<Record<string, boolean>>, id: string, on: boolean): Record<string, boolean> {
  const next = { ...map };
  if (on) next[id] = true;
  else delete next[id];
  return next;
}

export const useDesignerView = create<ViewState>()((set, get) => ({
  selectedNodes: {},
  selectedEdges: {},
  measured: {},
  inspected: null,

  applyNodeChanges: (changes) => {
    let { selectedNodes, measured } = get();
    const start = { selectedNodes, measured };
    for (const change of changes) {
      if (change.type === 'select') selectedNodes = withFlag(selectedNodes, change.id, change.selected);
      else if (change.type === 'dimensions' && change.dimensions) {
        const size: Size = { width: change.dimensions.width, height: change.dimensions.height };
        const old = measured[change.id];
        if (!old || old.width !== size.width || old.height !== size.height) measured = { ...measured, [change.id]: size };
      } else if (change.type === 'remove') {
        selectedNodes = withFlag(selectedNodes, change.id, false);
      }
    }
    if (selectedNodes !== start.selectedNodes || measured !== start.measured) set({ selectedNodes, measured });
  },

  applyEdgeChanges: (changes) => {
    let { selectedEdges } = get();
    const start = selectedEdges;
    for (const change of changes) {
      if (change.type === 'select') selectedEdges = withFlag(selectedEdges, change.id, change.selected);
      else if (change.type === 'remove') selectedEdges = withFlag(selectedEdges, change.id, false);
    }
    if (selectedEdges !== start) set({ selectedEdges });
  },

  inspect: (nodeId) => set({ inspected: nodeId }),
  selectOnly: (nodeId) => set({ selectedNodes: { [nodeId]: true }, selectedEdges: {}, inspected: nodeId }),
  reset: () => set({ selectedNodes: {}, selectedEdges: {}, measured: {}, inspected: null }),
}));

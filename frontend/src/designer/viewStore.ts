/**
 * The designer's view state: React Flow's selection and measured node sizes, which node the
 * inspector shows, which sidebar tab and which overlay (find, shortcut help) is open.
 * Never saved; the document store holds what is saved.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { FlowView, Size } from '../graph/flowMapping';

export type SidebarTab = 'node' | 'pipeline';
export type Overlay = 'find' | 'help' | 'submit' | 'publish' | null;

/** A node's context menu, at a point of the viewport (client coordinates). */
export interface NodeMenuState {
  nodeId: string;
  x: number;
  y: number;
}

interface ViewState extends FlowView {
  inspected: string | null;
  menu: NodeMenuState | null;
  sidebarTab: SidebarTab;
  overlay: Overlay;
  applyNodeChanges: (changes: readonly NodeChange[]) => void;
  applyEdgeChanges: (changes: readonly EdgeChange[]) => void;
  inspect: (nodeId: string | null) => void;
  selectOnly: (nodeId: string) => void;
  selectNodes: (nodeIds: readonly string[]) => void;
  showTab: (tab: SidebarTab) => void;
  open: (overlay: Overlay) => void;
  /** Opens a node's menu (selecting that node), or closes it with null. */
  openMenu: (menu: NodeMenuState | null) => void;
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
  menu: null,
  sidebarTab: 'node',
  overlay: null,

  applyNodeChanges: (changes) => {
    let { selectedNodes, measured } = get();
    const start = { selectedNodes, measured };
    for (const change of changes) {
      if (change.type === 'select') {
        if (Boolean(selectedNodes[change.id]) !== change.selected) selectedNodes = withFlag(selectedNodes, change.id, change.selected);
      } else if (change.type === 'dimensions' && change.dimensions) {
        const size: Size = { width: change.dimensions.width, height: change.dimensions.height };
        const old = measured[change.id];
        if (!old || old.width !== size.width || old.height !== size.height) measured = { ...measured, [change.id]: size };
      } else if (change.type === 'remove') {
        if (selectedNodes[change.id]) selectedNodes = withFlag(selectedNodes, change.id, false);
      }
    }
    if (selectedNodes !== start.selectedNodes || measured !== start.measured) set({ selectedNodes, measured });
  },

  applyEdgeChanges: (changes) => {
    let { selectedEdges } = get();
    const start = selectedEdges;
    for (const change of changes) {
      if (change.type === 'select') {
        if (Boolean(selectedEdges[change.id]) !== change.selected) selectedEdges = withFlag(selectedEdges, change.id, change.selected);
      } else if (change.type === 'remove' && selectedEdges[change.id]) {
        selectedEdges = withFlag(selectedEdges, change.id, false);
      }
    }
    if (selectedEdges !== start) set({ selectedEdges });
  },

  inspect: (nodeId) => set(nodeId ? { inspected: nodeId, sidebarTab: 'node' } : { inspected: null }),
  selectOnly: (nodeId) =>
    set({ selectedNodes: { [nodeId]: true }, selectedEdges: {}, inspected: nodeId, sidebarTab: 'node' }),
  selectNodes: (nodeIds) =>
    set({
      selectedNodes: Object.fromEntries(nodeIds.map((id) => [id, true])),
      selectedEdges: {},
      inspected: nodeIds.length === 1 ? (nodeIds[0] as string) : get().inspected,
    }),
  showTab: (sidebarTab) => set({ sidebarTab }),
  open: (overlay) => set({ overlay, menu: null }),
  openMenu: (menu) =>
    set(
      menu
        ? { menu, selectedNodes: { [menu.nodeId]: true }, selectedEdges: {}, inspected: menu.nodeId, sidebarTab: 'node' }
        : { menu: null },
    ),
  reset: () =>
    set({ selectedNodes: {}, selectedEdges: {}, measured: {}, inspected: null, menu: null, sidebarTab: 'node', overlay: null }),
}));

/** Ids of the selected nodes, in no particular order. */
export function selectedNodeIds(): string[] {
  return Object.keys(useDesignerView.getState().selectedNodes);
}

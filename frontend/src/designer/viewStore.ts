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

/** A set of flags changed in place after one copy, made at the first real change. */
class Flags {
  private readonly start: Readonly<Record<string, boolean>>;
  private copy: Record<string, boolean> | null = null;

  constructor(start: Readonly<Record<string, boolean>>) {
    this.start = start;
  }

  get changed(): boolean {
    return this.copy !== null;
  }

  get result(): Readonly<Record<string, boolean>> {
    return this.copy ?? this.start;
  }

  set(id: string, on: boolean): void {
    if (Boolean(this.result[id]) === on) return;
    this.copy ??= { ...this.start };
    if (on) this.copy[id] = true;
    else delete this.copy[id];
  }
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
    const { selectedNodes, measured } = get();
    // The first measuring of a big graph is one batch of a size per node, a box selection one of
    // a flag per node: each map is copied once per batch, not once per node.
    const selected = new Flags(selectedNodes);
    let sizes: Record<string, Size> | null = null;
    for (const change of changes) {
      if (change.type === 'select') {
        selected.set(change.id, change.selected);
      } else if (change.type === 'dimensions' && change.dimensions) {
        const { width, height } = change.dimensions;
        const old = (sizes ?? measured)[change.id];
        if (!old || old.width !== width || old.height !== height) {
          sizes ??= { ...measured };
          sizes[change.id] = { width, height };
        }
      } else if (change.type === 'remove') {
        selected.set(change.id, false);
      }
    }
    if (selected.changed || sizes) set({ selectedNodes: selected.result, measured: sizes ?? measured });
  },

  applyEdgeChanges: (changes) => {
    const selected = new Flags(get().selectedEdges);
    for (const change of changes) {
      if (change.type === 'select') selected.set(change.id, change.selected);
      else if (change.type === 'remove') selected.set(change.id, false);
    }
    if (selected.changed) set({ selectedEdges: selected.result });
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

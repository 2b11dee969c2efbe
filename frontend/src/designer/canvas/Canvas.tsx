/**
 * The editable canvas. Maps the document to React Flow nodes/edges, and turns React Flow's
 * changes back into document edits (moves, deletions, connections) or view state (selection,
 * sizes). Connections are checked against the port types before they are made.
 *
 * Selection: click, Shift/Ctrl/Cmd+click to add, Shift+drag on the empty canvas for a box.
 * Right-click on a node opens its menu (NodeMenu).
 * A deletion (Delete/Backspace) is one document edit, whatever it removed.
 */
import {
  Background,
  Controls,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type NodeTypes,
  type OnDelete,
} from '@xyflow/react';
import { useCallback, useMemo, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useComponents } from '../../api/components';
import type { ComponentSummary } from '../../api/models';
import { FlowMiniMap } from '../../graph/FlowMiniMap';
import { KeepNodeInView } from '../../graph/KeepNodeInView';
import { NodeSpecsContext } from '../../graph/nodeSpecs';
import { createEdgeMapper, createNodeMapper, type DesignerFlowNode } from '../../graph/flowMapping';
import { checkConnection, type ProposedConnection } from '../document/connectionRules';
import { useDocument } from '../document/documentStore';
import { EMPTY_GRAPH } from '../document/graphEdits';
import { useFeedback } from '../feedbackStore';
import { useDesignerView } from '../viewStore';
import { ComponentNode } from './ComponentNode';
import { ConnectionHighlight } from './ConnectionHighlight';
import { portLookup } from './portLookup';
import { canDrop, readDrop } from './dragPayload';
import { useAddComponent } from './useAddComponent';

// Defined once: a new object per render would make React Flow re-create every node.
const nodeTypes: NodeTypes = { component: ComponentNode };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const FIT_VIEW_OPTIONS = { maxZoom: 1.2, padding: 0.2 };
const SCOPE = '.designer-canvas';

const inspectNode = (_event: unknown, node: DesignerFlowNode) => useDesignerView.getState().inspect(node.id);
const closeInspector = () => useDesignerView.getState().inspect(null);
const openNodeMenu = (event: ReactMouseEvent, node: DesignerFlowNode) => {
  event.preventDefault();
  useDesignerView.getState().openMenu({ nodeId: node.id, x: event.clientX, y: event.clientY });
};

function onNodesChange(changes: NodeChange<DesignerFlowNode>[]) {
  const moves = new Map<string, { x: number; y: number }>();
  let dragging = false;
  for (const change of changes) {
    if (change.type === 'position' && change.position) {
      moves.set(change.id, change.position);
      dragging ||= Boolean(change.dragging);
    }
  }
  // Removals arrive through onDelete, as one edit with the edges they take along.
  if (moves.size > 0) useDocument.getState().moveNodes(moves, { dragging });
  useDesignerView.getState().applyNodeChanges(changes);
}

function onEdgesChange(changes: EdgeChange[]) {
  useDesignerView.getState().applyEdgeChanges(changes);
}

const onDelete: OnDelete<DesignerFlowNode, Edge> = ({ nodes, edges }) => {
  useDocument.getState().removeElements(
    nodes.map((node) => node.id),
    edges.map((edge) => edge.id),
  );
};

function checkAgainstDocument(connection: ProposedConnection, specs: ReadonlyMap<string, ComponentSummary>) {
  const graph = useDocument.getState().draft?.graph ?? EMPTY_GRAPH;
  return checkConnection(connection, graph, portLookup(graph, specs));
}

/** The connection an ended drag proposed, whichever end it started from. */
function proposedFrom(state: FinalConnectionState): ProposedConnection | null {
  const { fromHandle, toHandle } = state;
  if (!fromHandle || !toHandle) return null;
  const [source, target] = fromHandle.type === 'source' ? [fromHandle, toHandle] : [toHandle, fromHandle];
  return { source: source.nodeId, sourceHandle: source.id, target: target.nodeId, targetHandle: target.id };
}

function useConnectionHandlers(specs: ReadonlyMap<string, ComponentSummary>) {
  const isValidConnection = useCallback<IsValidConnection>(
    (connection) => checkAgainstDocument(connection, specs).ok,
    [specs],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const check = checkAgainstDocument(connection, specs);
      if (!check.ok) {
        useFeedback.getState().notify(check.reason, 'error');
        return;
      }
      useDocument.getState().connect({
        source: connection.source,
        source_port: connection.sourceHandle ?? '',
        target: connection.target,
        target_port: connection.targetHandle ?? '',
      });
    },
    [specs],
  );

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false) return;
      const proposed = proposedFrom(state);
      if (!proposed) return;
      const check = checkAgainstDocument(proposed, specs);
      useFeedback.getState().notify(check.ok ? 'Cannot connect those ports' : check.reason, 'error');
    },
    [specs],
  );
  return { isValidConnection, onConnect, onConnectEnd };
}

export function Canvas({ specs }: { specs: ReadonlyMap<string, ComponentSummary> }) {
  const graph = useDocument((s) => s.draft?.graph ?? EMPTY_GRAPH);
  // Only a node clicked on the canvas is panned clear of the minimap: a dropped or pasted one
  // stays where it was put, and the view does not move under the pointer.
  const [clicked, setClicked] = useState<{ id: string; at: number } | null>(null);
  const inspected = useDesignerView((s) => s.inspected);
  const kept = clicked !== null && clicked.id === inspected ? clicked : null;
  const onNodeClick = useCallback((event: ReactMouseEvent, node: DesignerFlowNode) => {
    setClicked({ id: node.id, at: event.timeStamp });
    inspectNode(event, node);
  }, []);
  const view = useDesignerView(
    useShallow((s) => ({ selectedNodes: s.selectedNodes, selectedEdges: s.selectedEdges, measured: s.measured })),
  );
  const [mapNodes] = useState(createNodeMapper);
  const [mapEdges] = useState(createEdgeMapper);
  const nodes = useMemo(() => mapNodes(graph, view), [mapNodes, graph, view]);
  // A move keeps the edges array: a drag frame does not look at the edges at all.
  const edges = useMemo(() => mapEdges(graph.edges, view.selectedEdges), [mapEdges, graph.edges, view.selectedEdges]);
  const listLoaded = Boolean(useComponents().data);
  const nodeSpecs = useMemo(() => ({ specs, listLoaded }), [specs, listLoaded]);
  const { addAtScreenPoint } = useAddComponent();
  const connectionHandlers = useConnectionHandlers(specs);
  // Fit an existing graph once; on an empty one, the first drop should not make the view jump.
  const [fitOnOpen] = useState(() => graph.nodes.length > 0);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!canDrop(event.dataTransfer.types)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const node = readDrop((type) => event.dataTransfer.getData(type));
      if (!node) return;
      event.preventDefault();
      addAtScreenPoint(node.component, event.clientX, event.clientY, node.params);
    },
    [addAtScreenPoint],
  );

  return (
    <div className="canvas designer-canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="designer-canvas">
      <NodeSpecsContext.Provider value={nodeSpecs}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onDelete={onDelete}
          {...connectionHandlers}
          onNodeClick={onNodeClick}
          onNodeContextMenu={openNodeMenu}
          onPaneClick={closeInspector}
          deleteKeyCode={DELETE_KEYS}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          selectionKeyCode="Shift"
          fitView={fitOnOpen}
          fitViewOptions={FIT_VIEW_OPTIONS}
          minZoom={0.05}
          maxZoom={2}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
          <FlowMiniMap nodeClassName={miniMapClass} />
          <ConnectionHighlight scope={SCOPE} specs={specs} />
          <KeepNodeInView nodeId={kept?.id ?? null} request={kept?.at} />
        </ReactFlow>
      </NodeSpecsContext.Provider>
      {graph.nodes.length === 0 && <div className="canvas-hint">Drag components here from the palette</div>}
    </div>
  );
}

function miniMapClass(node: DesignerFlowNode): string {
  return node.data.disabled ? 'minimap-node bypassed' : 'minimap-node';
}

/**
 * The editable canvas. Maps the document to React Flow nodes/edges, and turns React Flow's
 * changes back into document edits (moves, deletions, connections) or view state (selection,
 * sizes). Connections are checked against the port types before they are made.
 */
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ComponentSummary, PipelineGraph } from '../api/types';
import { createEdgeMapper, createNodeMapper, type DesignerFlowNode } from '../graph/flowMapping';
import { ComponentNode } from './ComponentNode';
import { checkConnection, type ProposedConnection } from './connectionRules';
import { useDocument } from './documentStore';
import { useFeedback } from './feedbackStore';
import { COMPONENT_MIME, useAddComponent } from './useAddComponent';
import { useDesignerView } from './viewStore';

// Defined once: a new object per render would make React Flow re-create every node.
const nodeTypes: NodeTypes = { component: ComponentNode };
const DELETE_KEYS = ['Delete', 'Backspace'];
const EMPTY_GRAPH: PipelineGraph = { nodes: [], edges: [] };

const inspectNode = (_event: unknown, node: DesignerFlowNode) => useDesignerView.getState().inspect(node.id);
const closeInspector = () => useDesignerView.getState().inspect(null);

function checkAgainstDocument(connection: ProposedConnection, specs: ReadonlyMap<string, ComponentSummary>) {
  const graph = useDocument.getState().draft?.graph ?? EMPTY_GRAPH;
  return checkConnection(connection, graph, (nodeId) => {
    const node = graph.nodes.find((candidate) => candidate.id === nodeId);
    return node ? specs.get(node.component) : undefined;
  });
}

/** The connection an ended drag proposed, whichever end it started from. */
function proposedFrom(state: FinalConnectionState): ProposedConnection | null {
  const { fromHandle, toHandle } = state;
  if (!fromHandle || !toHandle) return null;
  const [source, target] = fromHandle.type === 'source' ? [fromHandle, toHandle] : [toHandle, fromHandle];
  return { source: source.nodeId, sourceHandle: source.id, target: target.nodeId, targetHandle: target.id };
}

export function Canvas({ specs }: { specs: ReadonlyMap<string, ComponentSummary> }) {
  const graph = useDocument((s) => s.draft?.graph ?? EMPTY_GRAPH);
  const view = useDesignerView(
    useShallow((s) => ({ selectedNodes: s.selectedNodes, selectedEdges: s.selectedEdges, measured: s.measured })),
  );
  const [mapNodes] = useState(createNodeMapper);
  const [mapEdges] = useState(createEdgeMapper);
  const nodes = useMemo(() => mapNodes(graph, view), [mapNodes, graph, view]);
  const edges = useMemo(() => mapEdges(graph, view.selectedEdges), [mapEdges, graph, view.selectedEdges]);
  const { addAtScreenPoint } = useAddComponent();
  // Fit an existing graph once; on an empty one, the first drop should not make the view jump.
  const [fitOnOpen] = useState(() => graph.nodes.length > 0);

  const onNodesChange = useCallback((changes: NodeChange<DesignerFlowNode>[]) => {
    const moves = new Map<string, { x: number; y: number }>();
    const removed: string[] = [];
    for (const change of changes) {
      if (change.type === 'position' && change.position) moves.set(change.id, change.position);
      else if (change.type === 'remove') removed.push(change.id);
    }
    const documentStore = useDocument.getState();
    documentStore.moveNodes(moves);
    if (removed.length > 0) documentStore.removeNodes(removed);
    useDesignerView.getState().applyNodeChanges(changes);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const removed = changes.flatMap((change) => (change.type === 'remove' ? [change.id] : []));
    if (removed.length > 0) useDocument.getState().removeEdges(removed);
    useDesignerView.getState().applyEdgeChanges(changes);
  }, []);

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

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(COMPONENT_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const component = event.dataTransfer.getData(COMPONENT_MIME);
      if (!component) return;
      event.preventDefault();
      addAtScreenPoint(component, event.clientX, event.clientY);
    },
    [addAtScreenPoint],
  );

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="designer-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeClick={inspectNode}
        onPaneClick={closeInspector}
        deleteKeyCode={DELETE_KEYS}
        fitView={fitOnOpen}
        fitViewOptions={{ maxZoom: 1.2, padding: 0.2 }}
        minZoom={0.1}
        maxZoom={2}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable />
      </ReactFlow>
      {graph.nodes.length === 0 && <div className="canvas-hint">Drag components here from the palette</div>}
    </div>
  );
}

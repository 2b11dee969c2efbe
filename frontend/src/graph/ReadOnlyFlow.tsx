/** A graph to look at, not to edit: nothing drags, connects or deletes (nor selects, unless
 * asked); it fits itself into view, with the background grid and zoom controls every read-only
 * graph here shows.
 *
 * Its nodes and edges are either controlled (`nodes`, `edges`) or handed over once for React
 * Flow to keep (`defaultNodes`, `defaultEdges`). A run or a version adds the minimap, the specs
 * its nodes draw their ports from, and children of its own inside the flow. */
import { Background, Controls, ReactFlow, type Edge, type Node, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';
import type { MouseEvent as ReactMouseEvent, ReactNode } from 'react';
import { FlowMiniMap } from './FlowMiniMap';
import { NodeSpecsContext, type NodeSpecs } from './nodeSpecs';

type ReadOnlyFlowElements<N extends Node> =
  | { nodes: N[]; edges: Edge[]; defaultNodes?: never; defaultEdges?: never }
  | { defaultNodes: N[]; defaultEdges: Edge[]; nodes?: never; edges?: never };

type ReadOnlyFlowProps<N extends Node> = ReadOnlyFlowElements<N> & {
  nodeTypes: NodeTypes;
  maxZoom: number;
  padding: number;
  onNodeClick?: NodeMouseHandler<N>;
  onPaneClick?: (event: ReactMouseEvent) => void;
  /** Whether a node or edge can be selected (by a click); off unless asked. */
  elementsSelectable?: boolean;
  /** Whether to draw the minimap. */
  miniMap?: boolean;
  /** The specs handed down to the nodes (NodeSpecsContext); none unless given. */
  specs?: NodeSpecs;
  /** Drawn inside the flow, after the grid, the controls and the minimap. */
  children?: ReactNode;
};

export function ReadOnlyFlow<N extends Node>({
  nodes,
  edges,
  defaultNodes,
  defaultEdges,
  nodeTypes,
  maxZoom,
  padding,
  onNodeClick,
  onPaneClick,
  elementsSelectable = false,
  miniMap = false,
  specs,
  children,
}: ReadOnlyFlowProps<N>) {
  const flow = (
    <ReactFlow<N>
      nodes={nodes}
      edges={edges}
      defaultNodes={defaultNodes}
      defaultEdges={defaultEdges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={elementsSelectable}
      deleteKeyCode={null}
      onNodeClick={onNodeClick}
      onPaneClick={onPaneClick}
      fitView
      fitViewOptions={{ maxZoom, padding }}
      minZoom={0.1}
    >
      <Background gap={20} />
      <Controls showInteractive={false} />
      {miniMap && <FlowMiniMap />}
      {children}
    </ReactFlow>
  );
  return specs ? <NodeSpecsContext.Provider value={specs}>{flow}</NodeSpecsContext.Provider> : flow;
}

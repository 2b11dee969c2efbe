/** A graph to look at, not to edit: nothing drags, connects, selects or deletes; it fits itself
 * into view, with the background grid and zoom controls every read-only graph here shows. */
import { Background, Controls, ReactFlow, type Edge, type Node, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';

export function ReadOnlyFlow<N extends Node>({
  nodes,
  edges,
  nodeTypes,
  maxZoom,
  padding,
  onNodeClick,
}: {
  nodes: N[];
  edges: Edge[];
  nodeTypes: NodeTypes;
  maxZoom: number;
  padding: number;
  onNodeClick?: NodeMouseHandler<N>;
}) {
  return (
    <ReactFlow<N>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      deleteKeyCode={null}
      onNodeClick={onNodeClick}
      fitView
      fitViewOptions={{ maxZoom, padding }}
      minZoom={0.1}
    >
      <Background gap={20} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

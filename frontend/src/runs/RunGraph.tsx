/**
 * The run's frozen graph, read-only. Nodes are created once from the graph (React Flow keeps
 * them); live status reaches each node through its own subscription, never through this list.
 */
import type { NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import type { PipelineGraph } from '../api/models';
import { KeepNodeInView } from '../graph/KeepNodeInView';
import { useFlowSpecs } from '../graph/nodeSpecs';
import { toFlowEdges, toRunFlowNodes, type RunFlowNode } from '../graph/flowMapping';
import { ReadOnlyFlow } from '../graph/ReadOnlyFlow';
import { RunNode } from './RunNode';

const runNodeTypes: NodeTypes = { run: RunNode };

interface RunGraphProps {
  graph: PipelineGraph;
  /** The node whose panel is open: kept in view, clear of the minimap, as the panel opens. */
  selectedNode?: string | null;
  onSelectNode: (nodeId: string | null) => void;
}

export function RunGraph({ graph, selectedNode = null, onSelectNode }: RunGraphProps) {
  const nodes = useMemo(() => toRunFlowNodes(graph), [graph]);
  const edges = useMemo(() => toFlowEdges(graph).map((edge) => ({ ...edge, deletable: false })), [graph]);
  const graphs = useMemo(() => [graph], [graph]);
  const specs = useFlowSpecs(graphs);

  return (
    <div className="canvas run-canvas" data-testid="run-canvas">
      <ReadOnlyFlow<RunFlowNode>
        defaultNodes={nodes}
        defaultEdges={edges}
        nodeTypes={runNodeTypes}
        maxZoom={1.2}
        padding={0.2}
        elementsSelectable
        onNodeClick={(_event, node) => onSelectNode(node.id)}
        onPaneClick={() => onSelectNode(null)}
        miniMap
        specs={specs}
      >
        <KeepNodeInView nodeId={selectedNode} />
      </ReadOnlyFlow>
      {graph.nodes.length === 0 && <div className="canvas-hint">This run has no nodes</div>}
    </div>
  );
}

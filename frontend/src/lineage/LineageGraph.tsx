/**
 * A lineage graph drawn with React Flow, laid out by hops from its root (lineageLayout.ts):
 * datasets, runs and models, edges the way data flowed. Clicking a node opens its page.
 */
import { MarkerType, type Edge, type NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { Lineage, LineageNode as LineageEntry } from '../api/lineage';
import { ReadOnlyFlow } from '../graph/ReadOnlyFlow';
import { datasetPagePath, modelPagePath } from '../shared/catalogPaths';
import { layoutLineage } from './lineageLayout';
import { LineageNode, type LineageFlowNode } from './LineageNode';

const lineageNodeTypes: NodeTypes = { lineage: LineageNode };

/** The page a lineage node stands for, or null when it has none to open. */
export function lineageNodePath(entry: LineageEntry): string | null {
  if (entry.kind === 'run' && entry.run !== undefined) return `/runs/${entry.run}`;
  if (entry.kind === 'dataset' && entry.name) return datasetPagePath(entry.name, entry.version);
  if (entry.kind === 'model' && entry.name) return modelPagePath(entry.name, entry.version);
  return null;
}

function toFlow(lineage: Lineage): { nodes: LineageFlowNode[]; edges: Edge[] } {
  const nodes = layoutLineage(lineage).map(
    ({ node, x, y }): LineageFlowNode => ({
      id: node.id,
      type: 'lineage',
      position: { x, y },
      data: { entry: node, root: node.id === lineage.root },
      draggable: false,
      connectable: false,
    }),
  );
  const edges = lineage.edges.map(
    (edge): Edge => ({
      id: `${edge.source}->${edge.target}`,
      source: edge.source,
      target: edge.target,
      label: edge.label,
      markerEnd: { type: MarkerType.ArrowClosed },
      deletable: false,
    }),
  );
  return { nodes, edges };
}

export function LineageGraph({ lineage }: { lineage: Lineage }) {
  const navigate = useNavigate();
  const { nodes, edges } = useMemo(() => toFlow(lineage), [lineage]);
  return (
    <div className="lineage-canvas" data-testid="lineage-canvas">
      <ReadOnlyFlow<LineageFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={lineageNodeTypes}
        maxZoom={1.1}
        padding={0.15}
        onNodeClick={(_event, node) => {
          const path = lineageNodePath(node.data.entry);
          if (path) navigate(path);
        }}
      />
    </div>
  );
}

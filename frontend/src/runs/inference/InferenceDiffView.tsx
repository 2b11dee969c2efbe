/**
 * The change from a training pipeline to the inference pipeline derived from its run: the derived
 * graph drawn read-only with each node marked added, replaced (a stand-in, naming the training
 * nodes it takes the place of) or kept, the edges the derivation made dashed; then the training
 * nodes left out, and the columns a caller will send.
 */
import type { Edge, NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import { parseComponentRef, useComponentSpecs } from '../../api/components';
import type { DerivedPipeline, PipelineGraph } from '../../api/models';
import { edgeId, toFlowEdges, toRunFlowNodes } from '../../graph/flowMapping';
import { NodeSpecsContext, useFlowSpecs } from '../../graph/nodeSpecs';
import { ReadOnlyFlow } from '../../graph/ReadOnlyFlow';
import { countMarks, markNodes, type MarkedNode } from './derivation';
import { DiffNode, MARK_WORDS, type DiffFlowNode } from './DiffNode';

const diffNodeTypes: NodeTypes = { diff: DiffNode };

function toDiffFlow(derived: DerivedPipeline, marks: Readonly<Record<string, MarkedNode>>): { nodes: DiffFlowNode[]; edges: Edge[] } {
  const nodes = toRunFlowNodes(derived.graph).map(
    (node): DiffFlowNode => ({ ...node, type: 'diff', data: { ...node.data, ...(marks[node.id] ?? { mark: 'kept', replaces: [] }) } }),
  );
  const made = new Set(derived.diff.edges_added.map(edgeId));
  const edges = toFlowEdges(derived.graph).map((edge) => ({
    ...edge,
    deletable: false,
    className: made.has(edge.id) ? 'diff-edge-added' : undefined,
  }));
  return { nodes, edges };
}

function DiffGraph({ derived, marks }: { derived: DerivedPipeline; marks: Readonly<Record<string, MarkedNode>> }) {
  const { nodes, edges } = useMemo(() => toDiffFlow(derived, marks), [derived, marks]);
  const graphs = useMemo(() => [derived.graph], [derived.graph]);
  const specs = useFlowSpecs(graphs);
  return (
    <div className="diff-canvas" data-testid="inference-diff-graph">
      <NodeSpecsContext.Provider value={specs}>
        <ReadOnlyFlow<DiffFlowNode> nodes={nodes} edges={edges} nodeTypes={diffNodeTypes} maxZoom={1} padding={0.12} />
      </NodeSpecsContext.Provider>
    </div>
  );
}

/** A node's component as people know it: its display name once the registry answered, else its name. */
function useComponentNames(graphs: readonly PipelineGraph[]): (graph: PipelineGraph, nodeId: string) => string {
  const refs = useMemo(() => graphs.flatMap((graph) => graph.nodes.map((node) => node.component)), [graphs]);
  const specs = useComponentSpecs(refs);
  return (graph, nodeId) => {
    const node = graph.nodes.find((candidate) => candidate.id === nodeId);
    if (!node) return '';
    return specs.get(node.component)?.display_name ?? parseComponentRef(node.component).name;
  };
}

function TrainingNodesGone({ derived, training }: { derived: DerivedPipeline; training: PipelineGraph }) {
  const { removed, replaced } = derived.diff;
  const graphs = useMemo(() => [training, derived.graph], [training, derived.graph]);
  const componentName = useComponentNames(graphs);
  return (
    <div className="diff-lists">
      <div data-testid="inference-diff-removed">
        <h3>Training nodes left out ({removed.length})</h3>
        {removed.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="diff-node-list">
            {removed.map((node) => (
              <li key={node} className="diff-removed">
                <strong>{node}</strong> <span className="muted">{componentName(training, node)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div data-testid="inference-diff-replaced">
        <h3>Replaced ({replaced.length})</h3>
        {replaced.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="diff-node-list">
            {replaced.map((entry) => (
              <li key={`${entry.node}-${entry.by}`}>
                <strong>{entry.node}</strong> <span className="muted">{componentName(training, entry.node)}</span> →{' '}
                <strong>{entry.by}</strong> <span className="muted">{componentName(derived.graph, entry.by)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div data-testid="inference-input-schema">
        <h3>Input columns ({derived.input_schema.length})</h3>
        {derived.input_schema.length === 0 ? (
          <p className="muted">None: the rows come from a dataset.</p>
        ) : (
          <p className="schema-columns">
            {derived.input_schema.map((column) => (
              <code key={column.name} title={column.dtype ?? 'any type'}>
                {column.name}
              </code>
            ))}
          </p>
        )}
      </div>
    </div>
  );
}

export function InferenceDiffView({ derived, training }: { derived: DerivedPipeline; training: PipelineGraph }) {
  const marks = useMemo(() => markNodes(derived.graph, derived.diff), [derived]);
  const counts = countMarks(marks);
  return (
    <div className="inference-diff" data-testid="inference-diff">
      <p className="diff-legend">
        {(['added', 'replaced', 'kept'] as const).map((mark) => (
          <span key={mark} className={`diff-pill diff-pill-${mark}`}>
            {counts[mark]} {MARK_WORDS[mark]}
          </span>
        ))}
        <span className="diff-pill diff-pill-removed">{derived.diff.removed.length} left out</span>
        <span className="muted">
          Scores with <strong>{derived.scoring_node}</strong>; dashed edges are new.
        </span>
      </p>
      <DiffGraph derived={derived} marks={marks} />
      <TrainingNodesGone derived={derived} training={training} />
    </div>
  );
}

/** The draft's graph, read-only, with each node and edge coloured by how it changed since the run. */
import type { NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import type { PipelineGraph } from '../../api/models';
import type { DraftDiff } from '../../api/runPickUp';
import { ReadOnlyFlow } from '../../graph/ReadOnlyFlow';
import { DiffNode } from './DiffNode';
import { draftDiffFlow, type DiffFlowNode } from './draftDiffFlow';

const diffNodeTypes: NodeTypes = { diff: DiffNode };

export function DraftDiffGraph({ runGraph, diff }: { runGraph: PipelineGraph; diff: DraftDiff }) {
  const { nodes, edges } = useMemo(() => draftDiffFlow(runGraph, diff), [runGraph, diff]);
  return (
    <div className="canvas draft-diff-canvas" data-testid="draft-diff-canvas">
      <ReadOnlyFlow<DiffFlowNode> nodes={nodes} edges={edges} nodeTypes={diffNodeTypes} maxZoom={1.1} padding={0.06} />
    </div>
  );
}

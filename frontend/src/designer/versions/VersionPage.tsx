/**
 * /pipelines/:id/versions/:n — a frozen pipeline version, read-only: its graph on a canvas that
 * cannot be edited, a banner saying which version this is with the way back to the draft, its
 * pipeline parameters, and the parameters of the node clicked.
 */
import { ReactFlowProvider, type NodeTypes } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PipelineVersion } from '../../api/models';
import { usePipeline } from '../../api/pipelines';
import { usePipelineVersion } from '../../api/pipelineVersions';
import { toFlowEdges, toRunFlowNodes, type RunFlowNode } from '../../graph/flowMapping';
import { useFlowSpecs } from '../../graph/nodeSpecs';
import { ReadOnlyFlow } from '../../graph/ReadOnlyFlow';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { formatTime } from '../../shared/format';
import { VersionNode } from './VersionNode';
import { VersionSidebar } from './VersionSidebar';

const versionNodeTypes: NodeTypes = { run: VersionNode };

function VersionCanvas({ version, onSelect }: { version: PipelineVersion; onSelect: (node: string | null) => void }) {
  const nodes = useMemo(() => toRunFlowNodes(version.graph), [version.graph]);
  const edges = useMemo(() => toFlowEdges(version.graph).map((edge) => ({ ...edge, deletable: false })), [version.graph]);
  const graphs = useMemo(() => [version.graph], [version.graph]);
  const specs = useFlowSpecs(graphs);
  return (
    <div className="canvas version-canvas" data-testid="version-canvas">
      <ReadOnlyFlow<RunFlowNode>
        defaultNodes={nodes}
        defaultEdges={edges}
        nodeTypes={versionNodeTypes}
        maxZoom={1.2}
        padding={0.2}
        elementsSelectable
        onNodeClick={(_event, node) => onSelect(node.id)}
        onPaneClick={() => onSelect(null)}
        miniMap
        specs={specs}
      />
      {version.graph.nodes.length === 0 && <div className="canvas-hint">This version has no nodes</div>}
    </div>
  );
}

export function VersionPage() {
  const { id = '', number = '' } = useParams();
  const version = usePipelineVersion(id, Number(number));
  const pipeline = usePipeline(id);
  const [selected, setSelected] = useState<string | null>(null);
  const draftPath = `/pipelines/${encodeURIComponent(id)}`;

  if (version.isError) {
    return (
      <div className="page">
        <Link to={draftPath} className="muted">
          ← Back to the draft
        </Link>
        <ErrorMessage error={version.error} onRetry={() => void version.refetch()} />
      </div>
    );
  }
  if (!version.data) return <div className="page-loading">Loading version {number}…</div>;

  const data = version.data;
  const name = pipeline.data?.name ?? `pipeline ${id}`;
  return (
    <div className="designer version-view">
      <div className="version-banner" role="status" data-testid="version-banner">
        <span>
          <strong>Read-only:</strong> version {data.number} of <strong>{name}</strong>, frozen {formatTime(data.created_at)}
          {data.created_by ? ` by ${data.created_by}` : ''}. Editing is off; changes go to the draft.
        </span>
        <Link to={draftPath} className="button-link">
          Back to the draft
        </Link>
      </div>
      <div className="designer-body version-body">
        <div className="canvas-area">
          <ReactFlowProvider>
            <VersionCanvas version={data} onSelect={setSelected} />
          </ReactFlowProvider>
        </div>
        <VersionSidebar version={data} selected={selected} />
      </div>
    </div>
  );
}

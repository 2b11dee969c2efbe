/**
 * A node of the run graph: component, node id, ports, and its live status (colour, progress bar,
 * duration with a clock ticking while it runs, where a reused output came from, the dataset or
 * model version a source node used). Memoized; its spec comes from the run graph (graph/nodeSpecs), and it is
 * subscribed to its own node's slices of the live store only (`useLiveNodeSlice`), so an event for
 * one node wakes and re-renders that node alone; only the clock of a running node ticks.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { sameNodeFace } from '../graph/nodeMemo';
import { parseComponentRef, useComponentSpec } from '../api/components';
import type { ComponentSummary } from '../api/models';
import type { RunFlowNode } from '../graph/flowMapping';
import { NodePorts, portsByName } from '../graph/NodePorts';
import { useHandedSpec } from '../graph/nodeSpecs';
import { formatDuration } from '../shared/format';
import { useNow } from './live/clock';
import { useLiveNodeProgress, useLiveNodeSlice, useLiveNodeStatus, useRunLive } from './live/liveStore';
import { SourceBadge } from './SourceBadge';

/** The step's progress; with a label (e.g. "preparing environment") the bar says what it measures. */
function ProgressBar({ current, total, label }: { current: number; total: number; label?: string }) {
  const ratio = total > 0 ? Math.min(1, Math.max(0, current / total)) : 0;
  const bar = (
    <div
      className="pw-progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={current}
      aria-label={label}
      title={label ? `${label} ${Math.round(ratio * 100)} %` : `${current} / ${total}`}
    >
      <div className="pw-progress-fill" style={{ width: `${ratio * 100}%` }} />
    </div>
  );
  if (!label) return bar;
  return (
    <>
      <span className="pw-progress-label">
        {label} {Math.round(ratio * 100)} %
      </span>
      {bar}
    </>
  );
}

function NodeClock({ nodeId, running }: { nodeId: string; running: boolean }) {
  const startedAt = useLiveNodeSlice(useRunLive, nodeId, (node) => node?.started_at ?? null);
  const finishedAt = useLiveNodeSlice(useRunLive, nodeId, (node) => node?.finished_at ?? null);
  const now = useNow(running && !finishedAt);
  if (!startedAt) return null;
  return (
    <span className="pw-node-clock" data-testid={`run-node-clock-${nodeId}`}>
      {formatDuration(startedAt, running ? null : finishedAt, now)}
    </span>
  );
}

function ReusedHint({ nodeId }: { nodeId: string }) {
  const from = useLiveNodeSlice(useRunLive, nodeId, (node) => node?.reused_from?.run ?? null);
  return (
    <span className="pw-node-hint" title="Outputs reused instead of running again">
      {from !== null ? `reused from run ${from}` : 'reused'}
    </span>
  );
}

/** The dataset or model version a source node was bound to, once the run has said. */
function SourceHint({ nodeId }: { nodeId: string }) {
  const source = useLiveNodeSlice(useRunLive, nodeId, (node) => node?.source ?? null);
  if (!source) return null;
  return <SourceBadge source={source} testId={`run-node-source-${nodeId}`} />;
}

type FaceProps = Pick<NodeProps<RunFlowNode>, 'id' | 'data' | 'selected'>;

function RunNodeView({ id, data, selected }: NodeProps<RunFlowNode>) {
  const { spec, lookup } = useHandedSpec(data.component);
  if (lookup) return <UnlistedRunNode id={id} data={data} selected={selected} />;
  return <RunNodeFace id={id} data={data} selected={selected} spec={spec} />;
}

/** A node whose spec the run graph did not hand down: it looks it up itself. */
function UnlistedRunNode({ id, data, selected }: FaceProps) {
  const { spec } = useComponentSpec(data.component);
  return <RunNodeFace id={id} data={data} selected={selected} spec={spec} />;
}

function RunNodeFace({ id, data, selected, spec }: FaceProps & { spec: ComponentSummary | undefined }) {
  const status = useLiveNodeStatus(id);
  const progress = useLiveNodeProgress(id);
  const classes = ['pw-node', 'pw-run-node', `status-${status}`, selected ? 'selected' : ''].filter(Boolean);

  return (
    <div className={classes.join(' ')} data-testid={`run-node-${id}`} data-status={status}>
      <div className="pw-node-header">
        <span className="pw-node-title">{spec?.display_name ?? parseComponentRef(data.component).name}</span>
        <span className="pw-node-id">{id}</span>
      </div>
      <NodePorts
        nodeId={id}
        inputs={spec?.inputs ?? portsByName(data.inputs)}
        outputs={spec?.outputs ?? portsByName(data.outputs)}
        connectable={false}
      />
      <div className="pw-node-status">
        <span className="pw-status-dot" />
        <span data-testid={`run-node-status-${id}`}>{status}</span>
        <SourceHint nodeId={id} />
        {status === 'reused' ? <ReusedHint nodeId={id} /> : <NodeClock nodeId={id} running={status === 'running'} />}
      </div>
      {status === 'running' && progress && (
        <ProgressBar current={progress.current} total={progress.total} label={progress.label} />
      )}
    </div>
  );
}

export const RunNode = memo(RunNodeView, sameNodeFace);

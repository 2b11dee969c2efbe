/**
 * A node's log: the lines fetched over REST when the tab opens, followed by the lines that
 * arrive live, de-duplicated by seq. Sticks to the bottom while the reader is at the bottom.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useNodeLogs } from '../../api/runs';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { mergeLogLines } from '../live/liveState';
import { useLiveLogs } from '../live/liveStore';

export function LogsTab({ runId, nodeId }: { runId: string; nodeId: string }) {
  const fetched = useNodeLogs(runId, nodeId);
  const live = useLiveLogs(nodeId);
  const lines = useMemo(() => mergeLogLines(fetched.data?.lines ?? [], live), [fetched.data, live]);
  const preRef = useRef<HTMLPreElement>(null);
  const atBottom = useRef(true);

  useEffect(() => {
    const pre = preRef.current;
    if (pre && atBottom.current) pre.scrollTop = pre.scrollHeight;
  }, [lines]);

  const onScroll = () => {
    const pre = preRef.current;
    if (pre) atBottom.current = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
  };

  return (
    <div className="logs-tab">
      {fetched.isError && <ErrorMessage error={fetched.error} onRetry={() => void fetched.refetch()} />}
      <pre className="node-logs" data-testid="node-logs" ref={preRef} onScroll={onScroll}>
        {lines.map((line) => (
          <span key={line.seq} className={line.stream === 'stderr' ? 'log-line stderr' : 'log-line'}>
            {line.line}
            {'\n'}
          </span>
        ))}
      </pre>
      {lines.length === 0 && !fetched.isPending && <p className="muted">No log lines yet.</p>}
    </div>
  );
}

/**
 * A node's log: the lines fetched over REST (every page) merged by seq with the lines that
 * arrive live, so none is shown twice or out of order. REST is fetched again whenever a snapshot
 * skips over events (the live store's `logsFrom`), so no line falls between the two. A search box filters the lines.
 * While the step may still log (live), Follow keeps the view at the end as lines arrive, Pause (or
 * scrolling up) holds it still; a finished step's log is whole, so it opens at its start with
 * neither. The executor's `system` lines (start, inputs and outputs with their shapes, timing,
 * peak memory) are shown apart from what the step printed.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNodeLogs } from '../../api/runs';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { isFinalRunStatus, mergeLogLines } from '../live/liveState';
import { useLiveLogs, useLiveNodeStatus, useRunLive } from '../live/liveStore';
import { isNodeDone } from '../live/runProgress';
import { filterLogLines, tailLines } from './logLines';

/** Lines kept in the DOM; older ones stay downloadable over REST. */
const SHOWN_LINES = 5000;

export function LogsTab({ runId, nodeId }: { runId: string; nodeId: string }) {
  const logsFrom = useRunLive((s) => (s.runId === runId ? s.logsFrom : -1));
  const fetched = useNodeLogs(runId, nodeId, logsFrom);
  const liveLines = useLiveLogs(nodeId);
  const [query, setQuery] = useState('');
  const nodeStatus = useLiveNodeStatus(nodeId);
  const runFinal = useRunLive((s) => s.runId === runId && isFinalRunStatus(s.status));
  const stillLogging = !runFinal && !isNodeDone(nodeStatus);
  const [followChoice, setFollowing] = useState(true);
  const following = stillLogging && followChoice;
  const all = useMemo(() => mergeLogLines(fetched.data?.lines ?? [], liveLines), [fetched.data, liveLines]);
  const shown = useMemo(() => tailLines(filterLogLines(all, query), SHOWN_LINES), [all, query]);
  const preRef = useRef<HTMLPreElement>(null);

  useLayoutEffect(() => {
    const pre = preRef.current;
    if (pre && following) pre.scrollTop = pre.scrollHeight;
  }, [shown, following]);

  const onScroll = () => {
    const pre = preRef.current;
    if (pre && following && pre.scrollHeight - pre.scrollTop - pre.clientHeight > 24) setFollowing(false);
  };

  return (
    <div className="logs-tab">
      <div className="logs-toolbar">
        <input
          type="search"
          placeholder="Search log"
          aria-label="Search log"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {stillLogging && (
          <button
            type="button"
            aria-pressed={following}
            data-testid="logs-follow"
            onClick={() => setFollowing((value) => !value)}
            title={following ? 'Stop scrolling to new lines' : 'Scroll to the end as lines arrive'}
          >
            {following ? 'Pause' : 'Follow'}
          </button>
        )}
        <span className="muted" data-testid="logs-count">
          {query ? `${shown.length} of ${all.length} lines` : `${all.length} lines`}
        </span>
      </div>
      {fetched.isError && <ErrorMessage error={fetched.error} onRetry={() => void fetched.refetch()} />}
      <pre className="node-logs" data-testid="node-logs" ref={preRef} onScroll={onScroll}>
        {shown.map((line) => (
          <span key={line.seq} className={`log-line ${line.stream}`}>
            {line.line}
            {'\n'}
          </span>
        ))}
      </pre>
      {all.length === 0 && !fetched.isPending && <p className="muted">{stillLogging ? 'No log lines yet.' : 'This step logged nothing.'}</p>}
    </div>
  );
}

/**
 * Why a node reused an earlier result or ran again: the server's sentence, the run it reused
 * (or compared with), and each part of the cache key that changed.
 */
import { Link } from 'react-router';
import type { NodeRef, ReuseInfo } from '../../api/models';
import { describeReuseChange } from './reuseChanges';

function NodeLink({ label, target }: { label: string; target: NodeRef }) {
  return (
    <p>
      {label}{' '}
      <Link to={`/runs/${target.run}?node=${encodeURIComponent(target.node)}`}>
        run #{target.run}, node {target.node}
      </Link>
    </p>
  );
}

export function ReuseTab({ reuse }: { reuse: ReuseInfo | null | undefined }) {
  if (!reuse) return <p className="muted">Reuse is decided when the node is ready to run.</p>;
  return (
    <div className="reuse-tab" data-testid="node-reuse">
      <p className={reuse.reused ? 'reuse-message reused' : 'reuse-message'}>{reuse.message}</p>
      {reuse.from && <NodeLink label="Outputs from" target={reuse.from} />}
      {reuse.compared_with && <NodeLink label="Compared with" target={reuse.compared_with} />}
      {reuse.changes.length > 0 && (
        <ul className="reuse-changes" data-testid="reuse-changes">
          {reuse.changes.map((change, index) => {
            const text = describeReuseChange(change);
            return (
              <li key={index}>
                <strong>{text.what}</strong>
                {text.before !== undefined && (
                  <>
                    {': '}
                    <code>{text.before}</code> → <code>{text.now}</code>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

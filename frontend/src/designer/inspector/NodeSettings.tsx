/**
 * The node's own settings in the inspector: the compute target it runs on ("pipeline default"
 * = null), whether it may reuse cached results, bypass, and its comment (shown on the node).
 */
import { useComputeTargets } from '../../api/compute';
import type { GraphNode } from '../../api/models';
import { useDocument } from '../document/documentStore';
import { commentOf } from '../../graph/nodeFields';

function ComputeSelect({ node }: { node: GraphNode }) {
  const targets = useComputeTargets();
  const setNodeSettings = useDocument((s) => s.setNodeSettings);
  const names = (targets.data ?? []).map((target) => target.name);
  if (node.compute && !names.includes(node.compute)) names.unshift(node.compute);
  return (
    <select
      id="node-compute"
      data-testid="node-compute"
      value={node.compute ?? ''}
      onChange={(e) => setNodeSettings(node.id, { compute: e.target.value === '' ? null : e.target.value })}
    >
      <option value="">pipeline default</option>
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
          {targets.data && !targets.data.some((target) => target.name === name) ? ' (not registered)' : ''}
        </option>
      ))}
    </select>
  );
}

export function NodeSettings({ node }: { node: GraphNode }) {
  const setNodeSettings = useDocument((s) => s.setNodeSettings);
  return (
    <section className="inspector-section">
      <h3>Node</h3>
      <div className="param-field">
        <label htmlFor="node-compute" className="param-label">
          compute
        </label>
        <ComputeSelect node={node} />
      </div>
      <div className="param-field param-checkbox">
        <input
          id="node-reuse"
          type="checkbox"
          checked={node.reuse}
          onChange={(e) => setNodeSettings(node.id, { reuse: e.target.checked })}
        />
        <label htmlFor="node-reuse" className="param-label">
          reuse cached results
        </label>
      </div>
      <div className="param-field param-checkbox">
        <input
          id="node-disabled"
          type="checkbox"
          data-testid="node-bypass"
          checked={Boolean(node.disabled)}
          onChange={(e) => setNodeSettings(node.id, { disabled: e.target.checked })}
        />
        <label htmlFor="node-disabled" className="param-label">
          bypass (passes nothing on)
        </label>
      </div>
      <div className="param-field">
        <label htmlFor="node-comment" className="param-label">
          comment
        </label>
        <textarea
          id="node-comment"
          data-testid="node-comment"
          rows={2}
          value={commentOf(node)}
          placeholder="A note shown on the node"
          onChange={(e) => setNodeSettings(node.id, { comment: e.target.value })}
        />
      </div>
    </section>
  );
}

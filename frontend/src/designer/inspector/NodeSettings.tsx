/**
 * The node's own settings in the inspector: the compute target it runs on ("pipeline default"
 * = null), its timeout and retries (empty: its component's), whether it may reuse cached
 * results, bypass, and its comment (shown on the node). Timeout and retries are checked with
 * the kernel's bounds (paramCheck.ts NODE_LIMITS); a value that does not fit is not stored.
 */
import { useState } from 'react';
import { useComponentSpec } from '../../api/components';
import { useComputeTargets } from '../../api/compute';
import type { GraphNode } from '../../api/models';
import { useDocument } from '../document/documentStore';
import { checkNodeLimit, NODE_LIMITS } from '../parameters/paramCheck';
import { targetHints } from '../parameters/PipelineSettings';
import { commentOf } from '../../graph/nodeFields';

type LimitKey = keyof typeof NODE_LIMITS;

function LimitField({ node, field, label, inherited }: { node: GraphNode; field: LimitKey; label: string; inherited?: number }) {
  const setNodeSettings = useDocument((s) => s.setNodeSettings);
  const stored = node[field];
  const shown = stored === undefined || stored === null ? '' : String(stored);
  const [text, setText] = useState(shown);
  const [lastSeen, setLastSeen] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  if (shown !== lastSeen) {
    // Changed elsewhere (undo, another field): show the stored value.
    setLastSeen(shown);
    setText(shown);
    setError(null);
  }
  const onText = (next: string) => {
    setText(next);
    const value = next.trim() === '' ? null : Number(next);
    const problem = value === null ? null : checkNodeLimit(field, value);
    setError(problem);
    if (problem) return;
    setLastSeen(value === null ? '' : String(value));
    setNodeSettings(node.id, { [field]: value });
  };
  const { min, max } = NODE_LIMITS[field];
  const id = `node-${field}`;
  return (
    <div className="param-field">
      <label htmlFor={id} className="param-label">
        {label}
      </label>
      <input
        id={id}
        data-testid={id}
        type="number"
        step={1}
        min={min}
        max={max}
        value={text}
        aria-invalid={error ? true : undefined}
        placeholder={inherited === undefined ? 'component default' : `component default: ${inherited}`}
        onChange={(e) => onText(e.target.value)}
      />
      {error && (
        <p className="param-error" role="alert" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function ComputeSelect({ node }: { node: GraphNode }) {
  const targets = useComputeTargets();
  const setNodeSettings = useDocument((s) => s.setNodeSettings);
  const pipelineDefault = useDocument((s) => s.draft?.default_compute ?? 'default');
  const names = (targets.data ?? []).map((target) => target.name);
  if (node.compute && !names.includes(node.compute)) names.unshift(node.compute);
  return (
    <>
      <select
        id="node-compute"
        data-testid="node-compute"
        value={node.compute ?? ''}
        onChange={(e) => setNodeSettings(node.id, { compute: e.target.value === '' ? null : e.target.value })}
      >
        <option value="">pipeline default ({pipelineDefault})</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
            {targets.data && !targets.data.some((target) => target.name === name) ? ' (not registered)' : ''}
          </option>
        ))}
      </select>
      {targetHints(targets.data, [node.compute ?? pipelineDefault]).map((hint) => (
        <p key={hint} className="compute-hint" role="note">
          {hint}
        </p>
      ))}
    </>
  );
}

export function NodeSettings({ node }: { node: GraphNode }) {
  const setNodeSettings = useDocument((s) => s.setNodeSettings);
  const { spec } = useComponentSpec(node.component);
  return (
    <section className="inspector-section">
      <h3>Node</h3>
      <div className="param-field">
        <label htmlFor="node-compute" className="param-label">
          compute
        </label>
        <ComputeSelect node={node} />
      </div>
      <LimitField node={node} field="max_retries" label="retries" inherited={spec?.max_retries} />
      <LimitField node={node} field="timeout" label="timeout (seconds)" inherited={spec?.timeout} />
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

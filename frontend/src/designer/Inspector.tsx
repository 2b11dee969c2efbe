/**
 * The right-hand inspector of the node being inspected: what it is, a form generated from its
 * component's parameters, and the node's own settings (compute, reuse, comment).
 */
import { useComponentSpec } from '../api/components';
import type { GraphNode } from '../api/types';
import { useDocument } from './documentStore';
import { ParamField } from './ParamField';
import { useDesignerView } from './viewStore';

function NodeSettings({ node }: { node: GraphNode }) {
  const setNodeSettings = useDocument((s) => s.setNodeSettings);
  return (
    <section className="inspector-section">
      <h3>Node</h3>
      <div className="param-field">
        <label htmlFor="node-compute" className="param-label">
          compute
        </label>
        <input
          id="node-compute"
          type="text"
          placeholder="pipeline default"
          value={node.compute ?? ''}
          onChange={(e) => setNodeSettings(node.id, { compute: e.target.value.trim() === '' ? null : e.target.value })}
        />
      </div>
      <div className="param-field param-checkbox">
        <label htmlFor="node-reuse" className="param-label">
          reuse cached results
        </label>
        <input
          id="node-reuse"
          type="checkbox"
          checked={node.reuse}
          onChange={(e) => setNodeSettings(node.id, { reuse: e.target.checked })}
        />
      </div>
      <div className="param-field">
        <label htmlFor="node-comment" className="param-label">
          comment
        </label>
        <textarea
          id="node-comment"
          rows={2}
          value={node.comment}
          onChange={(e) => setNodeSettings(node.id, { comment: e.target.value })}
        />
      </div>
    </section>
  );
}

function NodeInspector({ node }: { node: GraphNode }) {
  const { spec, missing } = useComponentSpec(node.component);
  const inspect = useDesignerView((s) => s.inspect);
  const parameters = Object.entries(spec?.parameters ?? {});
  return (
    <div className="inspector" data-testid="inspector">
      <div className="inspector-header">
        <div>
          <h2>{spec?.display_name ?? node.component}</h2>
          <p className="muted">
            {node.id} · {node.component}
          </p>
        </div>
        <button type="button" className="link-button" aria-label="Close inspector" onClick={() => inspect(null)}>
          ×
        </button>
      </div>
      {spec?.description && <p className="inspector-description">{spec.description}</p>}
      {missing && <p className="form-error">This component version is not in the registry.</p>}
      <section className="inspector-section">
        <h3>Parameters</h3>
        {spec && parameters.length === 0 && <p className="muted">This component has no parameters.</p>}
        {parameters.map(([name, paramSpec]) => (
          <ParamField key={`${node.id}:${name}`} nodeId={node.id} name={name} spec={paramSpec} value={node.params[name]} />
        ))}
      </section>
      <NodeSettings node={node} />
    </div>
  );
}

export function Inspector() {
  const inspected = useDesignerView((s) => s.inspected);
  const node = useDocument((s) => (inspected ? s.draft?.graph.nodes.find((n) => n.id === inspected) : undefined));
  if (!node) return null;
  return <NodeInspector key={node.id} node={node} />;
}

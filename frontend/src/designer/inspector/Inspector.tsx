/**
 * The inspector of the node being inspected: what it is and which version, a form generated
 * from its component's parameters (column pickers filled with the columns that reach the
 * node's inputs; a registered dataset's or model's names and versions to pick from), and the
 * node's own settings.
 */
import { useComponentSpec } from '../../api/components';
import type { GraphNode, JsonValue } from '../../api/models';
import { NO_PARAMETERS, useDocument } from '../document/documentStore';
import { conditionalProblems, effectiveValues } from '../parameters/paramCheck';
import { useDesignerView } from '../viewStore';
import { NodeSettings } from './NodeSettings';
import { ParamField } from './ParamField';
import { useNodeColumns } from './useNodeColumns';
import { useSourceChoices } from './useSourceChoices';
import { VersionSelect } from './VersionSelect';
import { paramsOf } from '../../graph/nodeFields';

function NodeInspector({ node }: { node: GraphNode }) {
  const { spec, missing } = useComponentSpec(node.component);
  const inspect = useDesignerView((s) => s.inspect);
  const parameters = Object.entries(spec?.parameters ?? {});
  const wantsColumns = parameters.some(([, param]) => param.type === 'column' || param.type === 'columns');
  const columnsOf = useNodeColumns(node.id, wantsColumns);
  const choices = useSourceChoices(node);
  const pipelineParameters = useDocument((s) => s.draft?.parameters ?? NO_PARAMETERS);
  const defaults = Object.fromEntries(Object.entries(pipelineParameters).map(([name, p]) => [name, p.default as JsonValue]));
  const problems = spec ? conditionalProblems(spec.parameters, effectiveValues(paramsOf(node), spec.parameters, defaults)) : {};
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
      <VersionSelect node={node} />
      <section className="inspector-section">
        <h3>Parameters</h3>
        {spec && parameters.length === 0 && <p className="muted">This component has no parameters.</p>}
        {parameters.map(([name, paramSpec]) => (
          <ParamField
            key={`${node.id}:${name}`}
            nodeId={node.id}
            name={name}
            spec={paramSpec}
            value={paramsOf(node)[name]}
            columns={paramSpec.type === 'column' || paramSpec.type === 'columns' ? columnsOf(paramSpec.input) : undefined}
            choices={name === 'name' || name === 'version' ? choices[name] : undefined}
            problem={problems[name]}
          />
        ))}
      </section>
      <NodeSettings node={node} />
    </div>
  );
}

export function Inspector() {
  const inspected = useDesignerView((s) => s.inspected);
  const node = useDocument((s) => (inspected ? s.draft?.graph.nodes.find((n) => n.id === inspected) : undefined));
  if (!node) {
    return (
      <p className="inspector-empty muted" data-testid="inspector-empty">
        Select a node to see its parameters and settings.
      </p>
    );
  }
  return <NodeInspector key={node.id} node={node} />;
}

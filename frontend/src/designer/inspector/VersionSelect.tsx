/**
 * The node's component version, switchable to any registered version. A switch re-checks the
 * node against the new spec (document/versionSwitch.ts): connections whose port is gone or now
 * has another type are removed, parameter values the new version does not take are dropped, and
 * the notice line lists what changed. The switch is one undoable edit.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { componentDetailPath, componentKeys, parseComponentRef, useComponentDetail } from '../../api/components';
import { http } from '../../api/http';
import type { ComponentSummary, GraphNode } from '../../api/models';
import { describeFailure } from '../../shared/format';
import { portLookup } from '../canvas/portLookup';
import { useDocument } from '../document/documentStore';
import { switchVersion } from '../document/versionSwitch';
import { useFeedback } from '../feedbackStore';
import { useSpecs } from '../specsContext';

export function VersionSelect({ node }: { node: GraphNode }) {
  const { name, version } = parseComponentRef(node.component);
  const detail = useComponentDetail(name);
  const queryClient = useQueryClient();
  const specs = useSpecs();
  const [switching, setSwitching] = useState(false);
  const versions = detail.data?.versions?.length ? detail.data.versions : [version];
  const options = versions.includes(version) ? versions : [version, ...versions];

  const switchTo = async (next: string) => {
    if (next === version) return;
    setSwitching(true);
    const feedback = useFeedback.getState();
    try {
      const spec = await queryClient.fetchQuery({
        queryKey: componentKeys.version(name, next),
        queryFn: ({ signal }) => http.get<ComponentSummary>(componentDetailPath(name, next), signal),
        staleTime: Infinity,
      });
      let changes: string[] = [];
      useDocument.getState().edit((doc) => {
        const ports = portLookup(doc.graph, specs);
        const result = switchVersion(doc.graph, node.id, next, spec, (nodeId, side, port) => {
          const other = ports(nodeId);
          return (side === 'in' ? other?.inputs[port] : other?.outputs[port])?.type;
        });
        changes = result.changes;
        return result.graph === doc.graph ? doc : { ...doc, graph: result.graph };
      });
      const summary = changes.length > 0 ? ` ${changes.join('; ')}.` : ' Nothing else changed.';
      feedback.notify(`${node.id} now uses ${name}@${next}.${summary}`, changes.length > 0 ? 'info' : 'success');
    } catch (error) {
      feedback.notify(`Could not switch to ${name}@${next}: ${describeFailure(error)}`, 'error');
    } finally {
      setSwitching(false);
    }
  };

  return (
    <div className="param-field version-field">
      <label htmlFor={`version-${node.id}`} className="param-label">
        version
      </label>
      <select
        id={`version-${node.id}`}
        data-testid="node-version"
        value={version}
        disabled={switching}
        onChange={(e) => void switchTo(e.target.value)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
            {option === versions[0] ? ' (latest)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

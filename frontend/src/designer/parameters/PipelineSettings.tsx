/**
 * The pipeline's own settings: the default compute target, used by every node that names none
 * (a node's "pipeline default"). One undoable document edit, saved with the draft. A target
 * whose workers do not match its declaration (a GPU target served on CPU) says so here.
 */
import { useComputeTargets, type ComputeTarget } from '../../api/compute';
import { useDocument } from '../document/documentStore';

/** The hints of the named targets that have any, for showing next to a choice of target. */
export function targetHints(targets: readonly ComputeTarget[] | undefined, names: Iterable<string>): string[] {
  const wanted = new Set(names);
  return (targets ?? []).filter((target) => wanted.has(target.name)).flatMap((target) => target.hints ?? []);
}

export function PipelineSettings() {
  const targets = useComputeTargets();
  const current = useDocument((s) => s.draft?.default_compute ?? 'default');
  const edit = useDocument((s) => s.edit);
  const names = (targets.data ?? []).map((target) => target.name);
  if (!names.includes(current)) names.unshift(current);
  const registered = (name: string) => !targets.data || targets.data.some((target) => target.name === name);
  return (
    <section className="pipeline-settings" data-testid="pipeline-settings">
      <h2>Pipeline settings</h2>
      <div className="param-field">
        <label htmlFor="pipeline-default-compute" className="param-label">
          default compute
        </label>
        <select
          id="pipeline-default-compute"
          data-testid="pipeline-default-compute"
          value={current}
          onChange={(e) => {
            const value = e.target.value;
            edit((doc) => ((doc.default_compute ?? 'default') === value ? doc : { ...doc, default_compute: value }));
          }}
        >
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
              {registered(name) ? '' : ' (not registered)'}
            </option>
          ))}
        </select>
        <p className="param-help muted">Nodes whose compute is “pipeline default” run here.</p>
        {targetHints(targets.data, [current]).map((hint) => (
          <p key={hint} className="compute-hint" role="note">
            {hint}
          </p>
        ))}
      </div>
    </section>
  );
}

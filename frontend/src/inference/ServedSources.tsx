/**
 * What a deployment serves, by the stored models (and datasets) it pinned when deployed: a run's
 * trained output, a registered model version, a dataset version — each linking to its page,
 * with the start of its digest.
 */
import { Link } from 'react-router';
import type { Deployment, ServedSource } from '../api/models';
import { datasetPagePath, modelPagePath } from '../shared/catalogPaths';

/** A Run Output's name is "<run>/<node>/<port>". */
function RunOutput({ source }: { source: ServedSource }) {
  const [run, node, port] = source.name.split('/');
  return (
    <Link to={`/runs/${encodeURIComponent(run ?? '')}?node=${encodeURIComponent(node ?? '')}`}>
      run #{run} · {node}.{port}
    </Link>
  );
}

function SourceLink({ source }: { source: ServedSource }) {
  if (source.kind === 'run_output') return <RunOutput source={source} />;
  if (source.kind === 'model') return <Link to={modelPagePath(source.name, source.version)}>model {source.name} v{source.version}</Link>;
  if (source.kind === 'dataset') return <Link to={datasetPagePath(source.name, source.version)}>dataset {source.name} v{source.version}</Link>;
  return (
    <span>
      {source.kind} {source.name} v{source.version}
    </span>
  );
}

export function ServedSources({ sources }: { sources: readonly ServedSource[] }) {
  if (sources.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="served-sources">
      {sources.map((source) => (
        <li key={`${source.node}-${source.digest}`}>
          <SourceLink source={source} />{' '}
          <code className="muted digest" title={`digest ${source.digest}`}>
            {source.digest.slice(0, 8)}
          </code>
        </li>
      ))}
    </ul>
  );
}

/** The pipeline version or model version a deployment was made from. */
export function DeploymentTarget({ deployment }: { deployment: Pick<Deployment, 'pipeline' | 'pipeline_version' | 'model'> }) {
  if (deployment.pipeline != null && deployment.pipeline_version != null) {
    return (
      <Link to={`/pipelines/${deployment.pipeline}/versions/${deployment.pipeline_version}`} title="Open this pipeline version read-only">
        pipeline {deployment.pipeline} · v{deployment.pipeline_version}
      </Link>
    );
  }
  if (deployment.model) {
    return <Link to={modelPagePath(deployment.model.name, deployment.model.version)}>model {deployment.model.name} v{deployment.model.version}</Link>;
  }
  return <span className="muted">—</span>;
}

/**
 * A node's outputs: per port, the artifact's metadata and a download link; for a dataframe the
 * first rows and column statistics, for a model its summary, for JSON its content as a tree; once
 * the node has finished, a button that registers a model output as a model version, a dataframe
 * as a dataset version.
 */
import { artifactDownloadUrl, useArtifact, useArtifactPreview } from '../../api/artifacts';
import type { EntityId } from '../../api/models';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { formatBytes } from '../../shared/format';
import { JsonView } from './JsonView';
import { ModelSummaryView } from './ModelSummaryView';
import { PreviewGrid } from './PreviewGrid';
import { RegisterOutput, type RegisterTarget } from './RegisterOutput';
import { ProfileView } from './ProfileView';

function PreviewTable({ artifactId, port }: { artifactId: EntityId; port: string }) {
  const preview = useArtifactPreview(artifactId, true);
  if (preview.isPending) return <p className="muted">Loading preview…</p>;
  if (preview.isError) return <ErrorMessage error={preview.error} />;
  return <PreviewGrid preview={preview.data} testId={`preview-${port}`} />;
}

function OutputPort({ port, artifactId, register }: { port: string; artifactId: EntityId; register?: RegisterTarget }) {
  const artifact = useArtifact(artifactId);
  const kind = artifact.data?.kind;
  const registerAs = kind === 'model' ? 'model' : kind === 'dataframe' ? 'dataset' : null;
  return (
    <section className="output-port" data-testid={`output-${port}`}>
      <h3>
        {port}
        {artifact.data && <span className="muted"> · {artifact.data.kind}</span>}
      </h3>
      {artifact.isError && <ErrorMessage error={artifact.error} />}
      {artifact.data && (
        <p className="muted artifact-meta">
          {formatBytes(artifact.data.size)}
          {artifact.data.row_count != null && ` · ${artifact.data.row_count} rows`}
          {' · '}
          <span title={artifact.data.digest}>{artifact.data.digest.slice(0, 19)}</span>
        </p>
      )}
      <a href={artifactDownloadUrl(artifactId)} download>
        Download
      </a>
      {register && registerAs && <RegisterOutput kind={registerAs} port={port} target={register} />}
      {artifact.data?.kind === 'dataframe' && (
        <>
          <PreviewTable artifactId={artifactId} port={port} />
          <ProfileView artifactId={artifactId} port={port} />
        </>
      )}
      {artifact.data?.kind === 'json' && <JsonView artifactId={artifactId} port={port} />}
      {artifact.data?.kind === 'model' && artifact.data.summary && (
        <ModelSummaryView summary={artifact.data.summary} port={port} />
      )}
    </section>
  );
}

interface OutputsTabProps {
  outputs: Readonly<Record<string, EntityId | null>>;
  /** The node run the outputs belong to, once it has finished: its outputs may be registered. */
  register?: Omit<RegisterTarget, 'ports'>;
}

export function OutputsTab({ outputs, register }: OutputsTabProps) {
  const entries = Object.entries(outputs).filter((entry): entry is [string, EntityId] => entry[1] != null);
  if (entries.length === 0) return <p className="muted">No outputs yet.</p>;
  const target = register && { ...register, ports: entries.length };
  return (
    <div className="outputs-tab">
      {entries.map(([port, artifactId]) => (
        <OutputPort key={port} port={port} artifactId={artifactId} register={target} />
      ))}
    </div>
  );
}

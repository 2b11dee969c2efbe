/**
 * A node's outputs: per port, the artifact's metadata and a download link; for a dataframe the
 * first rows and column statistics, for a model its summary.
 */
import { artifactDownloadUrl, useArtifact, useArtifactPreview } from '../../api/artifacts';
import type { EntityId } from '../../api/models';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { formatBytes } from '../../shared/format';
import { ModelSummaryView } from './ModelSummaryView';
import { PreviewGrid } from './PreviewGrid';
import { ProfileView } from './ProfileView';

function PreviewTable({ artifactId, port }: { artifactId: EntityId; port: string }) {
  const preview = useArtifactPreview(artifactId, true);
  if (preview.isPending) return <p className="muted">Loading preview…</p>;
  if (preview.isError) return <ErrorMessage error={preview.error} />;
  return <PreviewGrid preview={preview.data} testId={`preview-${port}`} />;
}

function OutputPort({ port, artifactId }: { port: string; artifactId: EntityId }) {
  const artifact = useArtifact(artifactId);
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
      {artifact.data?.kind === 'dataframe' && (
        <>
          <PreviewTable artifactId={artifactId} port={port} />
          <ProfileView artifactId={artifactId} port={port} />
        </>
      )}
      {artifact.data?.kind === 'model' && artifact.data.summary && (
        <ModelSummaryView summary={artifact.data.summary} port={port} />
      )}
    </section>
  );
}

export function OutputsTab({ outputs }: { outputs: Readonly<Record<string, EntityId | null>> }) {
  const entries = Object.entries(outputs).filter((entry): entry is [string, EntityId] => entry[1] != null);
  if (entries.length === 0) return <p className="muted">No outputs yet.</p>;
  return (
    <div className="outputs-tab">
      {entries.map(([port, artifactId]) => (
        <OutputPort key={port} port={port} artifactId={artifactId} />
      ))}
    </div>
  );
}

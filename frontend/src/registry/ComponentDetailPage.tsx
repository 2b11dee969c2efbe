/**
 * /registry/:name and /registry/:name/:version: one component version — what it does, its
 * ports, parameters and code, its other versions, and the pipelines that use it.
 */
import './registry.css';
import { Link, useNavigate, useParams } from 'react-router';
import { useComponentDetail, type ComponentDetail } from '../api/components';
import { isApiError } from '../api/http';
import { ErrorMessage } from '../shared/ErrorMessage';
import { componentPagePath } from './ComponentCard';
import { MarkdownView, withoutLeadingTitle } from './MarkdownView';
import { SourceFiles } from './SourceFiles';
import { ParametersTable, PortsTable } from './SpecTables';
import { UsedBy } from './UsedBy';
import { YankControl } from './YankControl';

function VersionSelect({ component }: { component: ComponentDetail }) {
  const navigate = useNavigate();
  const versions = component.versions.length > 0 ? component.versions : [component.version];
  return (
    <label className="version-select">
      <span className="muted">Version</span>
      <select
        aria-label="Version"
        value={component.version}
        onChange={(event) => navigate(componentPagePath(component.name, event.target.value))}
      >
        {versions.map((version, index) => (
          <option key={version} value={version}>
            {index === 0 ? `${version} (latest)` : version}
          </option>
        ))}
      </select>
    </label>
  );
}

function DetailHeader({ component }: { component: ComponentDetail }) {
  return (
    <div className="detail-header">
      <div>
        <h1>{component.display_name || component.name}</h1>
        <p className="detail-meta">
          <code data-testid="component-ref">
            {component.name}@{component.version}
          </code>
          <span className="detail-category">{component.category}</span>
          <span className="muted">compute: {component.compute}</span>
          {!component.deterministic && <span className="muted">not deterministic: never reused</span>}
        </p>
      </div>
      <VersionSelect component={component} />
    </div>
  );
}

function DetailBody({ component }: { component: ComponentDetail }) {
  return (
    <>
      <DetailHeader component={component} />
      <YankControl component={component} />
      <section className="detail-section" aria-labelledby="about-heading">
        <h2 id="about-heading">About</h2>
        {component.description ? (
          <MarkdownView text={component.description} className="detail-description" />
        ) : (
          <p className="muted">No description.</p>
        )}
        {component.readme && (
          <MarkdownView
            text={withoutLeadingTitle(component.readme, component.display_name || component.name)}
            className="detail-readme"
            headingOffset={2}
          />
        )}
      </section>
      <PortsTable inputs={component.inputs} outputs={component.outputs} />
      <ParametersTable parameters={component.parameters} />
      <SourceFiles files={component.source ?? []} python={component.python} command={component.command} />
      <UsedBy pipelines={component.used_by} />
    </>
  );
}

export function ComponentDetailPage() {
  const { name = '', version } = useParams();
  const detail = useComponentDetail(name, version);

  return (
    <div className="page registry-detail">
      <Link to="/registry" className="back-link">
        ← Registry
      </Link>
      {detail.isPending && <p className="page-loading">Loading {version ? `${name}@${version}` : name}…</p>}
      {detail.isError &&
        (isApiError(detail.error) && detail.error.status === 404 ? (
          <div className="empty-state">
            <p>{detail.error.message}</p>
            <Link to="/registry">Back to the registry</Link>
          </div>
        ) : (
          <ErrorMessage error={detail.error} onRetry={() => void detail.refetch()} />
        ))}
      {detail.data && <DetailBody component={detail.data} />}
    </div>
  );
}

/** One search result of the registry: what the component is, and its ports at a glance. */
import { Link } from 'react-router';
import type { ComponentSummary } from '../api/models';
import { PortBadges } from './PortBadges';

export function componentPagePath(name: string, version?: string): string {
  const base = `/registry/${encodeURIComponent(name)}`;
  return version ? `${base}/${encodeURIComponent(version)}` : base;
}

export function ComponentCard({ component }: { component: ComponentSummary }) {
  return (
    <article className="registry-card" data-testid={`registry-card-${component.name}`}>
      <header className="registry-card-header">
        <h3>
          <Link to={componentPagePath(component.name)}>{component.display_name || component.name}</Link>
        </h3>
        <code className="muted">
          {component.name}@{component.version}
        </code>
      </header>
      <div className="registry-card-category">{component.category}</div>
      {component.description && <p className="registry-card-description">{component.description}</p>}
      <PortBadges inputs={component.inputs} outputs={component.outputs} />
    </article>
  );
}

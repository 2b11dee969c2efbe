/**
 * The component cards matching the filters, with loading, error and empty states. Browsing
 * (no search text), they come under their category and sub-category; a search lists them best
 * match first, as the server ranks them.
 */
import type { useComponentSearch } from '../api/components';
import { componentRef } from '../api/components';
import type { ComponentSummary } from '../api/models';
import { groupBySubcategory } from '../shared/subcategories';
import { ErrorMessage } from '../shared/ErrorMessage';
import { ComponentCard } from './ComponentCard';

interface Props {
  results: ReturnType<typeof useComponentSearch>;
  filtered: boolean;
  /** Under category and sub-category headings, rather than in the server's (ranked) order. */
  grouped?: boolean;
  onClear: () => void;
}

function Cards({ components }: { components: readonly ComponentSummary[] }) {
  return (
    <div className="registry-grid">
      {components.map((component) => (
        <ComponentCard key={componentRef(component)} component={component} />
      ))}
    </div>
  );
}

function GroupedCards({ components }: { components: readonly ComponentSummary[] }) {
  return (
    <>
      {groupBySubcategory(components).map((group) => (
        <section key={group.category} className="registry-group" data-testid={`registry-group-${group.category}`}>
          <h2>{group.category}</h2>
          {group.subgroups.map((sub) => (
            <section key={sub.name} className="registry-subgroup" data-testid={`registry-subgroup-${group.category}-${sub.name || 'other'}`}>
              {group.subgroups.length > 1 || sub.name ? <h3>{sub.name || 'Other'}</h3> : null}
              <Cards components={sub.components} />
            </section>
          ))}
        </section>
      ))}
    </>
  );
}

export function RegistryResults({ results, filtered, grouped = false, onClear }: Props) {
  if (results.isPending) return <p className="page-loading">Loading components…</p>;
  if (results.isError) return <ErrorMessage error={results.error} onRetry={() => void results.refetch()} />;

  const found = results.data;
  if (found.length === 0) {
    return filtered ? (
      <div className="empty-state">
        <p>No component matches these filters.</p>
        <button type="button" onClick={onClear}>
          Clear filters
        </button>
      </div>
    ) : (
      <div className="empty-state">
        <p>The registry is empty. Register a component from a .zip of its folder to get started.</p>
      </div>
    );
  }

  return (
    <>
      <p className="muted registry-count" aria-live="polite">
        {found.length === 1 ? '1 component' : `${found.length} components`}
        {results.isPlaceholderData && ' (updating…)'}
      </p>
      {grouped ? <GroupedCards components={found} /> : <Cards components={found} />}
    </>
  );
}

/** The component cards matching the filters, a page at a time, with loading, error and empty states. */
import type { useComponentSearch } from '../api/components';
import { componentRef } from '../api/components';
import { ErrorMessage } from '../shared/ErrorMessage';
import { LoadMore } from '../shared/LoadMore';
import { ComponentCard } from './ComponentCard';

interface Props {
  results: ReturnType<typeof useComponentSearch>;
  filtered: boolean;
  onClear: () => void;
}

export function RegistryResults({ results, filtered, onClear }: Props) {
  if (results.isPending) return <p className="page-loading">Loading components…</p>;
  if (results.isError) return <ErrorMessage error={results.error} onRetry={() => void results.refetch()} />;

  const found = results.items;
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
        {found.length === 1 && !results.hasMore ? '1 component' : `${found.length}${results.hasMore ? '+' : ''} components`}
        {results.isPlaceholderData && ' (updating…)'}
      </p>
      <div className="registry-grid">
        {found.map((component) => (
          <ComponentCard key={componentRef(component)} component={component} />
        ))}
      </div>
      <LoadMore
        hasMore={results.hasMore}
        loading={results.loadingMore}
        onLoadMore={results.loadMore}
        shown={found.length}
        noun="components"
        testId="registry-load-more"
      />
    </>
  );
}

/**
 * The foot of a paged list: loads the next page when it scrolls into view (infinite scroll) and
 * offers a "Load more" button for keyboards, or where scrolling cannot reach it.
 */
import { useEffect, useRef } from 'react';

interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  /** How many rows are shown, to say so beside the button. */
  shown: number;
  noun?: string;
  testId?: string;
}

export function LoadMore({ hasMore, loading, onLoadMore, shown, noun = 'items', testId = 'load-more' }: LoadMoreProps) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onLoadMore();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, onLoadMore]);

  if (!hasMore) {
    // A list of one row needs no word that it is whole (nor "All 1 pipelines").
    return shown > 1 ? <p className="muted load-more-end">All {shown} {noun} shown.</p> : null;
  }
  return (
    <div className="load-more" ref={sentinel}>
      <button type="button" onClick={onLoadMore} disabled={loading} data-testid={testId}>
        {loading ? 'Loading…' : 'Load more'}
      </button>
      <span className="muted">{shown} {noun} shown</span>
    </div>
  );
}

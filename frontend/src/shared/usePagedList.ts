/**
 * One list shown a page at a time, for "Load more" and infinite scroll: TanStack Query's
 * infinite query over a cursor-paged list (either shape `fetchPage` reads). The pages stay in
 * the cache under the caller's key, so feed updates can be folded into them (`mapPagedItems`).
 * It knows no endpoint: the resource modules pass path, query and key.
 */
import { keepPreviousData, useInfiniteQuery, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { fetchPage, type Page, type Query } from '../api/http';

/** What the server gives when no `limit` is sent. */
export const DEFAULT_PAGE_SIZE = 50;

export type PagedData<T> = InfiniteData<Page<T>, string | null>;

export interface PagedListOptions {
  queryKey: QueryKey;
  path: string;
  query?: Query;
  /** Items per page; the server's default (50) when not given, and then no `limit` is sent. */
  pageSize?: number;
  enabled?: boolean;
}

export function usePagedList<T>({ queryKey, path, query = {}, pageSize, enabled = true }: PagedListOptions) {
  const result = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage<T>(path, { ...query, limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<T>) => last.next,
    // A new search or filter keeps the old rows on screen until its first page arrives.
    placeholderData: keepPreviousData,
    enabled,
  });
  const { data, hasNextPage, isFetchingNextPage, fetchNextPage } = result;
  const items = useMemo(() => pagedItems<T>(data as PagedData<T> | undefined), [data]);
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return { ...result, items, hasMore: hasNextPage, loadingMore: isFetchingNextPage, loadMore };
}

/** Every item of the pages fetched so far, in order (a row met twice is kept once). */
export function pagedItems<T>(data: PagedData<T> | undefined, keyOf: (item: T) => unknown = itemKey): T[] {
  if (!data) return [];
  const seen = new Set<unknown>();
  const items: T[] = [];
  for (const page of data.pages) {
    for (const item of page.results) {
      const key = keyOf(item);
      if (key !== undefined && seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
  }
  return items;
}

function itemKey(item: unknown): unknown {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  return record.id ?? record.name ?? undefined;
}

/**
 * The cached pages with `change` applied to the first page's items and `update` to each other
 * page's (a new item goes at the top of the first page; an update lands wherever its row is).
 * Returns the same object when nothing changed.
 */
export function mapPagedItems<T>(
  data: PagedData<T> | undefined,
  change: (items: readonly T[], first: boolean) => readonly T[],
): PagedData<T> | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page, index) => {
    const results = change(page.results, index === 0);
    if (results === page.results) return page;
    changed = true;
    return { ...page, results: [...results] };
  });
  return changed ? { ...data, pages } : data;
}

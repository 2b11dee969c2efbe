import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../test/fetchRoutes';
import { testQueryClient } from '../test/render';
import { mapPagedItems, pagedItems, usePagedList, type PagedData } from './usePagedList';

interface Row {
  id: number;
}

const rows = (...ids: number[]): Row[] => ids.map((id) => ({ id }));

function arrayPage(items: Row[], next?: string): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (next) headers['X-Next-Cursor'] = next;
  return new Response(JSON.stringify(items), { status: 200, headers });
}

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={testQueryClient()}>{children}</QueryClientProvider>;
}

afterEach(() => vi.unstubAllGlobals());

describe('usePagedList', () => {
  it('follows X-Next-Cursor of a bare-array list, page by page, keeping the query', async () => {
    const { calls } = stubFetch({
      'GET /api/runs/?status=failed': () => arrayPage(rows(5, 4), 'c2'),
      'GET /api/runs/?status=failed&cursor=c2': () => arrayPage(rows(3, 2), 'c3'),
      'GET /api/runs/?status=failed&cursor=c3': () => arrayPage(rows(1)),
    });
    const { result } = renderHook(
      () => usePagedList<Row>({ queryKey: ['runs', 'failed'], path: '/api/runs/', query: { status: 'failed' } }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.items).toEqual(rows(5, 4)));
    expect(result.current.hasMore).toBe(true);

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toEqual(rows(5, 4, 3, 2)));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.hasMore).toBe(false));
    expect(result.current.items).toEqual(rows(5, 4, 3, 2, 1));
    expect(calls.map((call) => `${call.url.pathname}${call.url.search}`)).toEqual([
      '/api/runs/?status=failed',
      '/api/runs/?status=failed&cursor=c2',
      '/api/runs/?status=failed&cursor=c3',
    ]);

    // Nothing more to load: asking again sends nothing.
    act(() => result.current.loadMore());
    expect(calls).toHaveLength(3);
  });

  it('reads {results, next} lists the same way, and sends limit only when asked', async () => {
    const { calls } = stubFetch({
      'GET /api/models/?limit=2': () => new Response(JSON.stringify({ results: rows(1, 2), next: 'n' })),
      'GET /api/models/?limit=2&cursor=n': () => new Response(JSON.stringify({ results: rows(3), next: null })),
    });
    const { result } = renderHook(() => usePagedList<Row>({ queryKey: ['models'], path: '/api/models/', pageSize: 2 }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.hasMore).toBe(true));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toEqual(rows(1, 2, 3)));
    expect(result.current.hasMore).toBe(false);
    expect(calls).toHaveLength(2);
  });
});

describe('paged cache helpers', () => {
  const data: PagedData<Row> = { pages: [{ results: rows(3, 2), next: 'a' }, { results: rows(2, 1), next: null }], pageParams: [null, 'a'] };

  it('lists each row once, in page order', () => {
    expect(pagedItems(data)).toEqual(rows(3, 2, 1));
    expect(pagedItems(undefined)).toEqual([]);
  });

  it('changes only the pages whose rows change, and gives the same object back when none do', () => {
    expect(mapPagedItems(data, (items) => items)).toBe(data);
    const added = mapPagedItems(data, (items, first) => (first ? [{ id: 4 }, ...items] : items))!;
    expect(pagedItems(added)).toEqual(rows(4, 3, 2, 1));
    expect(added.pages[1]).toBe(data.pages[1]);
  });
});

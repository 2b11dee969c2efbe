/**
 * Component registry resource: the palette list and exact component versions by "name@version".
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { http, unwrapList } from './http';
import type { ComponentSummary, ListBody } from './types';

export const componentKeys = {
  all: ['components'] as const,
  list: () => [...componentKeys.all, 'list'] as const,
  version: (name: string, version: string) => [...componentKeys.all, name, 'versions', version] as const,
};

export interface ComponentRef {
  name: string;
  version: string;
}

export function parseComponentRef(ref: string): ComponentRef {
  const at = ref.lastIndexOf('@');
  return at < 0 ? { name: ref, version: '' } : { name: ref.slice(0, at), version: ref.slice(at + 1) };
}

export function componentRef(component: Pick<ComponentSummary, 'name' | 'version'>): string {
  return `${component.name}@${component.version}`;
}

const REGISTRY_STALE_MS = 5 * 60_000;

export function useComponents() {
  return useQuery({
    queryKey: componentKeys.list(),
    queryFn: async ({ signal }) =>
      unwrapList(await http.get<ListBody<ComponentSummary>>('/api/components/', signal)),
    staleTime: REGISTRY_STALE_MS,
  });
}

function versionQuery(ref: ComponentRef, enabled: boolean) {
  return {
    queryKey: componentKeys.version(ref.name, ref.version),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      http.get<ComponentSummary>(
        `/api/components/${encodeURIComponent(ref.name)}/versions/${encodeURIComponent(ref.version)}/`,
        signal,
      ),
    // name@version is immutable once registered.
    staleTime: Infinity,
    enabled,
  };
}

/** Specs for the given refs: from the latest-versions list when it matches, else fetched exactly. */
export function useComponentSpecs(refs: readonly string[]): ReadonlyMap<string, ComponentSummary> {
  const list = useComponents();
  const unique = useMemo(() => [...new Set(refs)].sort(), [refs]);
  const listed = useMemo(() => {
    const byRef = new Map<string, ComponentSummary>();
    for (const component of list.data ?? []) byRef.set(componentRef(component), component);
    return byRef;
  }, [list.data]);
  const missing = list.data ? unique.filter((ref) => !listed.has(ref)) : [];
  const exact = useQueries({
    queries: missing.map((ref) => versionQuery(parseComponentRef(ref), parseComponentRef(ref).version !== '')),
    combine: loadedSpecs,
  });
  return useMemo(() => {
    const specs = new Map<string, ComponentSummary>();
    for (const ref of unique) {
      const spec = listed.get(ref);
      if (spec) specs.set(ref, spec);
    }
    for (const spec of exact) specs.set(componentRef(spec), spec);
    return specs;
  }, [unique, listed, exact]);
}

// Module scope so TanStack Query keeps the combined array stable while no result changes.
function loadedSpecs(results: { data?: ComponentSummary }[]): ComponentSummary[] {
  return results.flatMap((result) => (result.data ? [result.data] : []));
}

export interface SpecLookup {
  spec: ComponentSummary | undefined;
  /** The registry answered and has no such component version. */
  missing: boolean;
}

/** One component version, for a single node (each node subscribes to its own spec only). */
export function useComponentSpec(ref: string): SpecLookup {
  const parsed = parseComponentRef(ref);
  const list = useComponents();
  const listed = list.data?.find((c) => c.name === parsed.name && c.version === parsed.version);
  const exact = useQuery(versionQuery(parsed, Boolean(list.data) && !listed && parsed.version !== ''));
  const spec = listed ?? exact.data;
  const missing = !spec && Boolean(list.data) && (parsed.version === '' || exact.isError);
  return { spec, missing };
}

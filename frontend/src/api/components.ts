/**
 * Component registry resource: the palette list, exact component versions by "name@version",
 * and for the registry page the filtered search, categories, details and registering an archive.
 * Query keys, fetches and hooks only; no rendering and no page state.
 */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError, fetchAllPages, http, readCookie, withQuery } from './http';
import { usePagedList } from '../shared/usePagedList';
import type { components } from './schema';
import type { ComponentSummary, PortType } from './models';
import type { ApiErrorBody, Query } from './http';
import { workspaceHeaders } from './workspace';

export type PortDirection = 'in' | 'out';

/** What the registry list can be narrowed by; empty strings mean "any". */
export interface ComponentFilters {
  search: string;
  category: string;
  /** A group within the category (Classification, say); only with a category. */
  subcategory?: string;
  port_type: PortType | '';
  direction: PortDirection | '';
}

type Schemas = components['schemas'];

/** GET /api/components/categories/ items. */
export type CategoryCount = Schemas['Category'];

/** One code file of a component folder, as the detail endpoint returns it. */
export type SourceFile = Schemas['SourceFile'];

/** A pipeline whose graph pins this component version, and the nodes that do. */
export type UsedByPipeline = Schemas['UsedBy'];

/** GET /api/components/{name}/ and .../versions/{version}/: the spec with its readme, code and users. */
export type ComponentDetail = Schemas['ComponentDetail'];

/** One problem of a rejected component.yaml (400 `errors`). `field` is a dotted path, maybe "". */
export interface SpecIssue {
  file?: string;
  field: string;
  message: string;
}

export const componentKeys = {
  all: ['components'] as const,
  list: () => [...componentKeys.all, 'list'] as const,
  version: (name: string, version: string) => [...componentKeys.all, name, 'versions', version] as const,
  search: (filters: ComponentFilters) => [...componentKeys.all, 'search', filters] as const,
  categories: () => [...componentKeys.all, 'categories'] as const,
  detail: (name: string, version?: string) => [...componentKeys.all, 'detail', name, version ?? 'latest'] as const,
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
    queryFn: ({ signal }) => fetchAllPages<ComponentSummary>('/api/components/', {}, signal),
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

// ---------------------------------------------------------------------------------------------
// Registry page

/** The query of GET /api/components/ for these filters; a direction only goes with a type. */
export function componentListQuery(filters: ComponentFilters): Query {
  return {
    search: filters.search.trim(),
    category: filters.category,
    subcategory: filters.category ? filters.subcategory : '',
    port_type: filters.port_type,
    direction: filters.port_type ? filters.direction : '',
  };
}

export function componentListPath(filters: ComponentFilters): string {
  return withQuery('/api/components/', componentListQuery(filters));
}

/** The registry page's results, a page at a time (typing keeps the old rows until the new arrive). */
export function useComponentSearch(filters: ComponentFilters) {
  return usePagedList<ComponentSummary>({
    queryKey: componentKeys.search(filters),
    path: '/api/components/',
    query: componentListQuery(filters),
  });
}

export function useCategories() {
  return useQuery({
    queryKey: componentKeys.categories(),
    queryFn: ({ signal }) => fetchAllPages<CategoryCount>('/api/components/categories/', {}, signal),
  });
}

export function componentDetailPath(name: string, version?: string): string {
  const base = `/api/components/${encodeURIComponent(name)}/`;
  return version ? `${base}versions/${encodeURIComponent(version)}/` : base;
}

/** One component with docs, source and users; the latest version when none is given. */
export function useComponentDetail(name: string, version?: string) {
  return useQuery({
    queryKey: componentKeys.detail(name, version),
    queryFn: ({ signal }) => http.get<ComponentDetail>(componentDetailPath(name, version), signal),
  });
}

/**
 * POST /api/components/ with the zip as multipart field `archive`. The shared JSON wrapper can't
 * send a form, so this does the same things it does (CSRF header, cookie, ApiError) for one.
 */
export async function registerArchive(archive: File): Promise<ComponentDetail> {
  const form = new FormData();
  form.append('archive', archive, archive.name);
  const headers: Record<string, string> = { Accept: 'application/json', ...workspaceHeaders() };
  const token = readCookie('csrftoken');
  if (token) headers['X-CSRFToken'] = token;
  let response: Response;
  try {
    response = await fetch('/api/components/', { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, {}, 'Cannot reach the server. Check that Pipewright is running.');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = { message: text.slice(0, 500) };
  }
  if (!response.ok) {
    const errorBody = body && typeof body === 'object' ? (body as ApiErrorBody) : {};
    throw new ApiError(response.status, errorBody, `${response.status} ${response.statusText}`.trim());
  }
  return body as ComponentDetail;
}

export function useRegisterComponent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerArchive,
    // The palette, the search results and the counts may all change.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: componentKeys.all }),
  });
}

/**
 * /registry: browse the component registry by category, text and port, register new
 * components, and import Azure ML or Kubeflow YAML. The filters live in the URL; the server does
 * the matching.
 */
import './registry.css';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useComponentSearch, type ComponentFilters } from '../api/components';
import { CategorySidebar } from './CategorySidebar';
import { ImportDropZone } from './ImportDropZone';
import { RegisterDialog } from './RegisterDialog';
import { RegistryResults } from './RegistryResults';
import { RegistryToolbar } from './RegistryToolbar';
import { NO_FILTERS, filtersFromParams, filtersToParams, hasFilters } from './registryFilters';

export function RegistryPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const results = useComponentSearch(filters);
  const [registering, setRegistering] = useState(false);

  // Changes merge into the newest filters, not those of the last render: two quick changes (a
  // category, then a port filter) before the page re-renders must not undo each other.
  const latest = useRef(filters);
  useLayoutEffect(() => {
    latest.current = filters;
  }, [filters]);
  const update = useCallback(
    (patch: Partial<ComponentFilters>) => {
      latest.current = { ...latest.current, ...patch };
      setParams(filtersToParams(latest.current), { replace: true });
    },
    [setParams],
  );
  const clear = () => update(NO_FILTERS);

  return (
    <div className="page registry-page">
      <div className="page-header">
        <h1>Registry</h1>
        <button type="button" className="primary" onClick={() => setRegistering(true)}>
          Register component
        </button>
      </div>
      {registering && <RegisterDialog onClose={() => setRegistering(false)} />}
      <ImportDropZone />
      <div className="registry-layout">
        <CategorySidebar
          selected={filters.category}
          selectedSub={filters.subcategory}
          onSelect={(category, subcategory = '') => update({ category, subcategory })}
        />
        <section className="registry-main" aria-label="Components">
          <RegistryToolbar filters={filters} onChange={update} />
          <RegistryResults results={results} filtered={hasFilters(filters)} grouped={!filters.search.trim()} onClear={clear} />
        </section>
      </div>
    </div>
  );
}

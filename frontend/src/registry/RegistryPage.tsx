/**
 * /registry: browse the component registry by category, text and port, and register new
 * components. The filters live in the URL; the server does the matching.
 */
import './registry.css';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useComponentSearch, type ComponentFilters } from '../api/components';
import { CategorySidebar } from './CategorySidebar';
import { RegisterDialog } from './RegisterDialog';
import { RegistryResults } from './RegistryResults';
import { RegistryToolbar } from './RegistryToolbar';
import { NO_FILTERS, filtersFromParams, filtersToParams, hasFilters } from './registryFilters';

export function RegistryPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const results = useComponentSearch(filters);
  const [registering, setRegistering] = useState(false);

  const update = useCallback(
    (next: ComponentFilters) => setParams(filtersToParams(next), { replace: true }),
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
      <div className="registry-layout">
        <CategorySidebar selected={filters.category} onSelect={(category) => update({ ...filters, category })} />
        <section className="registry-main" aria-label="Components">
          <RegistryToolbar filters={filters} onChange={update} />
          <RegistryResults results={results} filtered={hasFilters(filters)} onClear={clear} />
        </section>
      </div>
    </div>
  );
}

/**
 * The registry's categories with how many components each holds, and under each its
 * sub-categories (Machine Learning → Classification, Regression, Clustering); picking one filters
 * the list.
 */
import { Fragment } from 'react';
import { useCategories } from '../api/components';
import { ErrorMessage } from '../shared/ErrorMessage';

interface Props {
  selected: string;
  selectedSub?: string;
  /** A category, and optionally one of its sub-categories ('' for the whole category). */
  onSelect: (category: string, subcategory?: string) => void;
}

interface ButtonProps {
  label: string;
  count?: number;
  active: boolean;
  onClick: () => void;
  sub?: boolean;
}

function CategoryButton({ label, count, active, onClick, sub = false }: ButtonProps) {
  return (
    <li className={sub ? 'subcategory' : undefined}>
      <button type="button" className={`category-button${active ? ' active' : ''}`} aria-pressed={active} onClick={onClick}>
        <span>{label}</span>
        {count !== undefined && <span className="category-count">{count}</span>}
      </button>
    </li>
  );
}

export function CategorySidebar({ selected, selectedSub = '', onSelect }: Props) {
  const categories = useCategories();
  const total = categories.data?.reduce((sum, category) => sum + category.count, 0);

  return (
    <nav className="registry-sidebar" aria-label="Categories">
      <h2>Categories</h2>
      {categories.isPending && <p className="muted">Loading categories…</p>}
      {categories.isError && <ErrorMessage error={categories.error} onRetry={() => void categories.refetch()} />}
      {categories.data && categories.data.length === 0 && <p className="muted">No categories yet.</p>}
      {categories.data && categories.data.length > 0 && (
        <ul>
          <CategoryButton label="All categories" count={total} active={!selected} onClick={() => onSelect('')} />
          {categories.data.map((category) => (
            <Fragment key={category.name}>
              <CategoryButton
                label={category.name}
                count={category.count}
                active={selected === category.name && !selectedSub}
                onClick={() => onSelect(selected === category.name && !selectedSub ? '' : category.name)}
              />
              {(category.subcategories ?? []).map((sub) => {
                const active = selected === category.name && selectedSub === sub.name;
                return (
                  <CategoryButton
                    key={sub.name}
                    sub
                    label={sub.name}
                    count={sub.count}
                    active={active}
                    onClick={() => onSelect(category.name, active ? '' : sub.name)}
                  />
                );
              })}
            </Fragment>
          ))}
        </ul>
      )}
    </nav>
  );
}

/** The registry's categories with how many components each holds; picking one filters the list. */
import { useCategories } from '../api/components';
import { ErrorMessage } from '../shared/ErrorMessage';

interface Props {
  selected: string;
  onSelect: (category: string) => void;
}

function CategoryButton({ label, count, active, onClick }: { label: string; count?: number; active: boolean; onClick: () => void }) {
  return (
    <li>
      <button type="button" className={`category-button${active ? ' active' : ''}`} aria-pressed={active} onClick={onClick}>
        <span>{label}</span>
        {count !== undefined && <span className="category-count">{count}</span>}
      </button>
    </li>
  );
}

export function CategorySidebar({ selected, onSelect }: Props) {
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
            <CategoryButton
              key={category.name}
              label={category.name}
              count={category.count}
              active={selected === category.name}
              onClick={() => onSelect(selected === category.name ? '' : category.name)}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}

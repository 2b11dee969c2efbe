/**
 * The component palette: search, categories, and items to drag onto the canvas (or double-click
 * to add in the middle of the view).
 */
import { useMemo, useState, type DragEvent } from 'react';
import { componentRef, useComponents } from '../api/components';
import type { ComponentSummary } from '../api/types';
import { ErrorMessage } from '../shared/ErrorMessage';
import { groupComponents } from './palette';
import { COMPONENT_MIME, useAddComponent } from './useAddComponent';

function PaletteItem({ component, onAdd }: { component: ComponentSummary; onAdd: (ref: string) => void }) {
  const ref = componentRef(component);
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(COMPONENT_MIME, ref);
    event.dataTransfer.setData('text/plain', ref);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li
      className="palette-item"
      draggable
      onDragStart={onDragStart}
      onDoubleClick={() => onAdd(ref)}
      title={`${component.description}\n\nDrag onto the canvas or double-click to add.`}
      data-testid={`palette-item-${component.name}`}
    >
      <span className="palette-item-name">{component.display_name || component.name}</span>
      <span className="palette-item-version muted">{component.version}</span>
    </li>
  );
}

export function Palette() {
  const components = useComponents();
  const [search, setSearch] = useState('');
  const groups = useMemo(() => groupComponents(components.data ?? [], search), [components.data, search]);
  const { addAtViewCentre } = useAddComponent();

  return (
    <aside className="palette" aria-label="Components">
      <input
        type="search"
        className="palette-search"
        placeholder="Search components"
        aria-label="Search components"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {components.isPending && <p className="muted">Loading components…</p>}
      {components.isError && <ErrorMessage error={components.error} onRetry={() => void components.refetch()} />}
      {components.data && groups.length === 0 && <p className="muted">No component matches “{search}”.</p>}
      <div className="palette-groups">
        {groups.map((group) => (
          <section key={group.category} className="palette-group">
            <h3>{group.category}</h3>
            <ul>
              {group.components.map((component) => (
                <PaletteItem key={componentRef(component)} component={component} onAdd={addAtViewCentre} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}

/**
 * The component palette: search, "Recently used", the registered "Datasets" and "Models",
 * collapsible categories, and items to drag onto the canvas (or double-click to add in the middle
 * of the view). Browsing, a category's components come under its sub-categories (Machine Learning
 * → Classification, Regression, Clustering). While searching, every matching group is open, the
 * recent group is hidden, and the best match comes first (ranked as the registry ranks).
 */
import { Fragment, useMemo, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { componentRef, useComponents } from '../../api/components';
import { useDatasets } from '../../api/datasets';
import type { ComponentSummary } from '../../api/models';
import { useRegisteredModels } from '../../api/registeredModels';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { bySubcategory } from '../../shared/subcategories';
import { COMPONENT_MIME } from '../canvas/dragPayload';
import { useAddComponent } from '../canvas/useAddComponent';
import { CatalogGroup } from './CatalogGroup';
import { datasetNode, filterCatalog, groupComponents, modelNode, recentComponents } from './palette';
import { PaletteGroup } from './PaletteGroup';
import { useRecentComponents } from './recentComponents';

const COLLAPSED_KEY = 'pipewright.paletteCollapsed';
const DATASETS_GROUP = 'Datasets';
const MODELS_GROUP = 'Models';

function readCollapsed(): Set<string> {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(COLLAPSED_KEY) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : []);
  } catch {
    return new Set();
  }
}

interface ItemProps {
  component: ComponentSummary;
  onAdd: (ref: string) => void;
  testId: string;
}

function PaletteItem({ component, onAdd, testId }: ItemProps) {
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
      data-testid={testId}
    >
      <span className="palette-item-name">{component.display_name || component.name}</span>
      <span className="palette-item-version muted">{component.version}</span>
    </li>
  );
}

export function Palette() {
  const components = useComponents();
  const [search, setSearch] = useState('');
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const recentNames = useRecentComponents((s) => s.names);
  const groups = useMemo(() => groupComponents(components.data ?? [], search), [components.data, search]);
  const recent = useMemo(() => recentComponents(components.data ?? [], recentNames), [components.data, recentNames]);
  const datasets = useDatasets();
  const matchingDatasets = useMemo(() => (datasets.data ? filterCatalog(datasets.data, search) : undefined), [datasets.data, search]);
  const models = useRegisteredModels();
  const matchingModels = useMemo(() => (models.data ? filterCatalog(models.data, search) : undefined), [models.data, search]);
  const { addAtViewCentre } = useAddComponent();
  const searching = search.trim() !== '';
  const nothingMatches = components.data && groups.length === 0 && !matchingDatasets?.length && !matchingModels?.length;

  const toggle = (title: string) => {
    const next = new Set(collapsed);
    if (next.has(title)) next.delete(title);
    else next.add(title);
    setCollapsed(next);
    try {
      window.localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...next]));
    } catch {
      // Not remembered; still collapsed for now.
    }
  };

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
      {nothingMatches && <p className="muted">No component matches “{search}”.</p>}
      <div className="palette-groups">
        {!searching && recent.length > 0 && (
          <PaletteGroup
            title="Recently used"
            open={!collapsed.has('Recently used')}
            onToggle={() => toggle('Recently used')}
            count={recent.length}
          >
            {recent.map((component) => (
              <PaletteItem
                key={component.name}
                component={component}
                onAdd={addAtViewCentre}
                testId={`palette-recent-${component.name}`}
              />
            ))}
          </PaletteGroup>
        )}
        <CatalogGroup
          title={DATASETS_GROUP}
          itemTestId="palette-dataset"
          empty={
            <>
              No datasets yet. <Link to="/datasets">Upload one</Link>.
            </>
          }
          entries={matchingDatasets}
          error={datasets.error}
          onRetry={() => void datasets.refetch()}
          toNode={datasetNode}
          searching={searching}
          open={searching || !collapsed.has(DATASETS_GROUP)}
          onToggle={() => toggle(DATASETS_GROUP)}
          onAdd={(node) => addAtViewCentre(node.component, node.params)}
        />
        <CatalogGroup
          title={MODELS_GROUP}
          itemTestId="palette-model"
          empty="No registered models yet. Register a trained model from a run's outputs."
          entries={matchingModels}
          error={models.error}
          onRetry={() => void models.refetch()}
          toNode={modelNode}
          searching={searching}
          open={searching || !collapsed.has(MODELS_GROUP)}
          onToggle={() => toggle(MODELS_GROUP)}
          onAdd={(node) => addAtViewCentre(node.component, node.params)}
        />
        {groups.map((group) => (
          <PaletteGroup
            key={group.category}
            title={group.category}
            open={searching || !collapsed.has(group.category)}
            onToggle={() => toggle(group.category)}
            count={group.components.length}
          >
            {(searching ? [{ name: '', components: group.components }] : bySubcategory(group.components)).map((sub, _index, subs) => (
              <Fragment key={sub.name}>
                {subs.length > 1 && (
                  <li className="palette-subheading" data-testid={`palette-subgroup-${group.category}-${sub.name || 'Other'}`}>
                    {sub.name || 'Other'}
                  </li>
                )}
                {sub.components.map((component) => (
                  <PaletteItem
                    key={componentRef(component)}
                    component={component}
                    onAdd={addAtViewCentre}
                    testId={`palette-item-${component.name}`}
                  />
                ))}
              </Fragment>
            ))}
          </PaletteGroup>
        ))}
      </div>
    </aside>
  );
}

/**
 * The right-hand sidebar: a "Node" tab (the inspector) and a "Pipeline" tab (pipeline settings
 * and parameters), with the validation results below both.
 */
import { Inspector } from './inspector/Inspector';
import { IssuesPanel } from './IssuesPanel';
import { ParametersPanel } from './parameters/ParametersPanel';
import { useDesignerView, type SidebarTab } from './viewStore';

const TABS: { tab: SidebarTab; label: string }[] = [
  { tab: 'node', label: 'Node' },
  { tab: 'pipeline', label: 'Pipeline' },
];

export function Sidebar() {
  const current = useDesignerView((s) => s.sidebarTab);
  const showTab = useDesignerView((s) => s.showTab);
  return (
    <aside className="sidebar" aria-label="Inspector">
      <div className="sidebar-tabs" role="tablist">
        {TABS.map(({ tab, label }) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={current === tab}
            className={current === tab ? 'active' : ''}
            onClick={() => showTab(tab)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel">{current === 'node' ? <Inspector /> : <ParametersPanel />}</div>
      <IssuesPanel />
    </aside>
  );
}

/**
 * "Find node" (Ctrl/Cmd+F): a search box over the canvas listing the nodes whose id, component or
 * comment match; ↑/↓ choose, Enter (or a click) focuses the chosen node, Esc closes.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { ComponentSummary } from '../../api/models';
import { useDocument } from '../document/documentStore';
import { EMPTY_GRAPH } from '../document/graphEdits';
import { useDesignerView } from '../viewStore';
import { findNodes } from './findNodes';
import { useFocusNode } from './useFocusNode';

export function FindNode({ specs }: { specs: ReadonlyMap<string, ComponentSummary> }) {
  const open = useDesignerView((s) => s.overlay === 'find');
  return open ? <FindBox specs={specs} /> : null;
}

function FindBox({ specs }: { specs: ReadonlyMap<string, ComponentSummary> }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const nodes = useDocument((s) => (s.draft?.graph ?? EMPTY_GRAPH).nodes);
  const matches = useMemo(
    () => findNodes(nodes, query, (component) => specs.get(component)?.display_name),
    [nodes, query, specs],
  );
  const focusNode = useFocusNode();
  const close = () => useDesignerView.getState().open(null);
  const chosen = Math.min(active, Math.max(matches.length - 1, 0));

  const focus = (index: number) => {
    const match = matches[index];
    if (!match) return;
    setActive(index);
    focusNode(match.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (matches.length > 0) focus((chosen + step + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      focus(chosen);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="find-node" role="search" data-testid="find-node">
      <input
        autoFocus
        type="search"
        aria-label="Find node"
        placeholder="Find node: id, component or comment"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="button" className="link-button" aria-label="Close find" onClick={close}>
        ×
      </button>
      {query.trim() !== '' && (
        <ul className="find-results" role="listbox" aria-label="Matching nodes">
          {matches.length === 0 && <li className="muted">No node matches.</li>}
          {matches.map((match, index) => (
            <li
              key={match.id}
              role="option"
              aria-selected={index === chosen}
              className={index === chosen ? 'active' : ''}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => focus(index)}
              data-testid={`find-result-${match.id}`}
            >
              <code>{match.id}</code>
              <span className="muted">{match.displayName || match.component}</span>
              {match.field === 'comment' && <span className="find-comment">“{match.comment}”</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

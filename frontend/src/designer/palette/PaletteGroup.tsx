/**
 * One collapsible section of the palette: a toggle with the title and a count, then its items.
 * Knows nothing of what the items are.
 */
import type { ReactNode } from 'react';

interface GroupProps {
  title: string;
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
  count: number;
}

export function PaletteGroup({ title, open, onToggle, children, count }: GroupProps) {
  return (
    <section className={`palette-group ${open ? 'open' : 'closed'}`} data-testid={`palette-group-${title}`}>
      <h3>
        <button type="button" className="palette-group-toggle" aria-expanded={open} onClick={onToggle}>
          <span className="palette-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
          <span className="palette-count">{count}</span>
        </button>
      </h3>
      {open && <ul>{children}</ul>}
    </section>
  );
}

/**
 * The search box and the port filter above the results. The box answers as the user types but
 * only hands the text on after a short pause, so each keystroke is not a request.
 */
import { useEffect, useState } from 'react';
import type { ComponentFilters } from '../api/components';
import { PORT_FILTER_OPTIONS, portFilterValue, withPortFilter } from './registryFilters';

export const SEARCH_DEBOUNCE_MS = 250;

interface Props {
  filters: ComponentFilters;
  /** Only the filters this toolbar changed; the page merges them into the rest. */
  onChange: (patch: Partial<ComponentFilters>) => void;
}

export function RegistryToolbar({ filters, onChange }: Props) {
  const [text, setText] = useState(filters.search);
  // The URL's search as last seen, and the last text this box handed on itself: a URL change
  // that is not our own (Clear filters, Back) replaces what the box shows.
  const [seen, setSeen] = useState(filters.search);
  const [handedOn, setHandedOn] = useState(filters.search);
  if (filters.search !== seen) {
    setSeen(filters.search);
    if (filters.search !== handedOn) setText(filters.search);
  }

  useEffect(() => {
    if (text === filters.search) return undefined;
    const timer = window.setTimeout(() => {
      setHandedOn(text);
      onChange({ search: text });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, filters, onChange]);

  return (
    <div className="registry-toolbar">
      <input
        type="search"
        className="registry-search"
        placeholder="Search names, descriptions and ports"
        aria-label="Search the registry"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <select
        aria-label="Port filter"
        className="registry-port-filter"
        value={portFilterValue(filters)}
        onChange={(event) => {
          setHandedOn(text);
          const { port_type, direction } = withPortFilter(filters, event.target.value);
          onChange({ search: text, port_type, direction });
        }}
      >
        <option value="">Any ports</option>
        {PORT_FILTER_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

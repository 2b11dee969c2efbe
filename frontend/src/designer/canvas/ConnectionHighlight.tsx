/**
 * While a connection is dragged, highlights the handles it may end on and dims the others, by
 * writing one small stylesheet. It reads React Flow's connection state through a selector that
 * changes only when a drag starts or ends, so neither this nor any node re-renders per mouse move.
 */
import { useConnection, type ConnectionState } from '@xyflow/react';
import { useMemo } from 'react';
import type { ComponentSummary } from '../../api/models';
import { useDocument } from '../document/documentStore';
import { EMPTY_GRAPH } from '../document/graphEdits';
import { compatibleHandles, highlightCss, type DragStart } from './compatibleHandles';
import { portLookup } from './portLookup';

const SEP = '\u0000';

function dragKey(connection: ConnectionState): string | null {
  if (!connection.inProgress || !connection.fromHandle) return null;
  const { type, nodeId, id } = connection.fromHandle;
  return [type, nodeId, id ?? ''].join(SEP);
}

export function ConnectionHighlight({ scope, specs }: { scope: string; specs: ReadonlyMap<string, ComponentSummary> }) {
  const key = useConnection(dragKey);
  const css = useMemo(() => {
    if (!key) return null;
    const [side, nodeId, handleId] = key.split(SEP) as [DragStart['side'], string, string];
    const start: DragStart = { side, nodeId, handleId };
    const graph = useDocument.getState().draft?.graph ?? EMPTY_GRAPH;
    return highlightCss(scope, start, compatibleHandles(graph, start, portLookup(graph, specs)));
  }, [key, scope, specs]);
  return css ? <style data-testid="connection-highlight">{css}</style> : null;
}

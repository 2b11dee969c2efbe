/**
 * While a connection is being dragged: which handles it may end on. Pure.
 *
 * Same rules as `connectionRules.checkConnection` (same port type, an input takes one edge, no
 * self-loop, no cycle), computed for every candidate at once in O(nodes + edges) when the drag
 * starts, so the canvas can highlight them without re-rendering any node.
 */
import type { PipelineGraph } from '../../api/models';
import type { PortLookup } from '../document/connectionRules';

export type HandleSide = 'source' | 'target';

export interface HandleRef {
  nodeId: string;
  handleId: string;
}

export interface DragStart extends HandleRef {
  side: HandleSide;
}

/** Every node reachable from `start` by following edges one way (start included). */
function reachable(graph: PipelineGraph, start: string, direction: 'down' | 'up'): Set<string> {
  const next = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const [from, to] = direction === 'down' ? [edge.source, edge.target] : [edge.target, edge.source];
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  }
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const neighbour of next.get(stack.pop() as string) ?? []) {
      if (!seen.has(neighbour)) {
        seen.add(neighbour);
        stack.push(neighbour);
      }
    }
  }
  return seen;
}

export function compatibleHandles(graph: PipelineGraph, start: DragStart, portsOf: PortLookup): HandleRef[] {
  const own = portsOf(start.nodeId);
  const fromOutput = start.side === 'source';
  const port = fromOutput ? own?.outputs[start.handleId] : own?.inputs[start.handleId];
  if (!port) return [];
  const connectedInputs = new Set(graph.edges.map((edge) => `${edge.target}\u0000${edge.target_port}`));
  if (!fromOutput && connectedInputs.has(`${start.nodeId}\u0000${start.handleId}`)) return [];

  // A target may not already feed the source (cycle); a source may not already depend on the target.
  const excluded = reachable(graph, start.nodeId, fromOutput ? 'up' : 'down');
  const found: HandleRef[] = [];
  for (const node of graph.nodes) {
    if (excluded.has(node.id)) continue;
    const ports = portsOf(node.id);
    if (!ports) continue;
    const candidates = fromOutput ? ports.inputs : ports.outputs;
    for (const [name, candidate] of Object.entries(candidates)) {
      if (candidate.type !== port.type) continue;
      if (fromOutput && connectedInputs.has(`${node.id}\u0000${name}`)) continue;
      found.push({ nodeId: node.id, handleId: name });
    }
  }
  return found;
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * A stylesheet for the drag: every handle dimmed, the compatible ones highlighted. React Flow
 * marks handles with data-nodeid / data-handleid, so no node has to re-render for this.
 */
export function highlightCss(scope: string, start: DragStart, compatible: readonly HandleRef[]): string {
  const handle = `${scope} .react-flow__handle`;
  const rules = [`${handle} { opacity: 0.25; }`];
  rules.push(`${handle}[data-nodeid=${quoted(start.nodeId)}][data-handleid=${quoted(start.handleId)}] { opacity: 1; }`);
  if (compatible.length > 0) {
    const side = start.side === 'source' ? '.target' : '.source';
    const selectors = compatible.map(
      (ref) => `${handle}${side}[data-nodeid=${quoted(ref.nodeId)}][data-handleid=${quoted(ref.handleId)}]`,
    );
    rules.push(`${selectors.join(',\n')} { opacity: 1; width: 14px; height: 14px; box-shadow: 0 0 0 3px rgb(37 99 235 / 40%); }`);
  }
  return rules.join('\n');
}

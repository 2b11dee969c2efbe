/**
 * Automatic layout of a pipeline graph with ELK's layered algorithm: left to right, each edge
 * attached to its own port, ports kept in the order the node draws its handles (inputs top to
 * bottom on the left, outputs top to bottom on the right), so edges cross as little as ELK can.
 *
 * Pure and async: graph, node sizes and port lists in, top-left positions out. No React, no
 * store; ELK is loaded on first use so the editor does not pay for it until someone lays out.
 */
import type { ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import type { PipelineGraph } from '../../api/models';
import type { XY } from '../document/graphEdits';

export interface Size {
  width: number;
  height: number;
}

export interface NodePortNames {
  inputs: readonly string[];
  outputs: readonly string[];
}

export interface LayoutInput {
  graph: PipelineGraph;
  sizeOf: (nodeId: string) => Size;
  /** The node's ports in handle order; ports used by edges but missing here are appended. */
  portsOf: (nodeId: string) => NodePortNames | undefined;
}

export const LAYOUT_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'SPLINES',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.layered.spacing.edgeNodeBetweenLayers': '30',
  'elk.layered.crossingMinimization.semiInteractive': 'false',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '60',
};

const PORT_SIZE = 8;

export const portId = (nodeId: string, side: 'in' | 'out', port: string) => `${nodeId}\u0000${side}\u0000${port}`;

/** Every port a node has or an edge uses, in handle order. */
function portNames(input: LayoutInput): Map<string, { inputs: string[]; outputs: string[] }> {
  const ports = new Map<string, { inputs: string[]; outputs: string[] }>();
  for (const node of input.graph.nodes) {
    const known = input.portsOf(node.id);
    ports.set(node.id, { inputs: [...(known?.inputs ?? [])], outputs: [...(known?.outputs ?? [])] });
  }
  for (const edge of input.graph.edges) {
    const source = ports.get(edge.source);
    const target = ports.get(edge.target);
    if (source && !source.outputs.includes(edge.source_port)) source.outputs.push(edge.source_port);
    if (target && !target.inputs.includes(edge.target_port)) target.inputs.push(edge.target_port);
  }
  return ports;
}

/**
 * ELK numbers ports clockwise from the top-left corner: down the east side, then up the west
 * side. So outputs count 0, 1, … top to bottom, and inputs count down from the last index.
 */
function elkPorts(nodeId: string, ports: { inputs: string[]; outputs: string[] }): ElkPort[] {
  const outputs = ports.outputs.map((name, index) => ({
    id: portId(nodeId, 'out', name),
    width: PORT_SIZE,
    height: PORT_SIZE,
    layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(index) },
  }));
  const last = ports.outputs.length + ports.inputs.length - 1;
  const inputs = ports.inputs.map((name, index) => ({
    id: portId(nodeId, 'in', name),
    width: PORT_SIZE,
    height: PORT_SIZE,
    layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(last - index) },
  }));
  return [...outputs, ...inputs];
}

export function toElkGraph(input: LayoutInput): ElkNode {
  const ports = portNames(input);
  const nodeIds = new Set(input.graph.nodes.map((node) => node.id));
  return {
    id: 'root',
    layoutOptions: { ...LAYOUT_OPTIONS },
    children: input.graph.nodes.map((node) => {
      const size = input.sizeOf(node.id);
      return {
        id: node.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: elkPorts(node.id, ports.get(node.id) ?? { inputs: [], outputs: [] }),
      };
    }),
    edges: input.graph.edges
      .filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target))
      .map((edge, index) => ({
        id: `e${index}`,
        sources: [portId(edge.source, 'out', edge.source_port)],
        targets: [portId(edge.target, 'in', edge.target_port)],
      })),
  };
}

type Elk = { layout: (graph: ElkNode) => Promise<ElkNode> };
let elk: Promise<Elk> | null = null;

function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK() as unknown as Elk);
  return elk;
}

/** Top-left position of every node, rounded to whole pixels. */
export async function layoutGraph(input: LayoutInput): Promise<Map<string, XY>> {
  const positions = new Map<string, XY>();
  if (input.graph.nodes.length === 0) return positions;
  const result = await (await loadElk()).layout(toElkGraph(input));
  for (const child of result.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }
  return positions;
}

import { describe, expect, it } from 'vitest';
import type { PipelineGraph } from '../../api/models';
import { node } from '../../test/fixtures';
import { layoutGraph, portId, toElkGraph, type LayoutInput } from './elkLayout';

const SIZE = { width: 180, height: 80 };

function input(graph: PipelineGraph, ports: Record<string, { inputs: string[]; outputs: string[] }>): LayoutInput {
  return { graph, sizeOf: () => SIZE, portsOf: (id) => ports[id] };
}

/** a ─out→ j.left, b ─out→ j.right; j has its inputs in the order left, right. */
function join(): LayoutInput {
  return input(
    {
      nodes: [node('b', 'x@1', 0, 0), node('a', 'x@1', 0, 0), node('j', 'join@1', 0, 0), node('z', 'x@1', 0, 0)],
      edges: [
        { source: 'a', source_port: 'out', target: 'j', target_port: 'left' },
        { source: 'b', source_port: 'out', target: 'j', target_port: 'right' },
        { source: 'j', source_port: 'joined', target: 'z', target_port: 'in' },
      ],
    },
    {
      a: { inputs: [], outputs: ['out'] },
      b: { inputs: [], outputs: ['out'] },
      j: { inputs: ['left', 'right'], outputs: ['joined'] },
      z: { inputs: ['in'], outputs: [] },
    },
  );
}

function overlap(a: { x: number; y: number }, b: { x: number; y: number }) {
  return a.x < b.x + SIZE.width && b.x < a.x + SIZE.width && a.y < b.y + SIZE.height && b.y < a.y + SIZE.height;
}

describe('layoutGraph', () => {
  it('lays nodes out left to right along the edges, without overlaps', async () => {
    const positions = await layoutGraph(join());
    const [a, b, j, z] = ['a', 'b', 'j', 'z'].map((id) => positions.get(id)!);
    expect(a!.x).toBeLessThan(j!.x);
    expect(b!.x).toBeLessThan(j!.x);
    expect(j!.x).toBeLessThan(z!.x);
    const all = [a!, b!, j!, z!];
    for (let i = 0; i < all.length; i += 1) for (let k = i + 1; k < all.length; k += 1) expect(overlap(all[i]!, all[k]!)).toBe(false);
    expect(Number.isInteger(a!.x) && Number.isInteger(a!.y)).toBe(true);
  });

  it('keeps ports in handle order, so the source of the upper input is above', async () => {
    const positions = await layoutGraph(join());
    expect(positions.get('a')!.y).toBeLessThan(positions.get('b')!.y);
  });

  it('gives ELK ports in clockwise order and adds ports only edges know', () => {
    const layout = join();
    const graph = toElkGraph({ ...layout, portsOf: (id) => (id === 'j' ? { inputs: ['left'], outputs: [] } : layout.portsOf(id)) });
    const j = graph.children!.find((child) => child.id === 'j')!;
    expect(j.ports!.map((p) => [p.id, p.layoutOptions!['elk.port.side'], p.layoutOptions!['elk.port.index']])).toEqual([
      [portId('j', 'out', 'joined'), 'EAST', '0'],
      [portId('j', 'in', 'left'), 'WEST', '2'],
      [portId('j', 'in', 'right'), 'WEST', '1'],
    ]);
    expect(j.layoutOptions!['elk.portConstraints']).toBe('FIXED_ORDER');
  });

  it('returns nothing for an empty graph', async () => {
    expect((await layoutGraph(input({ nodes: [], edges: [] }, {}))).size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { Lineage } from '../api/lineage';
import { sampleLineage } from '../test/catalogFixtures';
import { layoutLineage, lineageLayers } from './lineageLayout';

const at = (created_at = '2026-11-25T10:00:00Z') => ({ created_at });

describe('lineageLayers', () => {
  it('puts what produced the root to its left and what used it to its right, by hops', () => {
    const layers = lineageLayers(sampleLineage());
    expect(Object.fromEntries(layers)).toEqual({ 'model:price:1': 0, 'run:12': -1, 'dataset:houses:2': -2, 'run:15': 1 });
  });

  it('puts a run that used both the root and a model made from it right of that model', () => {
    const lineage = sampleLineage();
    lineage.root = 'dataset:houses:2';
    lineage.edges.push({ source: 'dataset:houses:2', target: 'run:15', label: 'read' });
    const layers = lineageLayers(lineage);
    expect(layers.get('model:price:1')).toBe(2);
    expect(layers.get('run:15')).toBe(3);
    for (const edge of lineage.edges) expect(layers.get(edge.target)!).toBeGreaterThan(layers.get(edge.source)!);
  });

  it('places a sibling output of the producing run in the root’s column', () => {
    const lineage = sampleLineage();
    lineage.nodes.push({ id: 'dataset:scored:1', kind: 'dataset', label: 'scored v1', ...at() });
    lineage.edges.push({ source: 'run:12', target: 'dataset:scored:1' });
    expect(lineageLayers(lineage).get('dataset:scored:1')).toBe(0);
  });
});

describe('layoutLineage', () => {
  it('lays columns left to right, each centred on the root’s row', () => {
    const placed = new Map(layoutLineage(sampleLineage()).map((entry) => [entry.node.id, entry]));
    const xs = ['dataset:houses:2', 'run:12', 'model:price:1', 'run:15'].map((id) => placed.get(id)!.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
    expect([...placed.values()].every((entry) => entry.y === 0)).toBe(true);
  });

  it('orders a column by where its neighbours sit, so edges do not cross', () => {
    // d was read by run 1 and run 2 (in label order); run 1 made model z, run 2 model a.
    const lineage: Lineage = {
      root: 'dataset:d:1',
      nodes: [
        { id: 'dataset:d:1', kind: 'dataset', label: 'd v1', ...at() },
        { id: 'run:2', kind: 'run', label: 'run 2', ...at() },
        { id: 'run:1', kind: 'run', label: 'run 1', ...at() },
        { id: 'model:a:1', kind: 'model', label: 'a v1', ...at() },
        { id: 'model:z:1', kind: 'model', label: 'z v1', ...at() },
      ],
      edges: [
        { source: 'dataset:d:1', target: 'run:1' },
        { source: 'dataset:d:1', target: 'run:2' },
        { source: 'run:1', target: 'model:z:1' },
        { source: 'run:2', target: 'model:a:1' },
      ],
    };
    const placed = new Map(layoutLineage(lineage).map((entry) => [entry.node.id, entry]));
    expect(placed.get('run:1')!.y).toBeLessThan(placed.get('run:2')!.y);
    // z follows run 1 to the top although "a" comes first by name.
    expect(placed.get('model:z:1')!.y).toBeLessThan(placed.get('model:a:1')!.y);
    expect(placed.get('model:z:1')!.layer).toBe(2);
  });
});

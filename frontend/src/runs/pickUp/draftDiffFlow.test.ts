import { describe, expect, it } from 'vitest';
import { sampleDiff } from '../../test/draftDiffFixtures';
import { sampleGraph } from '../../test/fixtures';
import { differenceCount, draftDiffFlow, nodeNotes, valueText } from './draftDiffFlow';

describe('draftDiffFlow', () => {
  it('marks every draft node by how it changed and brings back the removed ones at the run’s place', () => {
    const { nodes } = draftDiffFlow(sampleGraph(), sampleDiff());
    expect(nodes.map((n) => [n.id, n.data.kind])).toEqual([
      ['load', 'same'],
      ['split', 'changed'],
      ['score', 'added'],
      ['train', 'removed'],
    ]);
    expect(nodes[3]!.position).toEqual({ x: 0, y: 300 });
    expect(nodes[1]!.data.notes).toEqual(['fraction: (unset) → 0.8', 'reuse: true → false']);
  });

  it('draws the draft’s edges, new ones marked, and the removed ones dashed', () => {
    const { edges } = draftDiffFlow(sampleGraph(), sampleDiff());
    expect(edges.map((edge) => [edge.source, edge.target, edge.className])).toEqual([
      ['load', 'split', 'diff-edge-same'],
      ['split', 'score', 'diff-edge-added'],
      ['split', 'train', 'diff-edge-removed'],
    ]);
    expect(edges[2]!.style?.strokeDasharray).toBe('6 4');
    expect(new Set(edges.map((edge) => edge.id)).size).toBe(3);
  });

  it('says a changed component first, and counts every difference', () => {
    expect(
      nodeNotes({ node: 'x', component: { before: 'a@1.0.0', now: 'a@1.1.0' }, params: [], settings: [] }),
    ).toEqual(['component: a@1.0.0 → a@1.1.0']);
    expect(valueText({ $param: 'seed' })).toBe('{"$param":"seed"}');
    expect(differenceCount(sampleDiff())).toBe(6);
  });
});

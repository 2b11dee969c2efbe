import { describe, expect, it } from 'vitest';
import type { NodeRun, PipelineGraph } from '../../api/models';
import { node } from '../../test/fixtures';
import { criticalPath, nodeTimings, type Timing } from './criticalPath';

const edge = (source: string, target: string) => ({ source, source_port: 'out', target, target_port: 'in' });

/** a -> b -> d, a -> c -> d, c -> e */
function diamond(): PipelineGraph {
  return {
    nodes: ['a', 'b', 'c', 'd', 'e'].map((id) => node(id, 'x@1')),
    edges: [edge('a', 'b'), edge('a', 'c'), edge('b', 'd'), edge('c', 'd'), edge('c', 'e')],
  };
}

const span = (start: number, end: number): Timing => ({ start, end, open: false });

describe('criticalPath', () => {
  it('follows the chain with the largest summed duration', () => {
    const timings = { a: span(0, 10), b: span(10, 15), c: span(10, 40), d: span(40, 45), e: span(40, 41) };
    expect(criticalPath(diamond(), timings)).toEqual({ nodes: ['a', 'c', 'd'], duration: 45 });
  });

  it('can end before the last node when a side branch is longer', () => {
    const timings = { a: span(0, 1), b: span(1, 2), c: span(1, 3), d: span(3, 4), e: span(3, 100) };
    expect(criticalPath(diamond(), timings)).toEqual({ nodes: ['a', 'c', 'e'], duration: 100 });
  });

  it('weighs nodes without timings (pending, reused) as zero, dropping them from the head', () => {
    expect(criticalPath(diamond(), { b: span(0, 5) })).toEqual({ nodes: ['b'], duration: 5 });
    expect(criticalPath(diamond(), { a: span(0, 1), d: span(1, 5) })).toEqual({ nodes: ['a', 'b', 'd'], duration: 5 });
  });

  it('is empty when nothing has run', () => {
    expect(criticalPath(diamond(), {})).toEqual({ nodes: [], duration: 0 });
    expect(criticalPath({ nodes: [], edges: [] }, {})).toEqual({ nodes: [], duration: 0 });
  });

  it('breaks ties by graph order and ignores edges to unknown nodes and duplicates', () => {
    const graph = diamond();
    graph.edges.push(edge('ghost', 'd'), edge('a', 'b'));
    const timings = { a: span(0, 1), b: span(1, 3), c: span(1, 3), d: span(3, 4) };
    expect(criticalPath(graph, timings).nodes).toEqual(['a', 'b', 'd']);
  });

  it('leaves out nodes on a cycle instead of looping', () => {
    const graph: PipelineGraph = {
      nodes: ['a', 'b', 'c'].map((id) => node(id, 'x@1')),
      edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'b')],
    };
    expect(criticalPath(graph, { a: span(0, 2), b: span(2, 9) })).toEqual({ nodes: ['a'], duration: 2 });
  });
});

describe('nodeTimings', () => {
  const run = (started_at: string | null, finished_at: string | null) =>
    ({ node: 'x', status: 'running', started_at, finished_at }) as NodeRun;

  it('reads start and end, running nodes ending now, unstarted ones left out', () => {
    const now = Date.parse('2026-11-25T10:01:00Z');
    const timings = nodeTimings(
      {
        done: run('2026-11-25T10:00:00Z', '2026-11-25T10:00:30Z'),
        going: run('2026-11-25T10:00:30Z', null),
        waiting: run(null, null),
      },
      now,
    );
    expect(timings.done).toEqual({ start: Date.parse('2026-11-25T10:00:00Z'), end: Date.parse('2026-11-25T10:00:30Z'), open: false });
    expect(timings.going).toEqual({ start: Date.parse('2026-11-25T10:00:30Z'), end: now, open: true });
    expect(timings.waiting).toBeUndefined();
  });
});

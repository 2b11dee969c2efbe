import { describe, expect, it } from 'vitest';
import type { PipelineGraph, Run } from '../../api/models';
import { node, sampleGraph, sampleRun } from '../../test/fixtures';
import { metricRows, paramRows, parseIds } from './compareTables';
import { diffGraphs, isSameGraph, stableJson } from './graphDiff';

describe('diffGraphs', () => {
  it('finds nothing between a graph and itself, whatever the positions', () => {
    const moved = sampleGraph();
    moved.nodes[0]!.position = { x: 500, y: 500 };
    moved.nodes[0]!.comment = 'moved';
    expect(isSameGraph(diffGraphs(sampleGraph(), moved))).toBe(true);
  });

  it('reports nodes only in one graph, changed components and params, and edges', () => {
    const base = sampleGraph();
    base.nodes[1]!.params = { fraction: 0.7, seed: { $param: 'seed' } };
    const other: PipelineGraph = {
      nodes: [
        node('load', 'load_csv@1.0.0'),
        { ...node('split', 'split_data@1.1.0'), params: { seed: { $param: 'seed' }, fraction: 0.8, mode: 'sequential' } },
        node('score', 'score_model@1.0.0'),
      ],
      edges: [
        { source: 'load', source_port: 'data', target: 'split', target_port: 'data' },
        { source: 'split', source_port: 'second', target: 'score', target_port: 'data' },
      ],
    };
    const diff = diffGraphs(base, other);
    expect(diff.removed).toEqual(['train']);
    expect(diff.added).toEqual(['score']);
    expect(diff.changed).toEqual([
      {
        node: 'split',
        component: { before: 'split_data@1.0.0', now: 'split_data@1.1.0' },
        params: [
          { name: 'fraction', before: 0.7, now: 0.8 },
          { name: 'mode', before: undefined, now: 'sequential' },
        ],
      },
    ]);
    expect(diff.edgesAdded).toEqual([{ source: 'split', source_port: 'second', target: 'score', target_port: 'data' }]);
    expect(diff.edgesRemoved).toEqual([{ source: 'split', source_port: 'first', target: 'train', target_port: 'data' }]);
    expect(isSameGraph(diff)).toBe(false);
  });

  it('compares values by content, key order aside', () => {
    expect(stableJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
  });
});

function runWith(id: number, parameters: Run['parameters'], splitParams: Run['nodes'][number]['params'], r2: number | null): Run {
  const base = sampleRun({ id, parameters });
  return {
    ...base,
    nodes: [
      { ...base.nodes[0]!, metrics: r2 === null ? {} : { r2 } },
      { ...base.nodes[1]!, params: splitParams },
    ],
  };
}

describe('compare tables', () => {
  const runs = [
    runWith(1, { seed: 1 }, { fraction: 0.7, seed: 1 }, 0.4),
    runWith(2, { seed: 1 }, { fraction: 0.8, seed: 1 }, null),
  ];

  it('lists pipeline parameters, then node parameters, marking differences', () => {
    const rows = paramRows(runs);
    expect(rows.map((row) => [row.key, row.values, row.differs])).toEqual([
      ['$seed', [1, 1], false],
      ['split.fraction', [0.7, 0.8], true],
      ['split.seed', [1, 1], false],
    ]);
  });

  it('falls back to the graph’s params when a node did not run', () => {
    const run = sampleRun({ id: 3 });
    run.graph.nodes[2]!.params = { label: 'churn' };
    expect(paramRows([run]).find((row) => row.key === 'train.label')?.values).toEqual(['churn']);
  });

  it('lists every node.metric with a value or null per run', () => {
    expect(metricRows(runs)).toEqual([
      { key: 'load.r2', node: 'load', metric: 'r2', values: [0.4, null], differs: true, fromRuns: [null, null] },
    ]);
  });

  it('says which run a reused node’s metric comes from', () => {
    const reused = runWith(2, { seed: 1 }, { fraction: 0.7, seed: 1 }, 0.4);
    reused.nodes = reused.nodes.map((entry) => (entry.node === 'load' ? { ...entry, status: 'reused', from_run: 1 } : entry));
    const [row] = metricRows([runs[0]!, reused]);
    expect(row).toMatchObject({ values: [0.4, 0.4], differs: false, fromRuns: [null, 1] });
  });

  it('reads ids from the query', () => {
    expect(parseIds(' 3, 1,,3 ,7')).toEqual(['3', '1', '7']);
    expect(parseIds(null)).toEqual([]);
  });
});

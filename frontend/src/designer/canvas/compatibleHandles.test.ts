import { describe, expect, it } from 'vitest';
import type { ComponentSummary, PipelineGraph } from '../../api/models';
import { loadCsv, node, sampleGraph, splitData, trainModel } from '../../test/fixtures';
import { compatibleHandles, highlightCss } from './compatibleHandles';
import { portLookup } from './portLookup';

const specs = new Map<string, ComponentSummary>([loadCsv, splitData, trainModel].map((c) => [`${c.name}@${c.version}`, c]));

function graph(): PipelineGraph {
  const g = sampleGraph();
  g.nodes.push(node('split2', 'split_data@1.0.0', 300, 0), node('train2', 'train_model@2.0.0', 300, 300));
  return g;
}

describe('compatibleHandles', () => {
  it('from an output: free inputs of the same type, not upstream (no cycle), not itself', () => {
    const g = graph();
    const found = compatibleHandles(g, { side: 'source', nodeId: 'split', handleId: 'second' }, portLookup(g, specs));
    // split.data and train.data are taken; load has no inputs; split is upstream of nothing here.
    expect(found).toEqual([
      { nodeId: 'split2', handleId: 'data' },
      { nodeId: 'train2', handleId: 'data' },
    ]);
  });

  it('from an input: outputs of the same type that do not depend on it', () => {
    const g = graph();
    const found = compatibleHandles(g, { side: 'target', nodeId: 'split2', handleId: 'data' }, portLookup(g, specs));
    expect(found).toEqual([
      { nodeId: 'load', handleId: 'data' },
      { nodeId: 'split', handleId: 'first' },
      { nodeId: 'split', handleId: 'second' },
    ]);
    // Downstream of train2? nothing; but an input already connected offers nothing.
    expect(compatibleHandles(g, { side: 'target', nodeId: 'split', handleId: 'data' }, portLookup(g, specs))).toEqual([]);
  });

  it('excludes a target that would close a cycle', () => {
    const g = graph();
    g.edges.push({ source: 'train', source_port: 'model', target: 'split2', target_port: 'data' });
    const found = compatibleHandles(g, { side: 'target', nodeId: 'load', handleId: 'x' }, portLookup(g, specs));
    expect(found).toEqual([]);
    const fromSplitFirst = compatibleHandles(
      { ...g, edges: g.edges.filter((e) => e.target !== 'train') },
      { side: 'source', nodeId: 'split', handleId: 'first' },
      portLookup(g, specs),
    );
    expect(fromSplitFirst.map((h) => h.nodeId)).toEqual(['train', 'train2']);
  });

  it('writes a stylesheet that dims all handles and lights up the compatible ones', () => {
    const css = highlightCss('.c', { side: 'source', nodeId: 'a"b', handleId: 'out' }, [{ nodeId: 'x', handleId: 'in' }]);
    expect(css).toContain('.c .react-flow__handle { opacity: 0.25; }');
    expect(css).toContain('[data-nodeid="a\\"b"][data-handleid="out"] { opacity: 1; }');
    expect(css).toContain('.c .react-flow__handle.target[data-nodeid="x"][data-handleid="in"]');
  });
});

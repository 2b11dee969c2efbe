import { describe, expect, it } from 'vitest';
import type { PipelineParameters } from '../../api/models';
import { node, sampleGraph } from '../../test/fixtures';
import { copyNodes, parseClipboard, PASTE_OFFSET, pasteNodes, serializeClipboard } from './clipboard';

function doc(parameters: PipelineParameters = {}) {
  const graph = sampleGraph();
  graph.nodes[1] = { ...graph.nodes[1]!, params: { seed: { $param: 'seed' }, fraction: 0.5 } };
  return { graph, parameters };
}

describe('copyNodes', () => {
  it('keeps the chosen nodes, the edges between them and the parameters they use', () => {
    const data = copyNodes(doc({ seed: { type: 'integer', default: 1 }, other: { type: 'string' } }), new Set(['load', 'split']));
    expect(data?.nodes.map((n) => n.id)).toEqual(['load', 'split']);
    expect(data?.edges).toEqual([{ source: 'load', source_port: 'data', target: 'split', target_port: 'data' }]);
    expect(data?.parameters).toEqual({ seed: { type: 'integer', default: 1 } });
    expect(copyNodes(doc(), new Set())).toBeNull();
  });

  it('round-trips through text, and ignores text that is not a copy', () => {
    const data = copyNodes(doc(), new Set(['split']))!;
    expect(parseClipboard(serializeClipboard(data))).toEqual(data);
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard(JSON.stringify({ nodes: [] }))).toBeNull();
    expect(parseClipboard(null)).toBeNull();
  });
});

describe('pasteNodes', () => {
  it('gives new ids, keeps internal edges under them, and offsets the copies', () => {
    const source = doc({ seed: { type: 'integer', default: 1 } });
    const data = copyNodes(source, new Set(['load', 'split']))!;
    const { doc: pasted, ids } = pasteNodes(source, data);
    expect(ids).toEqual(['load_csv', 'split_data']);
    const added = pasted.graph.nodes.slice(3);
    expect(added.map((n) => n.position)).toEqual([
      { x: PASTE_OFFSET, y: PASTE_OFFSET },
      { x: PASTE_OFFSET, y: 150 + PASTE_OFFSET },
    ]);
    expect(added[1]?.params).toEqual({ seed: { $param: 'seed' }, fraction: 0.5 });
    expect(pasted.graph.edges.at(-1)).toEqual({ source: 'load_csv', source_port: 'data', target: 'split_data', target_port: 'data' });
    expect(pasted.graph.edges).toHaveLength(3);
  });

  it('pasting again moves further so copies do not hide each other', () => {
    const start = { graph: { nodes: [node('a', 'x@1', 0, 0)], edges: [] }, parameters: {} };
    const data = copyNodes(start, new Set(['a']))!;
    const once = pasteNodes(start, data).doc;
    const twice = pasteNodes(once, data).doc;
    expect(twice.graph.nodes.map((n) => [n.id, n.position?.x])).toEqual([
      ['a', 0],
      ['x', PASTE_OFFSET],
      ['x_2', 2 * PASTE_OFFSET],
    ]);
  });

  it('adds the bound parameters the target pipeline lacks, keeping its own', () => {
    const data = copyNodes(doc({ seed: { type: 'integer', default: 1 } }), new Set(['split']))!;
    const target = { graph: { nodes: [], edges: [] }, parameters: { seed: { type: 'integer' as const, default: 9 }, x: { type: 'string' as const } } };
    expect(pasteNodes(target, data).doc.parameters).toEqual(target.parameters);
    const empty = { graph: { nodes: [], edges: [] }, parameters: {} };
    expect(pasteNodes(empty, data).doc.parameters).toEqual({ seed: { type: 'integer', default: 1 } });
  });
});

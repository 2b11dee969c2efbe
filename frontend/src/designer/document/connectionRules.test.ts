import { describe, expect, it } from 'vitest';
import type { PipelineGraph } from '../../api/models';
import { loadCsv, node, sampleGraph, splitData, trainModel } from '../../test/fixtures';
import { checkConnection, reaches, type PortLookup } from './connectionRules';

const specs = new Map([
  ['load_csv@1.0.0', loadCsv],
  ['split_data@1.0.0', splitData],
  ['train_model@2.0.0', trainModel],
]);

function lookup(graph: PipelineGraph): PortLookup {
  return (id) => {
    const found = graph.nodes.find((n) => n.id === id);
    return found ? specs.get(found.component) : undefined;
  };
}

const unconnected: PipelineGraph = {
  nodes: [node('load', 'load_csv@1.0.0'), node('split', 'split_data@1.0.0'), node('train', 'train_model@2.0.0')],
  edges: [],
};

describe('checkConnection', () => {
  it('accepts an output feeding an input of the same type', () => {
    const check = checkConnection(
      { source: 'load', sourceHandle: 'data', target: 'split', targetHandle: 'data' },
      unconnected,
      lookup(unconnected),
    );
    expect(check).toEqual({ ok: true });
  });

  it('refuses ports of different types and says which', () => {
    const graph: PipelineGraph = { nodes: [...unconnected.nodes, node('split2', 'split_data@1.0.0')], edges: [] };
    const check = checkConnection(
      { source: 'train', sourceHandle: 'model', target: 'split2', targetHandle: 'data' },
      graph,
      lookup(graph),
    );
    expect(check).toEqual({ ok: false, reason: 'Cannot connect model to dataframe' });
  });

  it('refuses a second edge into an input', () => {
    const graph = sampleGraph();
    graph.nodes.push(node('load2', 'load_csv@1.0.0'));
    const check = checkConnection(
      { source: 'load2', sourceHandle: 'data', target: 'split', targetHandle: 'data' },
      graph,
      lookup(graph),
    );
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/already connected/);
  });

  it('refuses a node feeding itself, cycles, and unknown ports', () => {
    const graph = sampleGraph();
    const ports = lookup(graph);
    expect(checkConnection({ source: 'split', sourceHandle: 'first', target: 'split', targetHandle: 'data' }, graph, ports).ok).toBe(false);
    expect(checkConnection({ source: 'load', sourceHandle: 'nope', target: 'train', targetHandle: 'data' }, graph, ports).ok).toBe(false);

    const loop: PipelineGraph = {
      nodes: [node('a', 'split_data@1.0.0'), node('b', 'split_data@1.0.0')],
      edges: [{ source: 'a', source_port: 'first', target: 'b', target_port: 'data' }],
    };
    const check = checkConnection({ source: 'b', sourceHandle: 'first', target: 'a', targetHandle: 'data' }, loop, lookup(loop));
    expect(check).toEqual({ ok: false, reason: 'That connection would create a cycle' });
  });

  it('refuses while a component spec is not known yet', () => {
    const check = checkConnection(
      { source: 'load', sourceHandle: 'data', target: 'split', targetHandle: 'data' },
      unconnected,
      () => undefined,
    );
    expect(check.ok).toBe(false);
  });
});

describe('reaches', () => {
  it('follows edges downstream only', () => {
    const graph = sampleGraph();
    expect(reaches(graph, 'load', 'train')).toBe(true);
    expect(reaches(graph, 'train', 'load')).toBe(false);
  });
});

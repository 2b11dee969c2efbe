import { describe, expect, it } from 'vitest';
import type { ComponentSummary } from '../../api/models';
import { param, port, sampleGraph, splitData } from '../../test/fixtures';
import { switchVersion, type PortTypeLookup } from './versionSwitch';

const types: PortTypeLookup = (nodeId, side, port) =>
  ({ 'load.out.data': 'dataframe', 'train.in.data': 'dataframe' } as Record<string, string>)[`${nodeId}.${side}.${port}`];

function graphWithParams() {
  const graph = sampleGraph();
  graph.nodes[1] = { ...graph.nodes[1]!, params: { fraction: 0.5, mode: 'random', legacy: 1 } };
  return graph;
}

describe('switchVersion', () => {
  it('keeps what still fits and reports nothing', () => {
    const spec = { ...splitData, parameters: { ...splitData.parameters, legacy: param('integer') } };
    const result = switchVersion(graphWithParams(), 'split', '1.1.0', spec, types);
    expect(result.changes).toEqual([]);
    expect(result.graph.nodes[1]?.component).toBe('split_data@1.1.0');
    expect(result.graph.edges).toHaveLength(2);
  });

  it('removes edges to ports that are gone or changed type, drops unknown params, and says so', () => {
    const next: Pick<ComponentSummary, 'inputs' | 'outputs' | 'parameters'> = {
      inputs: { data: port('dataframe') },
      outputs: { first: port('model'), rest: port('dataframe') },
      parameters: { fraction: param('number') },
    };
    const result = switchVersion(graphWithParams(), 'split', '2.0.0', next, types);
    expect(result.graph.edges).toEqual([{ source: 'load', source_port: 'data', target: 'split', target_port: 'data' }]);
    expect(result.graph.nodes[1]?.params).toEqual({ fraction: 0.5 });
    expect(result.changes).toEqual([
      'Removed connection split.first->train.data: "first" is now model, the other end is dataframe',
      'Dropped parameter "mode": 2.0.0 does not take it',
      'Dropped parameter "legacy": 2.0.0 does not take it',
    ]);
  });

  it('removes an incoming edge whose input is gone', () => {
    const next = { inputs: { rows: port('dataframe') }, outputs: splitData.outputs, parameters: splitData.parameters };
    const result = switchVersion(sampleGraph(), 'split', '3.0.0', next, types);
    expect(result.changes).toEqual(['Removed connection load.data->split.data: 3.0.0 has no input "data"']);
    expect(result.graph.edges.map((e) => e.target)).toEqual(['train']);
  });

  it('changes nothing for the same version or an unknown node', () => {
    const graph = sampleGraph();
    expect(switchVersion(graph, 'split', '1.0.0', splitData, types).graph).toBe(graph);
    expect(switchVersion(graph, 'nope', '9.0.0', splitData, types).graph).toBe(graph);
  });
});

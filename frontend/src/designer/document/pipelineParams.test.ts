import { describe, expect, it } from 'vitest';
import type { PipelineParameters } from '../../api/models';
import { node, param } from '../../test/fixtures';
import {
  acceptedTypes,
  addParameter,
  bindField,
  bindingsOf,
  promoteField,
  promotedType,
  removeParameter,
  renameParameter,
  uniqueParamName,
  updateParameter,
  type ParamsDocument,
} from './pipelineParams';

function doc(parameters: PipelineParameters = {}): ParamsDocument & { name: string } {
  return {
    name: 'p',
    graph: {
      nodes: [
        { ...node('a', 'split_data@1.0.0'), params: { seed: 3 } },
        { ...node('b', 'split_data@1.0.0'), params: { seed: { $param: 'seed' }, mode: 'random' } },
      ],
      edges: [],
    },
    parameters,
  };
}

describe('pipeline parameters', () => {
  it('knows which parameter types a field accepts, and what it is promoted to', () => {
    expect(acceptedTypes({ type: 'number' })).toEqual(['integer', 'number']);
    expect(acceptedTypes({ type: 'columns' })).toEqual([]);
    expect(promotedType({ type: 'enum' })).toBe('string');
    expect(promotedType({ type: 'integer' })).toBe('integer');
    expect(promotedType({ type: 'columns' })).toBeNull();
  });

  it('promotes a field: a new parameter with the current value as default, the field bound', () => {
    const { doc: next, name } = promoteField(
      doc({ seed: { type: 'integer', default: 0 } }),
      'a',
      'seed',
      param('integer', { default: 0, description: 'Random seed' }),
    );
    expect(name).toBe('seed_2');
    expect(next.parameters.seed_2).toEqual({ type: 'integer', default: 3, description: 'Random seed' });
    expect(next.graph.nodes[0]?.params).toEqual({ seed: { $param: 'seed_2' } });
    expect(next.name).toBe('p');
  });

  it('promotes an unset field with the component default', () => {
    const { doc: next } = promoteField(doc(), 'b', 'fraction', param('number', { default: 0.7 }));
    expect(next.parameters.fraction).toEqual({ type: 'number', default: 0.7 });
  });

  it('binds, lists, renames and removes, keeping bound fields working', () => {
    let d = addParameter(doc(), 'seed', { type: 'integer', default: 5 });
    d = bindField(d, 'a', 'seed', 'seed');
    expect(bindingsOf(d.graph, 'seed')).toEqual(['a.seed', 'b.seed']);
    d = renameParameter(d, 'seed', 'random_seed');
    expect(Object.keys(d.parameters)).toEqual(['random_seed']);
    expect(bindingsOf(d.graph, 'random_seed')).toEqual(['a.seed', 'b.seed']);
    d = updateParameter(d, 'random_seed', { default: 8 });
    d = removeParameter(d, 'random_seed');
    expect(d.parameters).toEqual({});
    expect(d.graph.nodes.map((n) => n.params?.seed)).toEqual([8, 8]);
  });

  it('unbinding removes the value, and no-op edits return the same document', () => {
    const d = doc({ seed: { type: 'integer', default: 1 } });
    expect(bindField(d, 'b', 'seed', 'seed')).toBe(d);
    expect(bindField(d, 'b', 'seed', null).graph.nodes[1]?.params).toEqual({ mode: 'random' });
    expect(renameParameter(d, 'seed', 'seed')).toBe(d);
    expect(updateParameter(d, 'seed', { default: 1 })).toBe(d);
    expect(uniqueParamName('9 lives', {})).toBe('_9_lives');
  });
});

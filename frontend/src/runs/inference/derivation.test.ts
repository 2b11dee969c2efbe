import { describe, expect, it } from 'vitest';
import { node } from '../../test/fixtures';
import { derived, trainingGraph } from '../../test/inferenceFixtures';
import { countMarks, defaultInferenceName, endpointNameFrom, markNodes, scoringCandidates } from './derivation';

describe('markNodes', () => {
  it('marks stand-ins replaced (naming what they replace), other new nodes added, the rest kept', () => {
    const answer = derived('realtime');
    const marks = markNodes(answer.graph, answer.diff);
    expect(marks).toEqual({
      web_service_input: { mark: 'replaced', replaces: ['load'] },
      train_model: { mark: 'replaced', replaces: ['train'] },
      score: { mark: 'kept', replaces: [] },
      web_service_output: { mark: 'added', replaces: [] },
    });
    expect(countMarks(marks)).toEqual({ added: 1, replaced: 2, kept: 1 });
  });

  it('gathers every training node one stand-in takes the place of', () => {
    const answer = derived('realtime');
    answer.diff.replaced.push({ node: 'normalize', by: 'train_model' });
    expect(markNodes(answer.graph, answer.diff).train_model).toEqual({ mark: 'replaced', replaces: ['train', 'normalize'] });
  });
});

describe('scoringCandidates', () => {
  it('lists Score Model and Assign Data to Clusters nodes, whatever their version', () => {
    expect(scoringCandidates(trainingGraph())).toEqual(['score']);
    const graph = trainingGraph();
    graph.nodes.push(node('clusters', 'assign_data_to_clusters@2.1.0'), node('score2', 'score_model@1.0.0'));
    expect(scoringCandidates(graph)).toEqual(['score', 'clusters', 'score2']);
  });
});

describe('names', () => {
  it('says the kind in the default name, as the server does', () => {
    expect(defaultInferenceName('Diabetes', 'realtime')).toBe('Diabetes (real-time inference)');
    expect(defaultInferenceName('Diabetes', 'batch')).toBe('Diabetes (batch inference)');
  });

  it('makes an endpoint name of a pipeline name', () => {
    expect(endpointNameFrom('Diabetes (real-time inference)')).toBe('diabetes');
    expect(endpointNameFrom('Sample: diabetes regression (real-time inference)')).toBe('sample-diabetes-regression');
    expect(endpointNameFrom('  ##  ')).toBe('inference');
    expect(endpointNameFrom('x'.repeat(70))).toHaveLength(64);
  });
});

/** A training run of the diabetes sample and what deriving its inference pipeline answers, for unit tests. */
import type { DerivedPipeline, GraphEdge, Pipeline, PipelineGraph, Run } from '../api/models';
import { node, sampleRun } from './fixtures';

const edge = (source: string, sourcePort: string, target: string, targetPort: string): GraphEdge => ({
  source,
  source_port: sourcePort,
  target,
  target_port: targetPort,
});

/** load → split → train (← learner) → score → evaluate */
export function trainingGraph(): PipelineGraph {
  return {
    nodes: [
      node('load', 'sample_dataset@1.0.0', 0, 0),
      node('split', 'split_data@1.0.0', 0, 140),
      node('learner', 'linear_regression@1.0.0', 320, 140),
      node('train', 'train_model@1.0.0', 160, 280),
      node('score', 'score_model@1.0.0', 160, 420),
      node('evaluate', 'evaluate_model@1.0.0', 160, 560),
    ],
    edges: [
      edge('load', 'data', 'split', 'data'),
      edge('learner', 'model', 'train', 'learner'),
      edge('split', 'first', 'train', 'data'),
      edge('train', 'model', 'score', 'model'),
      edge('split', 'second', 'score', 'data'),
      edge('score', 'scored', 'evaluate', 'scored'),
    ],
  };
}

export function trainingRun(overrides: Partial<Run> = {}): Run {
  return sampleRun({ id: 12, pipeline_name: 'Diabetes', status: 'completed', graph: trainingGraph(), ...overrides });
}

function derivedGraph(kind: DerivedPipeline['kind']): PipelineGraph {
  const source = kind === 'realtime' ? node('web_service_input', 'web_service_input@1.0.0', 0, 0) : node('input_dataset', 'dataset@1.0.0', 0, 0);
  return {
    nodes: [
      source,
      node('train_model', 'run_output@1.0.0', 160, 280),
      node('score', 'score_model@1.0.0', 160, 420),
      node('web_service_output', 'web_service_output@1.0.0', 160, 560),
    ],
    edges: [
      edge(source.id, 'data', 'score', 'data'),
      edge('train_model', 'model', 'score', 'model'),
      edge('score', 'scored', 'web_service_output', 'data'),
    ],
  };
}

export function derived(kind: DerivedPipeline['kind'] = 'realtime', pipeline: Pipeline | null = null): DerivedPipeline {
  const graph = derivedGraph(kind);
  const source = graph.nodes[0]!.id;
  return {
    run: 12,
    kind,
    pipeline,
    graph,
    parameters: {},
    diff: {
      added: ['train_model', source, 'web_service_output'],
      removed: ['split', 'learner', 'evaluate'],
      replaced: [
        { node: 'train', by: 'train_model' },
        { node: 'load', by: source },
      ],
      kept: ['score'],
      edges_added: [edge(source, 'data', 'score', 'data'), edge('score', 'scored', 'web_service_output', 'data')],
      edges_removed: [],
    },
    input_schema: kind === 'realtime' ? [{ name: 'age', dtype: 'double' }, { name: 'bmi', dtype: 'double' }] : [],
    scoring_node: 'score',
  };
}

export function savedPipeline(name: string, graph: PipelineGraph): Pipeline {
  return {
    id: 40,
    name,
    description: '',
    graph,
    parameters: {},
    default_compute: 'default',
    revision: 1,
    created_at: '2026-12-05T10:00:00Z',
    updated_at: '2026-12-05T10:00:00Z',
  };
}

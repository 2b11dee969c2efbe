/**
 * A training run of the diabetes sample, what deriving its inference pipeline answers, and a
 * real-time endpoint serving it (sample request, stats, failures), for unit tests.
 */
import type {
  DerivedPipeline,
  GraphEdge,
  InferenceEndpoint,
  Pipeline,
  PipelineGraph,
  Run,
  SampleRequest,
  ScoringFailure,
  ScoringStats,
} from '../api/models';
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
    workspace: 'default',
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

/** A real-time endpoint "diabetes": blue serves the derived pipeline, green a registered model. */
export function inferenceEndpoint(overrides: Partial<InferenceEndpoint> = {}): InferenceEndpoint {
  const schema = [
    { name: 'age', dtype: 'double' },
    { name: 'bmi', dtype: 'double' },
  ];
  return {
    name: 'diabetes',
    workspace: 'default',
    description: 'disease progression, one year out',
    revision: 3,
    url: '/api/inference/diabetes/score',
    deployments: [
      {
        name: 'blue',
        traffic: 80,
        pipeline: 40,
        pipeline_version: 1,
        model: null,
        input_schema: schema,
        sources: [{ node: 'train_model', kind: 'run_output', name: '12/train/model', version: 12, digest: '343a9f00c0ffee' }],
        created_at: '2026-12-05T10:00:00Z',
      },
      {
        name: 'green',
        traffic: 20,
        pipeline: null,
        pipeline_version: null,
        model: { name: 'diabetes', version: 3 },
        input_schema: schema,
        sources: [{ node: 'model', kind: 'model', name: 'diabetes', version: 3, digest: 'beef0123456789' }],
        created_at: '2026-12-05T10:05:00Z',
      },
    ],
    input_schema: schema,
    stats: { minutes: 60, count: 12, errors: 2, p50_ms: 3.1, p95_ms: 9.8 },
    created_at: '2026-12-05T10:00:00Z',
    updated_at: '2026-12-05T10:05:00Z',
    ...overrides,
  };
}

export function sampleRequest(): SampleRequest {
  const row = { age: 0.0, bmi: 0.0 };
  return {
    url: 'http://localhost/api/inference/diabetes/score',
    method: 'POST',
    headers: { Authorization: 'Token <your API token>', 'Content-Type': 'application/json' },
    body: { rows: [row] },
    columnar: { columns: ['age', 'bmi'], data: [[0.0, 0.0]] },
    input_schema: [
      { name: 'age', dtype: 'double' },
      { name: 'bmi', dtype: 'double' },
    ],
    deployment_header: 'X-Pipewright-Deployment',
    scope: 'inference:score:diabetes',
    curl: `curl -X POST http://localhost/api/inference/diabetes/score -H 'Authorization: Token <your API token>' -H 'Content-Type: application/json' -d '{"rows": [{"age": 0.0, "bmi": 0.0}]}'`,
  };
}

export function scoringStats(): ScoringStats {
  const totals = (count: number, errors: number) => ({ count, errors, p50_ms: 3.1, p95_ms: 9.8 });
  return {
    endpoint: 'diabetes',
    since: '2026-12-05T10:00:00Z',
    minutes: 60,
    bucket_seconds: 60,
    total: totals(12, 2),
    buckets: [
      { start: '2026-12-05T10:07:00Z', ...totals(8, 1) },
      { start: '2026-12-05T10:08:00Z', ...totals(4, 1) },
    ],
    deployments: [
      {
        name: 'blue',
        current: true,
        traffic: 80,
        serving: {
          target: { kind: 'pipeline', pipeline: 40, pipeline_name: 'Diabetes (real-time inference)', version: 1 },
          sources: [{ node: 'train_model', kind: 'run_output', name: '12/train/model', version: 12, digest: '343a9f00c0ffee' }],
        },
        total: totals(10, 2),
        buckets: [],
      },
      { name: 'old', current: false, traffic: 0, serving: null, total: totals(2, 0), buckets: [] },
    ],
  };
}

export function scoringFailure(id: number, fields: Partial<ScoringFailure> = {}): ScoringFailure {
  return {
    id,
    at: '2026-12-05T10:08:30Z',
    deployment: 'blue',
    status: 400,
    code: 'missing_column',
    message: "Row 0 has no column 'bmi'.",
    columns: ['age'],
    ...fields,
  };
}

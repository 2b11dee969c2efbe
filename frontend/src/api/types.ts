/**
 * TypeScript shapes of everything the backend sends and accepts: REST bodies and websocket messages.
 *
 * This is the one file to swap for types generated from the OpenAPI schema (/api/schema/); nothing
 * else in the frontend declares a server shape. It holds types only, no code.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Primary keys: integers today, but nothing here depends on that. */
export type EntityId = number | string;

// ---------------------------------------------------------------------------------------------
// Auth

export interface Me {
  username: string;
  is_staff: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
}

// ---------------------------------------------------------------------------------------------
// Components

export type PortType = 'dataframe' | 'model' | 'file' | 'folder' | 'json';
export type ParamType = 'integer' | 'number' | 'string' | 'boolean' | 'enum' | 'column' | 'columns' | 'code';

export interface PortSpec {
  type: PortType;
  description?: string;
  optional?: boolean;
}

export interface ParamSpec {
  type: ParamType;
  default?: JsonValue;
  optional?: boolean;
  min?: number | null;
  max?: number | null;
  values?: string[] | null;
  input?: string | null;
  language?: string | null;
  description?: string;
}

/** A component summary as listed by GET /api/components/ (inputs/outputs/parameters in spec order). */
export interface ComponentSummary {
  name: string;
  version: string;
  display_name: string;
  category: string;
  description: string;
  inputs: Record<string, PortSpec>;
  outputs: Record<string, PortSpec>;
  parameters: Record<string, ParamSpec>;
  deterministic?: boolean;
  compute?: string;
  versions?: unknown[];
}

// ---------------------------------------------------------------------------------------------
// Pipelines (graph JSON exactly as in DESIGN.md "Pipeline graph")

export interface ParamBinding {
  $param: string;
}

export interface GraphNode {
  id: string;
  /** "name@version" */
  component: string;
  params: Record<string, JsonValue>;
  compute: string | null;
  reuse: boolean;
  comment: string;
  position: { x: number; y: number };
  /** Bypassed: kept in the graph but passes nothing on (absent when false). */
  disabled?: boolean;
}

export interface GraphEdge {
  source: string;
  source_port: string;
  target: string;
  target_port: string;
}

export interface PipelineGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface PipelineParameter {
  type: ParamType;
  default?: JsonValue;
  description?: string;
}

export type PipelineParameters = Record<string, PipelineParameter>;

export interface Pipeline {
  id: EntityId;
  name: string;
  description: string;
  graph: PipelineGraph;
  parameters: PipelineParameters;
  default_compute?: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface PipelineCreate {
  name: string;
  description?: string;
  graph: PipelineGraph;
  parameters: PipelineParameters;
}

export interface PipelineUpdate {
  name: string;
  description: string;
  graph: PipelineGraph;
  parameters: PipelineParameters;
  revision: number;
}

export interface ValidationIssue {
  node: string | null;
  port: string | null;
  param: string | null;
  code: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
}

export interface ValidateRequest {
  graph: PipelineGraph;
  parameters: PipelineParameters;
}

export interface SubmitRunRequest {
  experiment?: string;
  parameters?: Record<string, JsonValue>;
  force_rerun?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Runs

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'canceled';
export type NodeStatus =
  | 'pending'
  | 'queued'
  | 'running'
  | 'completed'
  | 'reused'
  | 'failed'
  | 'canceled'
  | 'skipped';

export interface Progress {
  current: number;
  total: number;
}

export interface NodeRun {
  node: string;
  component?: string;
  status: NodeStatus;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
  reused: boolean;
  outputs: Record<string, EntityId>;
  metrics: Record<string, number>;
  progress: Progress | null;
  error: string | null;
  traceback?: string | null;
}

export interface Run {
  id: EntityId;
  pipeline: EntityId;
  pipeline_name: string;
  version: EntityId | null;
  experiment: EntityId | string | null;
  status: RunStatus;
  parameters: Record<string, JsonValue>;
  force_rerun: boolean;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  graph: PipelineGraph;
  seq: number;
  nodes: NodeRun[];
}

/** GET /api/runs/ items: the list may leave the heavy fields out. */
export type RunListItem = Pick<Run, 'id' | 'pipeline' | 'pipeline_name' | 'status' | 'created_at'> &
  Partial<Omit<Run, 'id' | 'pipeline' | 'pipeline_name' | 'status' | 'created_at'>>;

export interface LogLine {
  seq: number;
  stream: 'stdout' | 'stderr' | string;
  line: string;
  time?: string;
}

export interface LogsResponse {
  lines: LogLine[];
  last_seq: number;
}

// ---------------------------------------------------------------------------------------------
// Live run stream (ws://HOST/ws/runs/{id}/)

export interface SnapshotMessage {
  type: 'snapshot';
  seq: number;
  run: Run;
}

export interface NodeEventMessage {
  type: 'node';
  seq: number;
  node: string;
  status: NodeStatus;
  attempts?: number;
  started_at?: string | null;
  finished_at?: string | null;
  reused?: boolean;
  outputs?: Record<string, EntityId>;
  error?: string | null;
  traceback?: string | null;
}

export interface LogEventMessage {
  type: 'log';
  seq: number;
  node: string;
  stream: 'stdout' | 'stderr' | string;
  line: string;
  time?: string;
}

export interface MetricEventMessage {
  type: 'metric';
  seq: number;
  node: string;
  name: string;
  value: number;
  step: number | null;
}

export interface ProgressEventMessage {
  type: 'progress';
  seq: number;
  node: string;
  current: number;
  total: number;
}

export interface RunEventMessage {
  type: 'run';
  seq: number;
  status: RunStatus;
  started_at?: string | null;
  finished_at?: string | null;
}

export type RunStreamEvent =
  | NodeEventMessage
  | LogEventMessage
  | MetricEventMessage
  | ProgressEventMessage
  | RunEventMessage;

export type RunStreamMessage = SnapshotMessage | RunStreamEvent;

// ---------------------------------------------------------------------------------------------
// Artifacts

export type ArtifactKind = PortType;

export interface Artifact {
  id: EntityId;
  digest: string;
  kind: ArtifactKind;
  size: number;
  schema: { name: string; dtype: string }[] | null;
  row_count: number | null;
  created_at: string;
}

export interface ArtifactPreview {
  columns: string[];
  /** Rows as arrays in column order; objects keyed by column are accepted too. */
  rows: (JsonValue[] | Record<string, JsonValue>)[];
  row_count: number;
}

// ---------------------------------------------------------------------------------------------
// Errors

export interface ApiErrorBody {
  code?: string;
  message?: string;
  detail?: string;
  errors?: ValidationIssue[];
  revision?: number;
  [key: string]: unknown;
}

/** DRF may paginate a list; both a bare array and {results} are accepted. */
export type ListBody<T> = T[] | { results: T[]; count?: number; next?: string | null; previous?: string | null };

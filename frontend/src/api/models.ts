/**
 * Named aliases of the types generated from the OpenAPI schema (schema.d.ts, `npm run gen:api`).
 *
 * The backend's serializers are the one definition of every REST body and websocket message;
 * this file only gives the generated types short names. It declares no shape of its own.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

/** Any JSON value: parameter values and defaults, the before and now of a reuse change. */
export type JsonValue = Schemas['JsonValue'];

/** An id as the API gives it, or as a URL path holds it. */
export type EntityId = Schemas['Run']['id'] | string;

// Auth
export type Me = Schemas['User'];
export type LoginRequest = Schemas['Credentials'];

// Workspaces
export type UserWorkspace = Schemas['UserWorkspace'];
export type Workspace = Schemas['Workspace'];
/** POST /api/workspaces/ (the read-only fields are the server's to fill in). */
export type WorkspaceCreate = Pick<Workspace, 'name' | 'description'>;
export type Member = Schemas['Member'];
export type MemberRole = Schemas['RoleEnum'];

// Components
export type PortType = Schemas['PortType'];
export type ParamType = Schemas['ParamType'];
export type PortSpec = Schemas['PortSpec'];
export type ParamSpec = Schemas['ParamSpec'];
/** A component summary as listed by GET /api/components/ (inputs/outputs/parameters in spec order). */
export type ComponentSummary = Schemas['Component'];

// Pipelines (graph JSON as in DESIGN.md "Pipeline graph")
export type PipelineGraph = Schemas['Graph'];
export type GraphNode = Schemas['GraphNode'];
export type GraphEdge = Schemas['GraphEdge'];
export type ParamBinding = Schemas['ParamBinding'];
/** A node parameter's value: its own, or a binding to a pipeline parameter. */
export type ParamValue = NonNullable<GraphNode['params']>[string];
export type PipelineParameter = Schemas['PipelineParameter'];
export type PipelineParameters = NonNullable<Schemas['Pipeline']['parameters']>;
export type Pipeline = Schemas['Pipeline'];
/** POST /api/pipelines/ (the read-only fields are the server's to fill in). */
export type PipelineCreate = Omit<Schemas['PipelineWrite'], 'id' | 'created_at' | 'updated_at'>;
/** PUT /api/pipelines/{id}/: with the revision it was based on (a stale one gets 409). */
export type PipelineUpdate = PipelineCreate & Pick<Required<Schemas['PipelineWrite']>, 'revision'>;
export type ValidationIssue = Schemas['Issue'];
export type ValidationResult = Schemas['ValidationResult'];
export type ValidateRequest = Schemas['ValidateRequest'];

// Runs
export type RunStatus = Schemas['RunStatus'];
export type NodeStatus = Schemas['NodeStatus'];
export type Run = Schemas['Run'];
export type NodeRun = Schemas['NodeRun'];
/** GET /api/runs/ items and the runs-list stream (`ws://HOST/ws/runs/`). */
export type RunSummary = Schemas['RunSummary'];
/** A row of GET /api/runs/: the summary with the latest value of each `node.metric`. */
export type RunListItem = Schemas['RunListItem'];
export type Progress = Schemas['Progress'];
export type NodeRef = Schemas['NodeRef'];
export type ReuseInfo = Schemas['ReuseInfo'];
export type ReuseChange = Schemas['ReuseChange'];
/** Every field of a submit has a default, so any may be left out. */
export type SubmitRunRequest = Partial<Schemas['Submit']>;
export type RerunRequest = Schemas['Rerun'];
export type LogLine = Schemas['LogLine'];
export type LogsResponse = Schemas['Logs'];
export type MetricPoint = Schemas['MetricPoint'];

// Live run stream (ws://HOST/ws/runs/{id}/) and the runs-list stream (ws://HOST/ws/runs/)
export type RunStreamMessage = Schemas['RunStreamMessage'];
export type SnapshotMessage = Schemas['SnapshotEvent'];
export type RunStreamEvent = Exclude<RunStreamMessage, SnapshotMessage>;
export type NodeEventMessage = Schemas['NodeEvent'];
export type LogEventMessage = Schemas['LogEvent'];
export type MetricEventMessage = Schemas['MetricEvent'];
export type ProgressEventMessage = Schemas['ProgressEvent'];
export type RunEventMessage = Schemas['RunEvent'];
export type RunListMessage = Schemas['RunListMessage'];

// Artifacts
export type ArtifactKind = Schemas['PortType'];
export type Artifact = Schemas['Artifact'];
export type ArtifactPreview = Schemas['Preview'];

// Pipeline versions and endpoints
/** A frozen pipeline: what a run or an endpoint version runs. */
export type PipelineVersion = Schemas['PipelineVersion'];
export type PipelineVersionPage = Schemas['PipelineVersionPage'];
export type PublishRequest = Schemas['Publish'];
export type Published = Schemas['Published'];
export type Endpoint = Schemas['Endpoint'];
export type EndpointPage = Schemas['EndpointPage'];
export type EndpointVersion = Schemas['EndpointVersion'];
/** A pipeline parameter of an endpoint version, as its page lists them. */
export type EndpointParameter = Schemas['Parameter'];
export type EndpointUpdate = Schemas['PatchedEndpointUpdate'];
export type EndpointRunRequest = Schemas['EndpointRunRequest'];
export type EndpointRun = Schemas['EndpointRun'];
/** What started a run: a person, an endpoint call, a schedule or a data trigger. */
export type RunTrigger = Schemas['RunTrigger'];
export type RunTriggerKind = Schemas['RunTriggerKindEnum'];

// Schedules and data triggers
export type Schedule = Schemas['Schedule'];
export type SchedulePage = Schemas['SchedulePage'];
export type ScheduleInput = Schemas['ScheduleInput'];
export type ScheduleRecurrence = Schemas['Recurrence'];
export type Frequency = Schemas['FrequencyEnum'];
export type CatchUp = Schemas['CatchUpEnum'];
export type LastFire = Schemas['LastFire'];
export type RunNow = Schemas['RunNow'];
export type DataTrigger = Schemas['Trigger'];
export type DataTriggerPage = Schemas['TriggerPage'];
export type DataTriggerInput = Schemas['TriggerInput'];

// API tokens
export type ApiToken = Schemas['ApiToken'];
export type ApiTokenPage = Schemas['PaginatedApiTokenList'];
export type ApiTokenCreated = Schemas['ApiTokenCreated'];
export type ApiTokenRequest = Schemas['ApiTokenRequest'];
export type ApiTokenKind = Schemas['ApiTokenKindEnum'];

// Datastores
export type Datastore = Schemas['Datastore'];
export type DatastoreKind = Schemas['DatastoreKind'];
/** POST /api/datastores/: credentials are write-only. */
export type DatastoreInput = Schemas['DatastoreCreate'];
export type DatastoreUpdate = Schemas['PatchedDatastoreUpdate'];
/** GET /api/datastores/{name}/browse/ */
export type DatastoreListing = Schemas['Browse'];
export type DatastoreEntry = Schemas['Entry'];
/** GET /api/datastores/{name}/preview/ */
export type DatastorePreview = Schemas['FilePreview'];

// Datasets
export type SchemaColumn = Schemas['Column'];
export type Dataset = Schemas['Dataset'];
export type DatasetDetail = Schemas['DatasetDetail'];
export type DatasetVersion = Schemas['DatasetVersion'];
export type DatasetSource = Schemas['DatasetSource'];
/** POST /api/datasets/ answers with the version made (or the newest, when the content is the same). */
export type DatasetVersionCreated = Schemas['RegisteredDatasetVersion'];
/** POST /api/datasets/ as JSON: a datastore file or a run's output. */
export type DatasetRegister = Schemas['DatasetRegister'];
export type DatasetUpdate = Schemas['PatchedDatasetUpdate'];

// Model registry
export type RegisteredModel = Schemas['RegisteredModel'];
export type RegisteredModelDetail = Schemas['RegisteredModelDetail'];
export type ModelVersion = Schemas['ModelVersion'];
export type ModelVersionCreated = Schemas['RegisteredModelVersion'];
export type ModelFromRun = Schemas['RegisterFromRun'];
export type ModelUpdate = Schemas['PatchedChange'];
export type AliasAssignment = Schemas['Alias'];

// Inference: pipelines derived from a training run
export type InferenceKind = Schemas['InferenceKind'];
export type DeriveRequest = Schemas['DeriveRequest'];
export type DerivedPipeline = Schemas['DerivedPipeline'];
export type InferenceDiff = Schemas['GraphDiff'];

// Real-time inference endpoints: deployments, scoring, stats and failed requests
export type InferenceEndpoint = Schemas['RealtimeEndpoint'];
export type InferenceEndpointCreate = Schemas['RealtimeEndpointCreate'];
export type InferenceEndpointUpdate = Schemas['PatchedRealtimeEndpointUpdate'];
export type Deployment = Schemas['Deployment'];
export type DeploymentRequest = Schemas['DeploymentRequest'];
export type ServedSource = Schemas['ServedSource'];
export type ScoreRequest = Schemas['ScoreRequest'];
export type ScoreAnswer = Schemas['Score'];
export type SampleRequest = Schemas['SampleRequest'];
export type ScoringStats = Schemas['ScoringStats'];
export type ScoringTotals = Schemas['ScoringTotals'];
export type ScoringBucket = Schemas['ScoringBucket'];
export type DeploymentScoringStats = Schemas['DeploymentScoringStats'];
export type ScoringFailure = Schemas['ScoringFailure'];

// Lineage of a dataset version, a model version or a run
export type Lineage = Schemas['Lineage'];
export type LineageNode = Schemas['LineageNode'];
export type LineageEdge = Schemas['LineageEdge'];
export type LineageKind = Schemas['LineageNodeKindEnum'];

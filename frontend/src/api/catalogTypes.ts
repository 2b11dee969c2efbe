/**
 * Shapes of the datastores, datasets, models and lineage API, declared by hand for as long as the
 * backend's OpenAPI schema does not have them yet. Each matches the agreed REST shape field for
 * field; once `openapi.yaml` carries these serializers, this file gives way to aliases of the
 * generated types in models.ts.
 */
import type { ArtifactPreview } from './models';

/** A column as a schema lists it. */
export interface SchemaColumn {
  name: string;
  dtype: string;
}

// Datastores

export type DatastoreKind = 'local' | 's3' | 'http';

export interface Datastore {
  name: string;
  kind: DatastoreKind;
  path: string;
  bucket: string;
  url: string;
  prefix: string;
  endpoint_url: string;
  description: string;
  has_credentials: boolean;
  created_at: string;
}

/** S3 keys or HTTP headers: sent on create or change, never read back. */
export type DatastoreCredentials = { access_key: string; secret_key: string } | { headers: Record<string, string> };

export type DatastoreInput = Partial<Omit<Datastore, 'has_credentials' | 'created_at'>> & {
  credentials?: DatastoreCredentials;
};

export interface DatastoreEntry {
  name: string;
  path: string;
  kind: 'file' | 'folder';
  size: number | null;
  modified: string | null;
}

export interface DatastoreListing {
  path: string;
  entries: DatastoreEntry[];
  next: string | null;
}

export interface DatastorePreview {
  columns: SchemaColumn[];
  rows: ArtifactPreview['rows'];
  row_count: number | null;
}

// Datasets

export type DatasetSourceKind = 'upload' | 'datastore' | 'run' | 'sample';

export interface DatasetSource {
  kind: DatasetSourceKind;
  file?: string;
  datastore?: string;
  path?: string;
  run?: number;
  node?: string;
  port?: string;
}

export interface DatasetVersion {
  version: number;
  digest: string;
  size: number;
  row_count: number | null;
  schema: SchemaColumn[];
  created_at: string;
  created_by: string | null;
  artifact: number;
  source: DatasetSource;
}

/** POST /api/datasets/ answers with the version made (or the newest, when the content is the same). */
export type DatasetVersionCreated = DatasetVersion & { name: string };

export interface Dataset {
  name: string;
  description: string;
  tags: string[];
  latest_version: number;
  version_count: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  latest: DatasetVersion;
}

export type DatasetDetail = Dataset & { versions: DatasetVersion[] };

export interface DatasetUpdate {
  description?: string;
  tags?: string[];
}

/** Register a dataset from an output of a node run, or from a file of a datastore. */
export type DatasetFromRun = { name: string; run: number; node: string; port: string; description?: string; tags?: string[] };
export type DatasetFromDatastore = { name: string; datastore: string; path: string; description?: string; tags?: string[] };

// Models

export interface ModelLineage {
  run: number | null;
  pipeline: number | null;
  pipeline_version: number | null;
  node: string | null;
  port: string | null;
  datasets: { name: string; version: number; digest: string }[];
}

export interface ModelVersion {
  version: number;
  description: string;
  tags: string[];
  aliases: string[];
  artifact: number;
  digest: string;
  size: number;
  created_at: string;
  created_by: string | null;
  metrics: Record<string, number>;
  input_schema: SchemaColumn[];
  task: string | null;
  model_class: string | null;
  label_column: string | null;
  lineage: ModelLineage;
  source: 'run' | 'upload';
}

export type ModelVersionCreated = ModelVersion & { name: string };

export interface RegisteredModel {
  name: string;
  description: string;
  tags: string[];
  latest_version: number;
  version_count: number;
  aliases: Record<string, number>;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

export type RegisteredModelDetail = RegisteredModel & { versions: ModelVersion[] };

export type ModelFromRun = { name: string; run: number; node: string; port: string; description?: string; tags?: string[] };

export interface ModelUpdate {
  description?: string;
  tags?: string[];
}

export interface AliasAssignment {
  alias: string;
  version: number;
}

// Lineage

export type LineageKind = 'dataset' | 'run' | 'model';

export interface LineageNode {
  id: string;
  kind: LineageKind;
  label: string;
  name?: string;
  version?: number;
  run?: number;
  status?: string;
  pipeline?: string;
  created_at: string;
}

export interface LineageEdge {
  source: string;
  target: string;
  label?: string;
}

export interface Lineage {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
}

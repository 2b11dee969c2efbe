/**
 * Pipeline parameters and the node fields bound to them ({"$param": name}). Pure edits of the
 * parameter definitions and the graph together; no store, no React.
 *
 * Which parameter types may feed which node parameter mirrors the server's rule
 * (designer/kernel/bindings.py ACCEPTS), so the inspector only offers bindings that validate.
 */
import type { GraphNode, JsonValue, ParamSpec, ParamType, PipelineGraph, PipelineParameter, PipelineParameters } from '../../api/models';
import { isBinding } from '../inspector/paramValues';
import { paramsOf } from '../../graph/nodeFields';

export const PIPELINE_PARAM_TYPES = ['integer', 'number', 'string', 'boolean'] as const;
export type PipelineParamType = (typeof PIPELINE_PARAM_TYPES)[number];

const ACCEPTS: Record<ParamType, readonly PipelineParamType[]> = {
  integer: ['integer'],
  number: ['integer', 'number'],
  string: ['string'],
  boolean: ['boolean'],
  enum: ['string'],
  column: ['string'],
  columns: [],
  code: ['string'],
  json: [],
};

/** Parameter types that may be bound to a node parameter of this spec. */
export function acceptedTypes(spec: Pick<ParamSpec, 'type'>): readonly PipelineParamType[] {
  return ACCEPTS[spec.type] ?? [];
}

/** The parameter type a field is promoted to (null: this kind of field cannot be promoted). */
export function promotedType(spec: Pick<ParamSpec, 'type'>): PipelineParamType | null {
  if (spec.type === 'integer' || spec.type === 'number' || spec.type === 'boolean') return spec.type;
  return acceptedTypes(spec).includes('string') ? 'string' : null;
}

export const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function uniqueParamName(base: string, taken: PipelineParameters): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_') || 'param';
  if (!(clean in taken)) return clean;
  for (let n = 2; ; n += 1) if (!(`${clean}_${n}` in taken)) return `${clean}_${n}`;
}

export function defaultFor(type: PipelineParamType): JsonValue {
  if (type === 'boolean') return false;
  if (type === 'string') return '';
  return 0;
}

export interface ParamsDocument {
  graph: PipelineGraph;
  parameters: PipelineParameters;
}

function mapParams(graph: PipelineGraph, change: (value: JsonValue, node: GraphNode, key: string) => JsonValue | undefined) {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    let params: Record<string, JsonValue> | null = null;
    for (const [key, value] of Object.entries(paramsOf(node))) {
      const next = change(value, node, key);
      if (next === value) continue;
      params ??= { ...node.params };
      if (next === undefined) delete params[key];
      else params[key] = next;
    }
    if (!params) return node;
    changed = true;
    return { ...node, params };
  });
  return changed ? { ...graph, nodes } : graph;
}

/** Every node field bound to the parameter, as "node.field". */
export function bindingsOf(graph: PipelineGraph, name: string): string[] {
  const found: string[] = [];
  for (const node of graph.nodes) {
    for (const [key, value] of Object.entries(paramsOf(node))) {
      if (isBinding(value) && value.$param === name) found.push(`${node.id}.${key}`);
    }
  }
  return found;
}

export function addParameter<D extends ParamsDocument>(doc: D, name: string, definition: PipelineParameter): D {
  if (name in doc.parameters) return doc;
  return { ...doc, parameters: { ...doc.parameters, [name]: definition } };
}

export function updateParameter<D extends ParamsDocument>(doc: D, name: string, patch: Partial<PipelineParameter>): D {
  const current = doc.parameters[name];
  if (!current) return doc;
  const next = { ...current, ...patch };
  if (JSON.stringify(next) === JSON.stringify(current)) return doc;
  return { ...doc, parameters: { ...doc.parameters, [name]: next } };
}

/** Renames a parameter (keeping its place in the list) and every binding to it. */
export function renameParameter<D extends ParamsDocument>(doc: D, from: string, to: string): D {
  if (from === to || !(from in doc.parameters) || to in doc.parameters) return doc;
  const parameters = Object.fromEntries(
    Object.entries(doc.parameters).map(([name, definition]) => [name === from ? to : name, definition]),
  );
  const graph = mapParams(doc.graph, (value) => (isBinding(value) && value.$param === from ? { $param: to } : value));
  return { ...doc, parameters, graph };
}

/** Removes a parameter; the fields bound to it get its default as their own value. */
export function removeParameter<D extends ParamsDocument>(doc: D, name: string): D {
  const definition = doc.parameters[name];
  if (!definition) return doc;
  const parameters = { ...doc.parameters };
  delete parameters[name];
  const inline = definition.default === undefined || definition.default === null ? undefined : definition.default;
  const graph = mapParams(doc.graph, (value) => (isBinding(value) && value.$param === name ? inline : value));
  return { ...doc, parameters, graph };
}

export function bindField<D extends ParamsDocument>(doc: D, nodeId: string, field: string, name: string | null): D {
  const nodes = doc.graph.nodes.map((node) => {
    if (node.id !== nodeId) return node;
    const current = paramsOf(node)[field];
    if (name === null) {
      if (current === undefined) return node;
      const params = { ...node.params };
      delete params[field];
      return { ...node, params };
    }
    if (isBinding(current) && current.$param === name) return node;
    return { ...node, params: { ...node.params, [field]: { $param: name } } };
  });
  const changed = nodes.some((node, index) => node !== doc.graph.nodes[index]);
  return changed ? { ...doc, graph: { ...doc.graph, nodes } } : doc;
}

/**
 * Makes a node field a pipeline parameter: a new parameter named after the field, whose default
 * is the field's current value (or the component default), and the field bound to it.
 */
export function promoteField<D extends ParamsDocument>(
  doc: D,
  nodeId: string,
  field: string,
  spec: ParamSpec,
): { doc: D; name: string | null } {
  const type = promotedType(spec);
  const node = doc.graph.nodes.find((candidate) => candidate.id === nodeId);
  if (!type || !node) return { doc, name: null };
  const current = paramsOf(node)[field];
  if (isBinding(current)) return { doc, name: current.$param };
  const value = current !== undefined ? current : spec.default;
  const name = uniqueParamName(field, doc.parameters);
  const definition: PipelineParameter = { type, default: value === undefined ? defaultFor(type) : value };
  if (spec.description) definition.description = spec.description;
  const added = addParameter(doc, name, definition);
  return { doc: bindField(added, nodeId, field, name), name };
}

/**
 * What a palette item puts on a drag and what the canvas reads back from a drop: a component
 * ("name@version") under COMPONENT_MIME, or a dataset — a component with parameters already
 * filled in — as JSON under DATASET_MIME. Pure; it only sees strings, never the DOM.
 */
import type { JsonValue } from '../../api/models';

/** Carries "name@version". */
export const COMPONENT_MIME = 'application/pipewright-component';
/** Carries JSON {component, params}. */
export const DATASET_MIME = 'application/pipewright-dataset';

/** A node to add: its component and the parameters it starts with. */
export interface NodeToAdd {
  component: string;
  params: Record<string, JsonValue>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function datasetDragData(node: NodeToAdd): string {
  return JSON.stringify({ component: node.component, params: node.params });
}

/** The node a dataset drag describes, or null when the text is not such a payload. */
export function parseDatasetDragData(raw: string): NodeToAdd | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.component !== 'string' || value.component === '') return null;
  const params = value.params ?? {};
  if (!isRecord(params)) return null;
  // Parsed from JSON, so every value is a JsonValue already.
  return { component: value.component, params: params as Record<string, JsonValue> };
}

/** Whether the canvas takes this drag. Browsers show only the types until the drop itself. */
export function canDrop(types: readonly string[]): boolean {
  return types.includes(DATASET_MIME) || types.includes(COMPONENT_MIME);
}

/** What a drop adds: the dataset when it carries one, else the bare component, else nothing. */
export function readDrop(getData: (type: string) => string): NodeToAdd | null {
  const dataset = getData(DATASET_MIME);
  if (dataset) return parseDatasetDragData(dataset);
  const component = getData(COMPONENT_MIME);
  return component ? { component, params: {} } : null;
}

/** The name suggested when a run's output is registered as a model or a dataset. Pure. */

/** Lower case, words joined by "-", only letters, digits, "-" and "_". */
export function slugName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 64);
}

/** A model is named after its pipeline, or else the node that trained it. */
export function suggestModelName(pipelineName: string | undefined, nodeId: string): string {
  return slugName(pipelineName ?? '') || slugName(nodeId) || 'model';
}

/** A table is named after the node and port that wrote it (a single-output node's port is left out). */
export function suggestDatasetName(nodeId: string, port: string, ports: number): string {
  return slugName(ports > 1 ? `${nodeId}-${port}` : nodeId) || 'dataset';
}

/**
 * Node ids of a pipeline graph: the component name, then name_2, name_3… when taken.
 * Pure; used by the document store when a component is dropped on the canvas.
 */

export function nextNodeId(componentName: string, taken: ReadonlySet<string> | readonly string[]): string {
  const used = taken instanceof Set ? taken : new Set(taken);
  const base = componentName || 'node';
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * Pipelines as files: the file name a YAML export gets, and handing text to the browser as a
 * download. The name rule is pure; the download touches only the DOM.
 */

/** "Churn model v2" → "churn-model-v2.pipeline.yaml". */
export function exportFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'pipeline'}.pipeline.yaml`;
}

export function downloadText(text: string, fileName: string, type = 'text/yaml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

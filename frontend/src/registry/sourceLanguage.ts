/** Which CodeMirror language a component file is highlighted with, by its extension. Pure. */

export type SourceLanguage = 'python' | 'sql' | 'json' | 'markdown';

const BY_EXTENSION: Record<string, SourceLanguage> = {
  py: 'python',
  pyi: 'python',
  sql: 'sql',
  json: 'json',
  md: 'markdown',
  markdown: 'markdown',
};

/** null means plain text (yaml, txt, shell…). */
export function languageForPath(path: string): SourceLanguage | null {
  const name = path.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** The file to show first: the one the `python` entry point names ("split.py:run"), else the first. */
export function initialSourcePath(paths: readonly string[], python: string | null | undefined): string | undefined {
  const entry = python?.split(':', 1)[0];
  return (entry && paths.find((path) => path === entry || path.endsWith(`/${entry}`))) || paths[0];
}

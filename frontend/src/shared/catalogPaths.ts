/**
 * Where the pages of registered datasets and models, and lineage graphs, live in the app — so
 * every link to them is built one way. Pure.
 */
import type { LineageSubject } from '../api/lineage';

function withVersion(path: string, version?: number): string {
  return version === undefined ? path : `${path}?version=${version}`;
}

export function datasetPagePath(name: string, version?: number): string {
  return withVersion(`/datasets/${encodeURIComponent(name)}`, version);
}

export function modelPagePath(name: string, version?: number): string {
  return withVersion(`/models/${encodeURIComponent(name)}`, version);
}

export function lineagePagePath(subject: LineageSubject): string {
  const query = new URLSearchParams();
  if (subject.kind === 'run') query.set('run', String(subject.run));
  else {
    query.set(subject.kind, subject.name);
    query.set('version', String(subject.version));
  }
  return `/lineage?${query.toString()}`;
}

/** The lineage subject a /lineage URL names, or null when it names none. */
export function lineageSubjectOf(params: URLSearchParams): LineageSubject | null {
  const run = Number(params.get('run'));
  if (params.has('run')) return Number.isInteger(run) && run > 0 ? { kind: 'run', run } : null;
  const version = Number(params.get('version'));
  if (!Number.isInteger(version) || version < 1) return null;
  for (const kind of ['dataset', 'model'] as const) {
    const name = params.get(kind);
    if (name) return { kind, name, version };
  }
  return null;
}

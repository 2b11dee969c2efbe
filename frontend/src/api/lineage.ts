/**
 * Lineage resource: what produced a dataset version, a model version or a run, and what used it
 * (one graph shape for all three). Query keys and hooks only.
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { http } from './http';
import type { Lineage } from './models';

export type { Lineage, LineageEdge, LineageKind, LineageNode } from './models';

/** Whose lineage: a dataset or model version, or a run. */
export type LineageSubject =
  | { kind: 'dataset'; name: string; version: number }
  | { kind: 'model'; name: string; version: number }
  | { kind: 'run'; run: number };

export function lineagePath(subject: LineageSubject): string {
  if (subject.kind === 'run') return `/api/runs/${subject.run}/lineage/`;
  const base = subject.kind === 'dataset' ? '/api/datasets/' : '/api/models/';
  return `${base}${encodeURIComponent(subject.name)}/versions/${subject.version}/lineage/`;
}

export const lineageKeys = {
  all: ['lineage'] as const,
  of: (subject: LineageSubject) => [...lineageKeys.all, lineagePath(subject)] as const,
};

export function useLineage(subject: LineageSubject | null) {
  return useQuery({
    queryKey: subject ? lineageKeys.of(subject) : lineageKeys.all,
    queryFn: subject ? ({ signal }) => http.get<Lineage>(lineagePath(subject), signal) : skipToken,
  });
}

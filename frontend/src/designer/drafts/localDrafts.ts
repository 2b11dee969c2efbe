/**
 * Unsaved work kept in the browser (localStorage), so nothing typed is lost to a reload, a
 * crash or a failed save. One entry per pipeline and base revision (the server revision the
 * edits started from); written while the document has unsaved changes, removed once they are
 * saved or deliberately thrown away. Pure functions over a Storage, tested with a fake one.
 */
import type { EntityId } from '../../api/models';
import type { PipelineDocument } from '../document/documentStore';

export const DRAFT_PREFIX = 'pipewright.draft.';

export interface LocalDraft {
  pipelineId: string;
  /** The server revision the unsaved edits were made on. */
  baseRevision: number;
  /** When the browser kept it (ISO time). */
  savedAt: string;
  document: PipelineDocument;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export function draftKey(pipelineId: EntityId, baseRevision: number): string {
  return `${DRAFT_PREFIX}${String(pipelineId)}.${baseRevision}`;
}

function keysOf(storage: Store, pipelineId: EntityId): string[] {
  const prefix = `${DRAFT_PREFIX}${String(pipelineId)}.`;
  const keys: string[] = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key?.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length))) keys.push(key);
  }
  return keys;
}

function parse(text: string | null): LocalDraft | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as Partial<LocalDraft>;
    const doc = raw.document;
    if (typeof raw.pipelineId !== 'string' || typeof raw.baseRevision !== 'number' || typeof raw.savedAt !== 'string') return null;
    if (!doc || typeof doc.name !== 'string' || typeof doc.graph !== 'object' || doc.graph === null) return null;
    return raw as LocalDraft;
  } catch {
    return null;
  }
}

/** Keeps the draft, replacing older ones of the same pipeline. Returns false if storage refused. */
export function writeLocalDraft(storage: Store, draft: LocalDraft): boolean {
  const key = draftKey(draft.pipelineId, draft.baseRevision);
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    return false;
  }
  for (const other of keysOf(storage, draft.pipelineId)) if (other !== key) storage.removeItem(other);
  return true;
}

/** The most recently kept draft of the pipeline, if any. */
export function readLocalDraft(storage: Store, pipelineId: EntityId): LocalDraft | null {
  let latest: LocalDraft | null = null;
  for (const key of keysOf(storage, pipelineId)) {
    const draft = parse(storage.getItem(key));
    if (draft && (!latest || draft.savedAt > latest.savedAt)) latest = draft;
  }
  return latest;
}

export function clearLocalDrafts(storage: Store, pipelineId: EntityId): void {
  for (const key of keysOf(storage, pipelineId)) storage.removeItem(key);
}

function comparable(doc: PipelineDocument): string {
  return JSON.stringify([doc.name, doc.description ?? '', doc.graph, doc.parameters ?? {}, doc.default_compute ?? 'default']);
}

/** Whether a kept draft holds something the server copy does not. */
export function differsFrom(draft: LocalDraft, server: PipelineDocument): boolean {
  return comparable(draft.document) !== comparable(server);
}

/** localStorage, or null where it is unavailable (private modes, tests without a DOM). */
export function browserStorage(): Store | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

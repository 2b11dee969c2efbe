import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../../test/fixtures';
import { clearLocalDrafts, differsFrom, draftKey, readLocalDraft, writeLocalDraft, type LocalDraft } from './localDrafts';

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  keys() {
    return [...this.items.keys()];
  }
}

const doc = { name: 'Churn', description: '', graph: sampleGraph(), parameters: {} };

function draft(overrides: Partial<LocalDraft> = {}): LocalDraft {
  return { pipelineId: '3', baseRevision: 4, savedAt: '2026-11-25T10:00:00.000Z', document: doc, ...overrides };
}

describe('local drafts', () => {
  it('keeps one draft per pipeline, keyed by id and base revision', () => {
    const storage = new MemoryStorage();
    storage.setItem('unrelated', 'x');
    writeLocalDraft(storage, draft());
    writeLocalDraft(storage, draft({ baseRevision: 5, savedAt: '2026-11-25T10:05:00.000Z' }));
    writeLocalDraft(storage, draft({ pipelineId: '33' }));
    expect(storage.keys().sort()).toEqual(['pipewright.draft.3.5', 'pipewright.draft.33.4', 'unrelated']);
    expect(readLocalDraft(storage, 3)?.baseRevision).toBe(5);
    expect(draftKey(3, 5)).toBe('pipewright.draft.3.5');
  });

  it('clears a pipeline’s drafts only, and ignores what it cannot read', () => {
    const storage = new MemoryStorage();
    writeLocalDraft(storage, draft());
    writeLocalDraft(storage, draft({ pipelineId: '33' }));
    storage.setItem('pipewright.draft.3.9', '{broken');
    expect(readLocalDraft(storage, 3)?.baseRevision).toBe(4);
    clearLocalDrafts(storage, 3);
    expect(readLocalDraft(storage, 3)).toBeNull();
    expect(readLocalDraft(storage, 33)).not.toBeNull();
  });

  it('tells whether a draft holds something the server copy does not', () => {
    expect(differsFrom(draft(), doc)).toBe(false);
    expect(differsFrom(draft({ document: { ...doc, name: 'Other' } }), doc)).toBe(true);
  });

  it('reports a full storage instead of throwing', () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(writeLocalDraft(storage, draft())).toBe(false);
  });
});

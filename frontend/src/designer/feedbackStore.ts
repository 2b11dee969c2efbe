/**
 * What the designer tells the user about the document: validation issues (per node and overall),
 * a short notice line (e.g. why a connection was refused), a save conflict, an unsaved local
 * draft that can be restored, and the run submitted from here (shown over the canvas).
 * Written by the designer's actions; read by nodes (their own issues only) and panels.
 */
import { create } from 'zustand';
import type { EntityId, ValidationIssue } from '../api/models';
import type { LocalDraft } from './drafts/localDrafts';

export type Validity = 'unknown' | 'valid' | 'invalid';
export type NoticeTone = 'info' | 'error' | 'success';

export interface Notice {
  id: number;
  text: string;
  tone: NoticeTone;
}

interface FeedbackState {
  issues: ValidationIssue[];
  issuesByNode: Readonly<Record<string, ValidationIssue[]>>;
  validity: Validity;
  notice: Notice | null;
  /** Set when a save hit 409: the revision now on the server. */
  conflict: { revision: number | null } | null;
  /** Unsaved work from an earlier visit that differs from the server copy. */
  draftOffer: LocalDraft | null;
  /** The run submitted from the designer, shown live over the canvas. */
  submittedRun: EntityId | null;
  showIssues: (valid: boolean, issues: ValidationIssue[]) => void;
  clearIssues: () => void;
  notify: (text: string, tone?: NoticeTone) => void;
  dismissNotice: (id: number) => void;
  setConflict: (conflict: { revision: number | null } | null) => void;
  offerDraft: (draft: LocalDraft | null) => void;
  showRun: (runId: EntityId | null) => void;
}

export function groupIssuesByNode(issues: readonly ValidationIssue[]): Record<string, ValidationIssue[]> {
  const byNode: Record<string, ValidationIssue[]> = {};
  for (const issue of issues) {
    if (!issue.node) continue;
    (byNode[issue.node] ??= []).push(issue);
  }
  return byNode;
}

let noticeCounter = 0;

export const useFeedback = create<FeedbackState>()((set, get) => ({
  issues: [],
  issuesByNode: {},
  validity: 'unknown',
  notice: null,
  conflict: null,
  draftOffer: null,
  submittedRun: null,

  showIssues: (valid, issues) =>
    set({ issues, issuesByNode: groupIssuesByNode(issues), validity: valid && issues.length === 0 ? 'valid' : 'invalid' }),
  clearIssues: () =>
    set({ issues: [], issuesByNode: {}, validity: 'unknown', conflict: null, notice: null, draftOffer: null, submittedRun: null }),
  notify: (text, tone = 'info') => {
    noticeCounter += 1;
    set({ notice: { id: noticeCounter, text, tone } });
  },
  dismissNotice: (id) => {
    if (get().notice?.id === id) set({ notice: null });
  },
  setConflict: (conflict) => set({ conflict }),
  offerDraft: (draftOffer) => set({ draftOffer }),
  showRun: (submittedRun) => set({ submittedRun }),
}));

const NO_ISSUES: ValidationIssue[] = [];

/** A node's own issues (a stable empty list when it has none, so it does not re-render). */
export function useNodeIssues(nodeId: string): ValidationIssue[] {
  return useFeedback((state) => state.issuesByNode[nodeId] ?? NO_ISSUES);
}

import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../api/models';
import { matchesFilters, parseRunsFeedMessage, runsFeedUrl, upsertRunPages, upsertRunSummary } from './runsFeed';

const summary = (id: number, status: RunSummary['status'], extra: Partial<RunSummary> = {}): RunSummary => ({
  id,
  workspace: 'default',
  pipeline: 3,
  pipeline_name: 'Churn',
  version: 1,
  experiment: 'Default',
  description: '',
  tags: [],
  submitted_by: 'ada',
  trigger: { kind: 'manual' },
  status,
  created_at: `2026-11-25T10:00:0${id}Z`,
  started_at: null,
  finished_at: null,
  ...extra,
});

describe('runs feed', () => {
  it('builds the socket address from the page location', () => {
    expect(runsFeedUrl({ protocol: 'https:', host: 'pw.example:8443' })).toBe('wss://pw.example:8443/ws/runs/');
    expect(runsFeedUrl({ protocol: 'http:', host: '127.0.0.1:8000' })).toBe('ws://127.0.0.1:8000/ws/runs/');
  });

  it('accepts run messages only', () => {
    expect(parseRunsFeedMessage(JSON.stringify({ type: 'run', run: summary(1, 'running') }))?.id).toBe(1);
    expect(parseRunsFeedMessage(JSON.stringify({ type: 'run', run: { status: 'running' } }))).toBeNull();
    expect(parseRunsFeedMessage(JSON.stringify({ type: 'node', run: summary(1, 'running') }))).toBeNull();
    expect(parseRunsFeedMessage('nope')).toBeNull();
    expect(parseRunsFeedMessage(null)).toBeNull();
  });

  it('matches filters by pipeline id, experiment name and status', () => {
    const run = summary(1, 'running');
    expect(matchesFilters(run, {})).toBe(true);
    expect(matchesFilters(run, { pipeline: '3', experiment: 'Default', status: 'running' })).toBe(true);
    expect(matchesFilters(run, { pipeline: 4 })).toBe(false);
    expect(matchesFilters(run, { experiment: 'Other' })).toBe(false);
    expect(matchesFilters(run, { status: 'failed' })).toBe(false);
  });

  it('matches the trigger filter by what started the run', () => {
    const called = summary(2, 'running', { trigger: { kind: 'endpoint', endpoint: 'nightly', version: 1 } });
    expect(matchesFilters(called, { trigger: 'endpoint' })).toBe(true);
    expect(matchesFilters(called, { trigger: 'manual' })).toBe(false);
    expect(matchesFilters(summary(1, 'running'), { trigger: 'manual' })).toBe(true);
  });
});

describe('upsertRunSummary', () => {
  const list: RunSummary[] = [summary(2, 'running'), summary(1, 'completed')];

  it('updates a listed run in place', () => {
    const next = upsertRunSummary(list, summary(2, 'failed', { finished_at: 'x' }), {});
    expect(next.map((run) => [run.id, run.status])).toEqual([
      [2, 'failed'],
      [1, 'completed'],
    ]);
    expect(next[0]?.finished_at).toBe('x');
  });

  it('adds a new run at the top when it matches the filters', () => {
    expect(upsertRunSummary(list, summary(3, 'queued'), {}).map((run) => run.id)).toEqual([3, 2, 1]);
    expect(upsertRunSummary(list, summary(3, 'queued'), { status: 'running' })).toBe(list);
  });

  it('drops a run that left the filtered status, and keeps the list when nothing changed', () => {
    expect(upsertRunSummary(list, summary(2, 'completed'), { status: 'running' }).map((run) => run.id)).toEqual([1]);
    expect(upsertRunSummary(list, summary(1, 'completed'), {})).toBe(list);
  });
});

describe('upsertRunPages', () => {
  const pages = {
    pages: [
      { results: [summary(4, 'running'), summary(3, 'running')], next: 'a' },
      { results: [summary(2, 'running'), summary(1, 'completed')], next: null },
    ],
    pageParams: [null, 'a'],
  };
  const ids = (data: typeof pages | undefined) => data!.pages.map((page) => page.results.map((run) => `${run.id}:${run.status}`));

  it('updates a run in the page that holds it, and puts a new run at the top of the first', () => {
    expect(ids(upsertRunPages(pages, summary(2, 'completed'), {}))).toEqual([['4:running', '3:running'], ['2:completed', '1:completed']]);
    expect(ids(upsertRunPages(pages, summary(5, 'queued'), {}))).toEqual([['5:queued', '4:running', '3:running'], ['2:running', '1:completed']]);
    expect(upsertRunPages(pages, summary(1, 'completed'), {})).toBe(pages);
  });
});

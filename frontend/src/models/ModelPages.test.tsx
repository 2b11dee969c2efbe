import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registeredModel } from '../test/catalogFixtures';
import { stubFetch } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';
import { aliasProblem, normalizeAlias } from './aliasRules';
import { metricsLine, ModelDetailPage } from './ModelDetailPage';
import { ModelsPage } from './ModelsPage';

afterEach(() => vi.unstubAllGlobals());

describe('ModelsPage', () => {
  it('lists each model with its newest version and aliases', async () => {
    stubFetch({ 'GET /api/models/': () => jsonResponse(200, { results: [registeredModel('price', 3, { production: 2 })], next: null }) });
    renderWithProviders(<ModelsPage />, { route: '/models', path: '/models' });
    const row = await screen.findByTestId('model-row-price');
    expect(within(row).getByRole('link', { name: 'price' })).toHaveAttribute('href', '/models/price');
    expect(row).toHaveTextContent('v3');
    expect(row).toHaveTextContent('@production → v2');
  });

  it('says how to register a first model', async () => {
    stubFetch({ 'GET /api/models/': () => jsonResponse(200, { results: [], next: null }) });
    renderWithProviders(<ModelsPage />, { route: '/models', path: '/models' });
    expect(await screen.findByTestId('models-empty')).toHaveTextContent('Register model');
  });
});

function renderModel(extra: Parameters<typeof stubFetch>[0] = {}, route = '/models/price') {
  const stub = stubFetch({ 'GET /api/models/price/': () => jsonResponse(200, registeredModel('price', 3, { production: 2 })), ...extra });
  renderWithProviders(<ModelDetailPage />, { route, path: '/models/:name' });
  return stub;
}

describe('ModelDetailPage', () => {
  it('shows the newest version: metrics, input columns, what it was trained on, download and lineage', async () => {
    renderModel();
    const panel = await screen.findByTestId('model-version-3');
    expect(within(panel).getByTestId('model-metrics')).toHaveTextContent('r20.8');
    expect(within(panel).getByTestId('model-input-schema')).toHaveTextContent('area');
    expect(within(panel).getByRole('link', { name: 'houses v2' })).toHaveAttribute('href', '/datasets/houses?version=2');
    expect(within(panel).getByRole('link', { name: 'run 12 · train.model' })).toHaveAttribute('href', '/runs/12?node=train');
    expect(within(panel).getByRole('link', { name: 'Download MLflow model (.zip)' })).toHaveAttribute('href', '/api/models/price/versions/3/download/');
    expect(within(panel).getByRole('link', { name: 'Lineage' })).toHaveAttribute('href', '/lineage?model=price&version=3');
  });

  it('picks a version from the list; its aliases show with it', async () => {
    renderModel();
    const versions = await screen.findByTestId('model-versions');
    fireEvent.click(within(versions).getByRole('button', { name: 'Show v2' }));
    const panel = await screen.findByTestId('model-version-2');
    expect(within(panel).getByRole('heading', { level: 2 })).toHaveTextContent('price v2@production');
  });

  it('moves an alias to another version, and removes one', async () => {
    const { calls } = renderModel({
      'PUT /api/models/price/aliases/production/': () => jsonResponse(200, { alias: 'production', version: 3 }),
      'DELETE /api/models/price/aliases/production/': () => new Response(null, { status: 204 }),
    });
    const aliases = await screen.findByTestId('model-aliases');
    expect(within(aliases).getByTestId('alias-production')).toHaveTextContent('@production → v2');
    fireEvent.change(within(aliases).getByLabelText('Alias'), { target: { value: '@production' } });
    fireEvent.change(within(aliases).getByLabelText('Version'), { target: { value: '3' } });
    fireEvent.click(within(aliases).getByRole('button', { name: 'Move @production' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    expect(JSON.parse(calls.find((call) => call.method === 'PUT')!.init.body as string)).toEqual({ version: 3 });

    fireEvent.click(within(aliases).getByRole('button', { name: 'Remove alias production' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE')).toBe(true));
  });

  it('refuses an alias that would read as something else, before asking the server', async () => {
    const { calls } = renderModel();
    const aliases = await screen.findByTestId('model-aliases');
    fireEvent.change(within(aliases).getByLabelText('Alias'), { target: { value: 'latest' } });
    fireEvent.click(within(aliases).getByRole('button', { name: 'Set alias' }));
    expect(within(aliases).getByRole('alert')).toHaveTextContent('“latest” already means the newest version');
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);
  });
});

describe('pure parts', () => {
  it('reads an alias as typed and says what is wrong with one', () => {
    expect(normalizeAlias(' @production ')).toBe('production');
    expect(aliasProblem('production')).toBeNull();
    expect(aliasProblem('')).toBe('Give the alias a name.');
    expect(aliasProblem('Prod')).toBe('Use lower-case letters only.');
    expect(aliasProblem('3')).toMatch(/cannot be a number/);
    expect(aliasProblem('two words')).toMatch(/no spaces/);
  });

  it('shows the first metrics of a version in name order', () => {
    expect(metricsLine({ r2: 0.91, mae: 3.1 })).toBe('mae 3.1 · r2 0.91');
    expect(metricsLine({ a: 1, b: 2, c: 3, d: 4 })).toBe('a 1 · b 2 · c 3 …');
    expect(metricsLine({})).toBe('');
  });
});

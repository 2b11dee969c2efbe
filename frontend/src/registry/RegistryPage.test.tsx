import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../test/fetchRoutes';
import { categories, summaries } from '../test/registryFixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { RegistryPage } from './RegistryPage';

afterEach(() => vi.unstubAllGlobals());

function renderPage(route = '/registry') {
  return renderWithProviders(<RegistryPage />, {
    route,
    path: '/registry',
    extraRoutes: [{ path: '/registry/:name/:version', element: <p>detail page</p> }],
  });
}

const listCalls = (calls: ReturnType<typeof stubFetch>['calls']) =>
  calls.filter((call) => call.method === 'GET' && call.url.pathname === '/api/components/').map((call) => call.url.search);

describe('RegistryPage', () => {
  it('lists components as cards with their ports, and categories with counts', async () => {
    stubFetch({
      'GET /api/components/': () => jsonResponse(200, summaries),
      'GET /api/components/categories/': () => jsonResponse(200, categories),
    });
    renderPage();

    const card = await screen.findByTestId('registry-card-split_data');
    expect(within(card).getByRole('link', { name: 'Split Data' })).toHaveAttribute('href', '/registry/split_data');
    expect(card).toHaveTextContent('split_data@1.0.0');
    expect(card).toHaveTextContent('Data Transformation');
    expect(within(card).getByTitle('data: dataframe')).toHaveClass('port-dataframe');
    expect(screen.getByText('3 components')).toBeInTheDocument();
    const sidebar = screen.getByRole('navigation', { name: 'Categories' });
    expect(await within(sidebar).findByRole('button', { name: /Model Training\s*1/ })).toBeInTheDocument();
    expect(within(sidebar).getByRole('button', { name: /All categories\s*3/ })).toHaveAttribute('aria-pressed', 'true');
  });

  it('asks the server for a category, a port filter and a search', async () => {
    const { calls } = stubFetch({
      'GET /api/components/': () => jsonResponse(200, summaries),
      'GET /api/components/categories/': () => jsonResponse(200, categories),
    });
    renderPage();
    await screen.findByTestId('registry-card-split_data');

    fireEvent.click(await screen.findByRole('button', { name: /Model Training/ }));
    await waitFor(() => expect(listCalls(calls)).toContain('?category=Model+Training'));

    fireEvent.change(screen.getByRole('combobox', { name: 'Port filter' }), { target: { value: 'in:model' } });
    await waitFor(() => expect(listCalls(calls)).toContain('?category=Model+Training&port_type=model&direction=in'));

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the registry' }), { target: { value: 'score' } });
    await waitFor(() =>
      expect(listCalls(calls)).toContain('?search=score&category=Model+Training&port_type=model&direction=in'),
    );
  });

  it('lists sub-categories under their category, and browses by category and sub-category', async () => {
    const supervised = summaries.map((c) => (c.name === 'train_model' ? { ...c, subcategory: 'Supervised' } : c));
    const { calls } = stubFetch({
      'GET /api/components/': () => jsonResponse(200, supervised),
      'GET /api/components/categories/': () => jsonResponse(200, categories),
    });
    renderPage();
    const group = await screen.findByTestId('registry-group-Model Training');
    expect(within(group).getByRole('heading', { level: 3, name: 'Supervised' })).toBeInTheDocument();
    expect(within(group).getByTestId('registry-card-train_model')).toBeInTheDocument();

    const sidebar = screen.getByRole('navigation', { name: 'Categories' });
    fireEvent.click(within(sidebar).getByRole('button', { name: /Supervised\s*1/ }));
    await waitFor(() => expect(listCalls(calls)).toContain('?category=Model+Training&subcategory=Supervised'));
    expect(within(sidebar).getByRole('button', { name: /Supervised/ })).toHaveAttribute('aria-pressed', 'true');

    // A search lists the server's ranking as it comes, without headings.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the registry' }), { target: { value: 'train' } });
    await waitFor(() => expect(screen.queryByTestId('registry-group-Model Training')).toBeNull());
  });

  it('says when nothing matches and clears the filters', async () => {
    stubFetch({
      'GET /api/components/': () => jsonResponse(200, summaries),
      'GET /api/components/?search=zzz': () => jsonResponse(200, []),
      'GET /api/components/categories/': () => jsonResponse(200, categories),
    });
    renderPage('/registry?search=zzz');

    expect(await screen.findByText('No component matches these filters.')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search the registry' })).toHaveValue('zzz');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByTestId('registry-card-load_csv')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search the registry' })).toHaveValue('');
  });

  it('shows an empty registry as such', async () => {
    stubFetch({
      'GET /api/components/': () => jsonResponse(200, []),
      'GET /api/components/categories/': () => jsonResponse(200, []),
    });
    renderPage();
    expect(await screen.findByText(/The registry is empty/)).toBeInTheDocument();
    expect(await screen.findByText('No categories yet.')).toBeInTheDocument();
  });
});

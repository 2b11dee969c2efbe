import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../test/fetchRoutes';
import { splitDataDetail } from '../test/registryFixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { ComponentDetailPage } from './ComponentDetailPage';

afterEach(() => vi.unstubAllGlobals());

// CodeMirror measures text ranges, which jsdom does not lay out.
beforeAll(() => {
  const empty = { x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 } as DOMRect;
  Range.prototype.getClientRects ??= () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => empty;
});

function renderDetail(route: string) {
  return renderWithProviders(<ComponentDetailPage />, { route, path: '/registry/:name/:version?' });
}

describe('ComponentDetailPage', () => {
  it('shows docs, ports, parameters, source and users of the latest version', async () => {
    stubFetch({ 'GET /api/components/split_data/': () => jsonResponse(200, splitDataDetail()) });
    const { container } = renderDetail('/registry/split_data');

    expect(await screen.findByRole('heading', { name: 'Split Data', level: 1 })).toBeInTheDocument();
    expect(screen.getByTestId('component-ref')).toHaveTextContent('split_data@1.1.0');

    const readme = container.querySelector('.detail-readme');
    expect(readme?.querySelector('strong')).toHaveTextContent('fraction');
    expect(readme?.innerHTML).not.toContain('onerror');

    expect(screen.getByTestId('port-input-data')).toHaveTextContent('Rows to split');
    const fraction = screen.getByTestId('param-row-fraction');
    expect(fraction).toHaveTextContent('0.7');
    expect(fraction).toHaveTextContent('0 – 1');
    expect(screen.getByTestId('param-row-mode')).toHaveTextContent('random, sequential');
    expect(screen.getByTestId('param-row-stratify')).toHaveTextContent('column of data');

    // The entry point's file opens first.
    expect(screen.getByRole('tab', { name: 'split_data.py' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByTestId('code-viewer')).toHaveTextContent('def run(data, fraction=0.7):'));
    fireEvent.click(screen.getByRole('tab', { name: 'component.yaml' }));
    await waitFor(() => expect(screen.getByTestId('code-viewer')).toHaveTextContent('name: split_data'));

    const usedBy = screen.getByRole('region', { name: 'Used by' });
    expect(within(usedBy).getByRole('link', { name: 'Churn model' })).toHaveAttribute('href', '/pipelines/7');
    expect(usedBy).toHaveTextContent('nodes split, split_again');
  });

  it('switches versions through the URL', async () => {
    const { calls } = stubFetch({
      'GET /api/components/split_data/': () => jsonResponse(200, splitDataDetail()),
      'GET /api/components/split_data/versions/1.0.0/': () =>
        jsonResponse(200, splitDataDetail({ version: '1.0.0', used_by: [], readme: '' })),
    });
    renderDetail('/registry/split_data');

    const select = await screen.findByRole('combobox', { name: 'Version' });
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual(['1.1.0 (latest)', '1.0.0']);
    fireEvent.change(select, { target: { value: '1.0.0' } });

    await waitFor(() => expect(screen.getByTestId('component-ref')).toHaveTextContent('split_data@1.0.0'));
    expect(calls.some((call) => call.url.pathname === '/api/components/split_data/versions/1.0.0/')).toBe(true);
    expect(screen.getByText('No pipeline uses this version yet.')).toBeInTheDocument();
  });

  it('yanks a version with a reason, shows it yanked, and takes the yank back', async () => {
    let state = { yanked: false, reason: '' };
    const { calls } = stubFetch({
      'GET /api/components/split_data/versions/1.1.0/': () => jsonResponse(200, splitDataDetail(state)),
      'PATCH /api/components/split_data/versions/1.1.0/': (_url, init) => {
        state = JSON.parse(String(init.body)) as typeof state;
        return jsonResponse(200, splitDataDetail(state));
      },
    });
    renderDetail('/registry/split_data/1.1.0');

    fireEvent.change(await screen.findByRole('textbox', { name: 'Reason' }), { target: { value: 'splits wrongly' } });
    fireEvent.click(screen.getByRole('button', { name: 'Yank 1.1.0' }));

    const notice = await screen.findByText(/This version is yanked: splits wrongly\./);
    expect(notice).toBeInTheDocument();
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(JSON.parse(String(patch?.init.body))).toEqual({ yanked: true, reason: 'splits wrongly' });
    expect(screen.queryByRole('button', { name: 'Yank 1.1.0' })).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Take the yank back' }));
    expect(await screen.findByRole('button', { name: 'Yank 1.1.0' })).toBeInTheDocument();
    expect(screen.queryByText(/This version is yanked/)).not.toBeInTheDocument();
  });

  it('shows why a version may not be yanked', async () => {
    stubFetch({
      'GET /api/components/split_data/versions/1.1.0/': () => jsonResponse(200, splitDataDetail()),
      'PATCH /api/components/split_data/versions/1.1.0/': () =>
        jsonResponse(403, { code: 'administrators_only', message: 'Only an administrator may do this: it belongs to the whole instance.' }),
    });
    renderDetail('/registry/split_data/1.1.0');
    fireEvent.click(await screen.findByRole('button', { name: 'Yank 1.1.0' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only an administrator may do this');
  });

  it('says when there is no such component', async () => {
    stubFetch({ 'GET /api/components/nope/': () => jsonResponse(404, { code: 'not_found', message: "No component named 'nope'." }) });
    renderDetail('/registry/nope');
    expect(await screen.findByText("No component named 'nope'.")).toBeInTheDocument();
  });
});

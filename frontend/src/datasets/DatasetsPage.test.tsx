import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataset, datasetVersion } from '../test/catalogFixtures';
import { FakeXhr, installFakeXhr, sentXhr } from '../test/fakeXhr';
import { stubFetch } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';
import { DatasetsPage } from './DatasetsPage';

beforeEach(() => {
  installFakeXhr();
});
afterEach(() => vi.unstubAllGlobals());

function renderPage(list = [dataset('houses', 3), dataset('iris')], route = '/datasets') {
  const stub = stubFetch({ 'GET /api/datasets/': () => jsonResponse(200, { results: list, next: null }) });
  const result = renderWithProviders(<DatasetsPage />, {
    route,
    path: '/datasets',
    extraRoutes: [{ path: '/datasets/:name', element: <p>dataset page</p> }],
  });
  return { ...stub, ...result };
}

function csv(name: string, size: number): File {
  const file = new File(['rooms,price\n3,100\n'], name, { type: 'text/csv' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

async function openUpload() {
  fireEvent.click(await screen.findByRole('button', { name: 'Upload dataset' }));
  return screen.getByTestId('upload-dataset-dialog');
}

describe('DatasetsPage', () => {
  it('lists each dataset with its newest version, rows, size and tags, and searches on the server', async () => {
    const { calls } = renderPage();
    const row = await screen.findByTestId('dataset-row-houses');
    expect(within(row).getByRole('link', { name: 'houses' })).toHaveAttribute('href', '/datasets/houses');
    expect(row).toHaveTextContent('v3');
    expect(row).toHaveTextContent('300');
    expect(row).toHaveTextContent('3.0 KB');
    expect(row).toHaveTextContent('demo');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search datasets' }), { target: { value: 'hou' } });
    await waitFor(() => expect(calls.some((call) => call.url.searchParams.get('search') === 'hou')).toBe(true));
  });

  it('says how to make a first dataset when there is none', async () => {
    renderPage([]);
    const empty = await screen.findByTestId('datasets-empty');
    fireEvent.click(within(empty).getByRole('button', { name: 'Upload a file' }));
    expect(screen.getByTestId('upload-dataset-dialog')).toBeInTheDocument();
  });

  it('uploads a file with a progress bar, then opens the new version', async () => {
    renderPage();
    const dialog = await openUpload();
    fireEvent.change(within(dialog).getByLabelText('File'), { target: { files: [csv('Houses 2026.csv', 2000)] } });
    expect(within(dialog).getByLabelText('Name')).toHaveValue('houses-2026');
    fireEvent.change(within(dialog).getByLabelText('Description'), { target: { value: 'Sale prices' } });
    fireEvent.change(within(dialog).getByLabelText('Tags'), { target: { value: 'sales, 2026' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Upload' }));

    const xhr = await sentXhr();
    expect(xhr.body?.get('name')).toBe('houses-2026');
    expect(xhr.body?.get('description')).toBe('Sale prices');
    expect(xhr.body?.get('tags')).toBe('["sales","2026"]');
    expect((xhr.body?.get('file') as File).name).toBe('Houses 2026.csv');
    xhr.progress(500, 2000);
    const bar = await within(dialog).findByRole('progressbar', { name: 'Upload' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '25'));
    expect(dialog).toHaveTextContent('Uploading… 25%');
    xhr.progress(2000, 2000);
    await waitFor(() => expect(dialog).toHaveTextContent('Uploaded. Reading the table'));
    xhr.respond(201, { ...datasetVersion(1), name: 'houses-2026' });
    expect(await screen.findByText('dataset page')).toBeInTheDocument();
  });

  it('refuses a file over the size limit before sending anything, and says what the limit is', async () => {
    renderPage();
    const dialog = await openUpload();
    fireEvent.change(within(dialog).getByLabelText('File'), { target: { files: [csv('big.csv', 300 * 1024 * 1024)] } });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('big.csv is 300.0 MB, more than the 200.0 MB an upload may be.');
    expect(within(dialog).getByRole('button', { name: 'Upload' })).toBeDisabled();
  });

  it('shows the server’s refusal: too large, or a bad name next to the name', async () => {
    renderPage();
    const dialog = await openUpload();
    fireEvent.change(within(dialog).getByLabelText('File'), { target: { files: [csv('houses.csv', 100)] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Upload' }));
    (await sentXhr()).respond(413, { code: 'too_large', message: 'Uploads may be at most 50.0 MB.' });
    expect(await within(dialog).findByTestId('upload-error')).toHaveTextContent('Too large: Uploads may be at most 50.0 MB.');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Upload' }));
    (await sentXhr(2)).respond(400, { code: 'invalid', message: 'name: Use lower-case letters.', field: 'name' });
    const name = within(dialog).getByLabelText('Name');
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(within(dialog).getByText('Use lower-case letters.')).toBeInTheDocument();
  });

  it('checks the name before sending anything', async () => {
    renderPage();
    const dialog = await openUpload();
    fireEvent.change(within(dialog).getByLabelText('File'), { target: { files: [csv('houses.csv', 100)] } });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'My Houses' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(within(dialog).getByText('Use only lower-case letters, digits, - and _ (no spaces).')).toBeInTheDocument();
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('says so when the file is the same as the newest version, and makes none', async () => {
    renderPage();
    const dialog = await openUpload();
    fireEvent.change(within(dialog).getByLabelText('File'), { target: { files: [csv('houses.csv', 100)] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Upload' }));
    (await sentXhr()).respond(200, { ...datasetVersion(3), name: 'houses' });
    const notice = await within(dialog).findByRole('status');
    expect(notice).toHaveTextContent('houses v3 already holds exactly this content');
    expect(within(notice).getByRole('link', { name: 'Open it' })).toHaveAttribute('href', '/datasets/houses?version=3');
  });

  it('stops sending when the upload is canceled', async () => {
    renderPage(undefined, '/datasets?upload=1');
    const dialog = await screen.findByTestId('upload-dataset-dialog');
    fireEvent.change(within(dialog).getByLabelText('File'), { target: { files: [csv('houses.csv', 100)] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Upload' }));
    const xhr = await sentXhr();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel upload' }));
    expect(xhr.aborted).toBe(true);
    await waitFor(() => expect(screen.queryByTestId('upload-dataset-dialog')).toBeNull());
  });
});

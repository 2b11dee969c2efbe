import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Datastore } from '../api/models';
import { datasetVersion } from '../test/catalogFixtures';
import { stubFetch } from '../test/fetchRoutes';
import { jsonResponse, renderWithProviders } from '../test/render';
import { datastoreFormToBody, EMPTY_DATASTORE_FORM, parseHeaders, placeText } from './datastoreForm';
import { DatastoresPage } from './DatastoresPage';

afterEach(() => vi.unstubAllGlobals());

const store = (fields: Partial<Datastore>): Datastore => ({
  name: 'data',
  workspace: null,
  kind: 'local',
  path: '/srv/data',
  bucket: '',
  prefix: '',
  endpoint_url: '',
  url: '',
  description: '',
  has_credentials: false,
  created_by: 'ada',
  created_at: '',
  updated_at: '',
  ...fields,
});

function renderPage(extra: Parameters<typeof stubFetch>[0] = {}) {
  const stub = stubFetch({
    'GET /api/datastores/': () => jsonResponse(200, { results: [store({ created_by: null }), store({ name: 'lake', kind: 's3', bucket: 'acme', prefix: 'raw', has_credentials: true })], next: null }),
    'GET /api/datastores/data/browse/': (url) =>
      jsonResponse(200, {
        path: url.searchParams.get('path') ?? '',
        entries: url.searchParams.get('path')
          ? [{ name: 'q1.csv', path: 'sales/q1.csv', kind: 'file', size: 2048, modified: null }]
          : [{ name: 'sales', path: 'sales', kind: 'folder', size: null, modified: null }],
        next: null,
      }),
    'GET /api/datastores/data/preview/': () => jsonResponse(200, { columns: [{ name: 'region', dtype: 'large_string' }], rows: [['north']], row_count: null }),
    ...extra,
  });
  renderWithProviders(<DatastoresPage />, { route: '/datastores', path: '/datastores', extraRoutes: [{ path: '/datasets/:name', element: <p>dataset page</p> }] });
  return stub;
}

describe('DatastoresPage', () => {
  it('lists datastores with where they point and whether they hold credentials; built-in ones cannot be deleted', async () => {
    renderPage();
    const lake = await screen.findByTestId('datastore-row-lake');
    expect(lake).toHaveTextContent('s3://acme/raw');
    expect(lake).toHaveTextContent('stored');
    expect(within(lake).getByRole('button', { name: 'Delete datastore lake' })).toBeInTheDocument();
    expect(within(screen.getByTestId('datastore-row-data')).queryByRole('button', { name: /Delete/ })).toBeNull();
  });

  it('browses into a folder, previews a file and registers it as a dataset', async () => {
    const { calls } = renderPage({ 'POST /api/datasets/': () => jsonResponse(201, { ...datasetVersion(1), name: 'q1' }) });
    fireEvent.click(within(await screen.findByTestId('datastore-row-data')).getByRole('button', { name: 'Browse' }));
    fireEvent.click(await screen.findByRole('button', { name: '📁 sales/' }));
    const file = await screen.findByTestId('entry-sales/q1.csv');
    fireEvent.click(within(file).getByRole('button', { name: 'Preview' }));
    expect(await screen.findByTestId('datastore-preview')).toHaveTextContent('north');
    fireEvent.click(within(file).getByRole('button', { name: 'Register as dataset' }));
    const dialog = screen.getByTestId('register-file-dialog');
    expect(within(dialog).getByLabelText('Name')).toHaveValue('q1');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('dataset page')).toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST')!;
    expect(JSON.parse(post.init.body as string)).toEqual({ name: 'q1', datastore: 'data', path: 'sales/q1.csv', description: '', tags: [] });
  });

  it('creates an S3 datastore with its keys, sent once', async () => {
    const { calls } = renderPage({ 'POST /api/datastores/': () => jsonResponse(201, store({ name: 'bucket' })) });
    fireEvent.click(await screen.findByRole('button', { name: 'New datastore' }));
    const form = screen.getByRole('form', { name: 'New datastore' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'bucket' } });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 's3' } });
    fireEvent.change(within(form).getByLabelText('Bucket'), { target: { value: 'acme' } });
    fireEvent.change(within(form).getByLabelText('Access key (optional)'), { target: { value: 'AK' } });
    fireEvent.change(within(form).getByLabelText('Secret key (optional)'), { target: { value: 'SK' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create datastore' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New datastore' })).toBeNull());
    const post = calls.find((call) => call.method === 'POST')!;
    expect(JSON.parse(post.init.body as string)).toEqual({
      name: 'bucket',
      kind: 's3',
      description: '',
      bucket: 'acme',
      prefix: '',
      endpoint_url: '',
      credentials: { access_key: 'AK', secret_key: 'SK' },
    });
  });
});

describe('datastore form', () => {
  it('sends only the fields of the chosen kind and says what is missing', () => {
    const { body, errors } = datastoreFormToBody({ ...EMPTY_DATASTORE_FORM, name: 'Data', kind: 'http', url: '' });
    expect(body).toEqual({ name: 'Data', kind: 'http', description: '', url: '' });
    expect(errors.name).toBe('Use lower-case letters only.');
    expect(errors.url).toMatch(/base URL/);
  });

  it('reads headers line by line and refuses a line without a name', () => {
    expect(parseHeaders('Authorization: Bearer x\n\nX-Key: 1')).toEqual({ headers: { Authorization: 'Bearer x', 'X-Key': '1' }, problem: null });
    expect(parseHeaders('nonsense').problem).toBe('Line 1 is not “Name: value”.');
    const { errors } = datastoreFormToBody({ ...EMPTY_DATASTORE_FORM, name: 'api', kind: 's3', bucket: 'b', accessKey: 'only' });
    expect(errors.credentials).toMatch(/both/);
  });

  it('says where a datastore points', () => {
    expect(placeText({ kind: 'local', path: '/srv/data' })).toBe('/srv/data');
    expect(placeText({ kind: 's3', bucket: 'acme', prefix: '' })).toBe('s3://acme');
    expect(placeText({ kind: 'http', url: 'https://x.org/' })).toBe('https://x.org/');
  });
});

import { createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportedPipeline, ImportResult } from '../api/imports';
import { stubFetch } from '../test/fetchRoutes';
import { splitData } from '../test/fixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { ImportDropZone } from './ImportDropZone';

afterEach(() => vi.unstubAllGlobals());

const pipeline = (fields: Partial<ImportedPipeline>): ImportedPipeline => ({
  id: 12,
  workspace: 'default',
  name: 'NYC taxi',
  description: '',
  graph: { nodes: [], edges: [] },
  parameters: {},
  default_compute: 'default',
  revision: 1,
  created_at: '2026-11-20T09:00:00Z',
  updated_at: '2026-11-20T09:00:00Z',
  valid: true,
  errors: [],
  ...fields,
});

const created: ImportResult = {
  components: [{ ...splitData, name: 'prep_taxi', version: '1.0.0', display_name: 'Prep Taxi' }],
  pipelines: [
    pipeline({}),
    pipeline({
      id: 13,
      name: 'Needs data',
      valid: false,
      errors: [{ node: 'prep', port: null, param: 'path', code: 'required_param', message: 'prep needs path' }],
    }),
  ],
  schedules: [],
  notes: [{ file: 'prep.yml', field: 'environment', message: 'runs in the default environment' }],
};

function drop(files: File[]) {
  const zone = screen.getByTestId('import-drop-zone');
  const dataTransfer = { files, types: ['Files'], dropEffect: 'none' };
  fireEvent(zone, Object.assign(createEvent.dragOver(zone), { dataTransfer }));
  expect(zone).toHaveClass('over');
  fireEvent(zone, Object.assign(createEvent.drop(zone), { dataTransfer }));
}

function sentFiles(calls: ReturnType<typeof stubFetch>['calls']): string[] {
  const call = calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/imports/');
  const form = call?.init.body as FormData;
  return form.getAll('file').map((file) => (file as File).name);
}

describe('ImportDropZone', () => {
  it('sends the dropped YAML files together and links what was created, with the notes', async () => {
    const { calls } = stubFetch({ 'POST /api/imports/': () => jsonResponse(201, created) });
    renderWithProviders(<ImportDropZone />);

    drop([new File(['a'], 'prep.yml'), new File(['b'], 'pipeline.yaml'), new File(['c'], 'prep.py')]);

    const outcome = await screen.findByTestId('import-result');
    expect(sentFiles(calls)).toEqual(['prep.yml', 'pipeline.yaml']);
    expect(screen.getByText(/Not sent .*prep\.py/)).toBeInTheDocument();
    expect(outcome).toHaveTextContent('Imported 1 component and 2 pipelines.');
    expect(within(outcome).getByRole('link', { name: 'Prep Taxi' })).toHaveAttribute('href', '/registry/prep_taxi/1.0.0');
    expect(within(outcome).getByRole('link', { name: 'NYC taxi' })).toHaveAttribute('href', '/pipelines/12');
    expect(screen.getByTestId('imported-pipeline-12')).toHaveTextContent('ready to run');
    expect(screen.getByTestId('imported-pipeline-13')).toHaveTextContent('1 problem to fix in the designer');
    expect(screen.getByTestId('imported-pipeline-13')).toHaveTextContent('prep needs path');
    const note = screen.getByTestId('import-note');
    expect(note).toHaveAttribute('data-file', 'prep.yml');
    expect(note).toHaveTextContent('environment: runs in the default environment');

    fireEvent.click(within(outcome).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('import-result')).not.toBeInTheDocument());
  });

  it('lists a refusal by file and field, saying nothing was imported', async () => {
    stubFetch({
      'POST /api/imports/': () =>
        jsonResponse(400, {
          code: 'import_refused',
          message: 'Cannot import: sweep.yml: type: not supported (and 2 more).',
          errors: [
            { file: 'sweep.yml', field: 'type', message: 'sweep jobs are not supported here' },
            { file: 'train.yml', field: 'distribution', message: 'has no counterpart here' },
            { file: 'train.yml', field: 'resources', message: 'would change how the step runs' },
          ],
        }),
    });
    renderWithProviders(<ImportDropZone />);
    fireEvent.change(screen.getByTestId('import-files'), {
      target: { files: [new File(['a'], 'sweep.yml'), new File(['b'], 'train.yml')] },
    });

    const refused = await screen.findByTestId('import-refused');
    expect(refused).toHaveTextContent('Nothing was imported: 3 problems.');
    const files = screen.getAllByTestId('import-problem');
    expect(files.map((file) => file.getAttribute('data-file'))).toEqual(['sweep.yml', 'train.yml']);
    expect(files[1]).toHaveTextContent('distribution: has no counterpart here');
    expect(files[1]).toHaveTextContent('resources: would change how the step runs');
  });

  it('says what clashed when a component version exists with other content', async () => {
    stubFetch({
      'POST /api/imports/': () =>
        jsonResponse(409, { code: 'conflict', message: 'prep_taxi@1.0.0 is already registered with other content.' }),
    });
    renderWithProviders(<ImportDropZone />);
    drop([new File(['a'], 'prep.yml')]);

    const refused = await screen.findByTestId('import-refused');
    expect(refused).toHaveTextContent('Nothing was imported: prep_taxi@1.0.0 is already registered with other content.');
    expect(refused).toHaveTextContent('new version');
  });

  it('sends nothing when no file is YAML or zip', async () => {
    const { calls } = stubFetch({});
    renderWithProviders(<ImportDropZone />);
    drop([new File(['a'], 'readme.md')]);
    expect(await screen.findByText(/Not sent .*readme\.md/)).toBeInTheDocument();
    expect(calls.filter((call) => call.url.pathname === '/api/imports/')).toHaveLength(0);
  });
});

import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch, type Handler } from '../test/fetchRoutes';
import { categories, splitDataDetail, summaries } from '../test/registryFixtures';
import { jsonResponse, renderWithProviders } from '../test/render';
import { RegistryPage } from './RegistryPage';

afterEach(() => vi.unstubAllGlobals());

function openAndUpload(register: Handler) {
  const stub = stubFetch({
    'GET /api/components/': () => jsonResponse(200, summaries),
    'GET /api/components/categories/': () => jsonResponse(200, categories),
    'POST /api/components/': register,
  });
  renderWithProviders(<RegistryPage />, {
    route: '/registry',
    path: '/registry',
    extraRoutes: [{ path: '/registry/:name/:version', element: <p>detail page</p> }],
  });
  fireEvent.click(screen.getByRole('button', { name: 'Register component' }));
  const dialog = screen.getByRole('dialog', { name: 'Register component' });
  const file = new File(['PK…'], 'my_component.zip', { type: 'application/zip' });
  fireEvent.change(screen.getByLabelText('Component archive (.zip)'), { target: { files: [file] } });
  fireEvent.click(screen.getByRole('button', { name: 'Register' }));
  return { ...stub, dialog, file };
}

describe('RegisterDialog', () => {
  it('posts the archive as multipart and opens the new component', async () => {
    const { calls, file } = openAndUpload(() => jsonResponse(201, splitDataDetail({ name: 'my_component', version: '0.1.0' })));

    expect(await screen.findByText('detail page')).toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST');
    const form = post?.init.body as FormData;
    expect(form.get('archive')).toBeInstanceOf(File);
    expect((form.get('archive') as File).name).toBe(file.name);
  });

  it('lists the spec errors of a 400, field by field', async () => {
    openAndUpload(() =>
      jsonResponse(400, {
        code: 'invalid_spec',
        message: 'component.yaml: 2 problems',
        errors: [
          { file: 'component.yaml', field: 'version', message: 'must be a semantic version like 1.0.0' },
          { file: 'component.yaml', field: 'inputs.data.type', message: "unknown port type 'table'" },
        ],
      }),
    );

    const errors = await screen.findAllByTestId('spec-error');
    expect(errors.map((item) => item.textContent)).toEqual([
      'version: must be a semantic version like 1.0.0',
      "inputs.data.type: unknown port type 'table'",
    ]);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('shows the conflict of a 409', async () => {
    openAndUpload(() =>
      jsonResponse(409, {
        code: 'version_exists',
        message: 'my_component@0.1.0 is already registered with other content; give this one a new version.',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('already registered with other content');
  });

  it('closes on Cancel', () => {
    stubFetch({ 'GET /api/components/': () => jsonResponse(200, []) });
    renderWithProviders(<RegistryPage />, { route: '/registry', path: '/registry' });
    fireEvent.click(screen.getByRole('button', { name: 'Register component' }));
    expect(screen.getByRole('button', { name: 'Register' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { CatalogGroup, type CatalogGroupProps } from './CatalogGroup';
import { datasetNode } from './palette';

const houses = { name: 'houses', description: 'Sale prices', tags: ['regression'], latest_version: 3 };

function renderGroup(props: Partial<CatalogGroupProps> = {}) {
  const onAdd = vi.fn();
  renderWithProviders(
    <CatalogGroup
      title="Datasets"
      itemTestId="palette-dataset"
      empty="Nothing registered"
      entries={[houses]}
      error={null}
      onRetry={() => {}}
      toNode={datasetNode}
      searching={false}
      open
      onToggle={() => {}}
      onAdd={onAdd}
      {...props}
    />,
  );
  return onAdd;
}

describe('CatalogGroup', () => {
  it('labels each entry with its newest version and adds it as a latest-version node on double-click', () => {
    const onAdd = renderGroup();
    const item = screen.getByTestId('palette-dataset-houses');
    expect(item).toHaveTextContent('houses');
    expect(item).toHaveTextContent('v3');
    expect(item.title).toContain('Tags: regression');
    fireEvent.doubleClick(item);
    expect(onAdd).toHaveBeenCalledWith({ component: 'dataset@1.0.0', params: { name: 'houses', version: 'latest' } });
  });

  it('puts the node on a drag, for the canvas to read back on the drop', () => {
    renderGroup();
    const data = new Map<string, string>();
    fireEvent.dragStart(screen.getByTestId('palette-dataset-houses'), {
      dataTransfer: { setData: (type: string, value: string) => data.set(type, value), effectAllowed: '' },
    });
    expect(JSON.parse(data.get('application/pipewright-dataset') ?? '')).toEqual({
      component: 'dataset@1.0.0',
      params: { name: 'houses', version: 'latest' },
    });
  });

  it('says what to do when nothing is registered', () => {
    renderGroup({ entries: [] });
    expect(screen.getByTestId('palette-datasets-empty')).toHaveTextContent('Nothing registered');
  });

  it('shows loading, then the error with a retry when the list cannot be fetched', () => {
    const onRetry = vi.fn();
    renderGroup({ entries: undefined });
    expect(screen.getByText('Loading datasets…')).toBeInTheDocument();
    renderGroup({ entries: undefined, error: new Error('down'), onRetry });
    fireEvent.click(screen.getByRole('button', { name: /retry/i }));
    expect(onRetry).toHaveBeenCalled();
  });

  it('hides itself while a search matches none of them', () => {
    renderGroup({ entries: [], searching: true });
    expect(screen.queryByTestId('palette-group-Datasets')).toBeNull();
  });
});

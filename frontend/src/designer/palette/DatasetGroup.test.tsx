import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../../api/datasets';
import { DatasetGroup } from './DatasetGroup';

const sales: Dataset = {
  name: 'shop/sales.csv',
  kind: 'file',
  component: 'import_data@1.0.0',
  params: { path: 'shop/sales.csv' },
  description: 'File shop/sales.csv',
  size: 2048,
};

function renderGroup(props: Partial<Parameters<typeof DatasetGroup>[0]> = {}) {
  const onAdd = vi.fn();
  render(
    <DatasetGroup
      datasets={[sales]}
      error={null}
      onRetry={() => {}}
      searching={false}
      open
      onToggle={() => {}}
      onAdd={onAdd}
      {...props}
    />,
  );
  return onAdd;
}

describe('DatasetGroup', () => {
  it('labels each dataset with its name and kind, and adds it with its parameters on double-click', () => {
    const onAdd = renderGroup();
    const item = screen.getByTestId('palette-dataset-shop/sales.csv');
    expect(item).toHaveTextContent('shop/sales.csv');
    expect(item).toHaveTextContent('file');
    expect(item.title).toContain('2.0 KB');
    fireEvent.doubleClick(item);
    expect(onAdd).toHaveBeenCalledWith({ component: 'import_data@1.0.0', params: { path: 'shop/sales.csv' } });
  });

  it('says so when there are no datasets', () => {
    renderGroup({ datasets: [] });
    expect(screen.getByTestId('palette-datasets-empty')).toBeInTheDocument();
  });

  it('shows loading, then the error with a retry when the list cannot be fetched', () => {
    const onRetry = vi.fn();
    const { rerender } = render(
      <DatasetGroup datasets={undefined} error={null} onRetry={onRetry} searching={false} open onToggle={() => {}} onAdd={() => {}} />,
    );
    expect(screen.getByText('Loading datasets…')).toBeInTheDocument();
    rerender(
      <DatasetGroup
        datasets={undefined}
        error={new Error('down')}
        onRetry={onRetry}
        searching={false}
        open
        onToggle={() => {}}
        onAdd={() => {}}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /retry/i }));
    expect(onRetry).toHaveBeenCalled();
  });

  it('hides itself while a search matches none of them', () => {
    renderGroup({ datasets: [], searching: true });
    expect(screen.queryByTestId('palette-group-Datasets')).toBeNull();
  });
});

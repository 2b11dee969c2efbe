import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LoadMore } from './LoadMore';

describe('LoadMore', () => {
  it('says a whole list of several rows is shown, and nothing for one row', () => {
    const { rerender, container } = render(<LoadMore hasMore={false} loading={false} onLoadMore={() => {}} shown={3} noun="pipelines" />);
    expect(screen.getByText('All 3 pipelines shown.')).toBeInTheDocument();
    rerender(<LoadMore hasMore={false} loading={false} onLoadMore={() => {}} shown={1} noun="pipelines" />);
    expect(container).toBeEmptyDOMElement();
  });

  it('offers the next page with the count so far', () => {
    render(<LoadMore hasMore loading={false} onLoadMore={() => {}} shown={50} noun="runs" />);
    expect(screen.getByRole('button', { name: 'Load more' })).toBeEnabled();
    expect(screen.getByText('50 runs shown')).toBeInTheDocument();
  });
});

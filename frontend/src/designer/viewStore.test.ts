import type { NodeChange } from '@xyflow/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useDesignerView } from './viewStore';

const size = (id: string, width = 180): NodeChange => ({ type: 'dimensions', id, dimensions: { width, height: 60 } });

beforeEach(() => useDesignerView.getState().reset());

describe('applyNodeChanges', () => {
  it('takes the first sizes of a big graph in one update, and ignores sizes it already has', () => {
    let updates = 0;
    const unsubscribe = useDesignerView.subscribe(() => {
      updates += 1;
    });
    const ids = Array.from({ length: 2000 }, (_, i) => `n${i}`);
    useDesignerView.getState().applyNodeChanges(ids.map((id) => size(id)));
    const measured = useDesignerView.getState().measured;
    expect(updates).toBe(1);
    expect(Object.keys(measured)).toHaveLength(2000);
    expect(measured.n1999).toEqual({ width: 180, height: 60 });

    useDesignerView.getState().applyNodeChanges(ids.map((id) => size(id)));
    expect(updates).toBe(1);
    useDesignerView.getState().applyNodeChanges([size('n7', 200)]);
    expect(updates).toBe(2);
    expect(useDesignerView.getState().measured.n7).toEqual({ width: 200, height: 60 });
    expect(measured.n7).toEqual({ width: 180, height: 60 });
    unsubscribe();
  });

  it('applies a batch of selections and removals, leaving the old selection untouched', () => {
    useDesignerView.getState().selectNodes(['a', 'b']);
    const before = useDesignerView.getState().selectedNodes;
    useDesignerView.getState().applyNodeChanges([
      { type: 'select', id: 'c', selected: true },
      { type: 'select', id: 'a', selected: false },
      { type: 'remove', id: 'b' },
    ]);
    expect(useDesignerView.getState().selectedNodes).toEqual({ c: true });
    expect(before).toEqual({ a: true, b: true });
    useDesignerView.getState().applyNodeChanges([{ type: 'select', id: 'c', selected: true }]);
    expect(useDesignerView.getState().selectedNodes).toEqual({ c: true });
  });
});

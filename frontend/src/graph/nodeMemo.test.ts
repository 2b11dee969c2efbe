import type { Node, NodeProps } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { sameNodeFace } from './nodeMemo';

function props(extra: Partial<NodeProps<Node>> = {}): NodeProps<Node> {
  return {
    id: 'a',
    type: 'component',
    data: { component: 'split_data@1.0.0', comment: '' },
    selected: false,
    dragging: false,
    zIndex: 0,
    selectable: true,
    deletable: true,
    draggable: true,
    isConnectable: true,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
    ...extra,
  };
}

describe('sameNodeFace', () => {
  it('ignores what a node does not draw: size, position, dragging, z-index', () => {
    const moved = props({ width: 180, height: 60, positionAbsoluteX: 40, positionAbsoluteY: 9, dragging: true, zIndex: 1000 });
    expect(sameNodeFace(props(), moved)).toBe(true);
  });

  it('compares data field by field', () => {
    expect(sameNodeFace(props(), props({ data: { component: 'split_data@1.0.0', comment: '' } }))).toBe(true);
    expect(sameNodeFace(props(), props({ data: { component: 'split_data@1.0.0', comment: 'x' } }))).toBe(false);
    expect(sameNodeFace(props(), props({ data: { component: 'split_data@1.0.0' } }))).toBe(false);
    expect(sameNodeFace(props(), props({ data: { component: 'split_data@1.0.0', other: '' } }))).toBe(false);
  });

  it('draws again for another node or another selection', () => {
    expect(sameNodeFace(props(), props({ id: 'b' }))).toBe(false);
    expect(sameNodeFace(props(), props({ selected: true }))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH, graphThumbnail } from './graphThumbnail';

const edge = (source: string, target: string) => ({ source, source_port: 'out', target, target_port: 'in' });

describe('graphThumbnail', () => {
  it('places a box per node and joins the right edge of a source to the left edge of its target', () => {
    const thumbnail = graphThumbnail({
      nodes: [
        { id: 'load', component: 'a@1', position: { x: 0, y: 100 } },
        { id: 'split', component: 'b@1', position: { x: 300, y: 0 } },
      ],
      edges: [edge('load', 'split'), edge('load', 'missing')],
    });
    expect(thumbnail.boxes).toEqual([
      { id: 'load', x: 0, y: 100 },
      { id: 'split', x: 300, y: 0 },
    ]);
    expect(thumbnail.lines).toEqual([
      { key: 'load.out-split.in', x1: NODE_WIDTH, y1: 100 + NODE_HEIGHT / 2, x2: 300, y2: NODE_HEIGHT / 2 },
    ]);
    expect(thumbnail.viewBox).toBe(`-30 -30 ${300 + NODE_WIDTH + 60} ${100 + NODE_HEIGHT + 60}`);
  });

  it('joins boxes of a graph laid out top to bottom from the bottom edge to the top edge', () => {
    const thumbnail = graphThumbnail({
      nodes: [
        { id: 'load', component: 'a@1', position: { x: 0, y: 0 } },
        { id: 'split', component: 'b@1', position: { x: 0, y: 140 } },
      ],
      edges: [edge('load', 'split')],
    });
    expect(thumbnail.lines).toEqual([
      { key: 'load.out-split.in', x1: NODE_WIDTH / 2, y1: NODE_HEIGHT, x2: NODE_WIDTH / 2, y2: 140 },
    ]);
  });

  it('draws an empty graph as an empty frame', () => {
    expect(graphThumbnail({ nodes: [], edges: [] })).toEqual({ viewBox: `0 0 ${NODE_WIDTH} ${NODE_HEIGHT}`, boxes: [], lines: [] });
  });
});

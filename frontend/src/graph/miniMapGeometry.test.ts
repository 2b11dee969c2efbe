import type { Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { maskPath, miniMapFrame, NODES_PER_PATH, nodePaths, nodesBounds, panScale, rectPath, viewRect, wheelZoom } from './miniMapGeometry';

function flowNode(id: string, x: number, y: number, extra: Partial<Node> = {}): Node {
  return { id, position: { x, y }, data: {}, measured: { width: 100, height: 40 }, ...extra };
}

describe('minimap geometry', () => {
  it('draws the nodes of one class as one path, a rectangle per node', () => {
    const paths = nodePaths([flowNode('a', 0, 0), flowNode('b', 200, 50)]);
    expect(paths).toEqual([
      { key: 'react-flow__minimap-node#0', className: 'react-flow__minimap-node', d: 'M0,0h100v40h-100zM200,50h100v40h-100z' },
    ]);
  });

  it('splits a class into paths of NODES_PER_PATH nodes: a moved node changes only its own path', () => {
    const nodes = Array.from({ length: NODES_PER_PATH * 2 + 1 }, (_, i) => flowNode(`n${i}`, i * 10, 0));
    const before = nodePaths(nodes);
    expect(before.map((path) => path.key)).toEqual(['react-flow__minimap-node#0', 'react-flow__minimap-node#1', 'react-flow__minimap-node#2']);
    const moved = nodes.map((node, i) => (i === NODES_PER_PATH + 3 ? { ...node, position: { x: 5, y: 5 } } : node));
    const after = nodePaths(moved);
    expect(after.map((path, i) => path.d === before[i]?.d)).toEqual([true, false, true]);
  });

  it('gives nodes of another class, and selected ones, their own path', () => {
    const nodes = [flowNode('a', 0, 0), flowNode('b', 200, 0, { selected: true }), flowNode('c', 400, 0, { data: { off: true } })];
    const paths = nodePaths(nodes, (node) => (node.data.off ? 'bypassed' : ''));
    expect(paths.map((path) => path.className)).toEqual([
      'react-flow__minimap-node',
      'react-flow__minimap-node selected',
      'react-flow__minimap-node bypassed',
    ]);
    expect(paths[2]?.d).toBe(rectPath({ x: 400, y: 0, width: 100, height: 40 }));
  });

  it('leaves out nodes not yet measured and hidden ones, from the paths and the bounds', () => {
    const nodes = [flowNode('a', 10, 20), flowNode('b', 500, 500, { measured: undefined }), flowNode('c', -500, 0, { hidden: true })];
    expect(nodePaths(nodes)).toHaveLength(1);
    expect(nodesBounds(nodes)).toEqual({ x: 10, y: 20, width: 100, height: 40 });
    expect(nodesBounds([flowNode('b', 0, 0, { measured: undefined })])).toBeNull();
  });

  it('draws a moved node where it is now', () => {
    const node = flowNode('a', 0, 0);
    expect(nodePaths([node])[0]?.d).toBe('M0,0h100v40h-100z');
    const moved = { ...node, position: { x: 30, y: 0 } };
    expect(nodePaths([moved])[0]?.d).toBe('M30,0h100v40h-100z');
  });

  it('frames the content centred in the element, keeping its proportions, with a margin', () => {
    // 400x150 flow units in a 200x150 element: 2 units per pixel, the height centred.
    const frame = miniMapFrame({ x: 0, y: 0, width: 400, height: 150 }, 200, 150, 5);
    expect(frame.scale).toBe(2);
    expect(frame.offset).toBe(10);
    expect(frame.box).toEqual({ x: -10, y: -85, width: 420, height: 320 });
  });

  it('knows the part of the flow the canvas shows, and masks the rest', () => {
    const view = viewRect([-100, -50, 0.5], 800, 600);
    expect(view).toEqual({ x: 200, y: 100, width: 1600, height: 1200 });
    const frame = miniMapFrame(view, 200, 150, 0);
    expect(maskPath(frame, view)).toBe('M200,100h1600v1200h-1600zM200,100h1600v1200h-1600z');
  });

  it('pans and zooms as React Flow does', () => {
    const frame = miniMapFrame({ x: 0, y: 0, width: 400, height: 300 }, 200, 150, 0);
    expect(panScale(frame, 1)).toBe(2);
    expect(panScale(frame, 0.5)).toBe(1);
    expect(wheelZoom(1, -500, 0)).toBe(2);
    expect(wheelZoom(1, 20, 1)).toBe(0.5);
  });
});

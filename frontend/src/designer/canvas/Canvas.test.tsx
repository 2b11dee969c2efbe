import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { componentKeys } from '../../api/components';
import type { PipelineGraph } from '../../api/models';
import { installReactFlowEnv } from '../../test/reactFlowEnv';
import { loadCsv, node, sampleGraph, splitData, trainModel } from '../../test/fixtures';
import { stubFetch } from '../../test/fetchRoutes';
import { jsonResponse, renderWithProviders, testQueryClient } from '../../test/render';
import { Canvas } from './Canvas';
import { useDocument } from '../document/documentStore';
import { useFeedback } from '../feedbackStore';
import { useDesignerView } from '../viewStore';

const components = [loadCsv, splitData, trainModel];
const specs = new Map(components.map((c) => [`${c.name}@${c.version}`, c]));

function load(graph: PipelineGraph) {
  useDocument.getState().load({
    id: 1,
    workspace: 'default',
    name: 'p',
    description: '',
    graph,
    parameters: {},
    default_compute: 'default',
    revision: 1,
    created_at: '',
    updated_at: '',
  });
  useDesignerView.getState().reset();
  useFeedback.getState().clearIssues();
}

function renderCanvas() {
  const queryClient = testQueryClient();
  queryClient.setQueryData(componentKeys.list(), components);
  return renderWithProviders(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <Canvas specs={specs} />
      </div>
    </ReactFlowProvider>,
    { queryClient },
  );
}

beforeAll(installReactFlowEnv);
beforeEach(() => load(sampleGraph()));

describe('Canvas', () => {
  it('draws each node with its title, id and one handle per port', async () => {
    renderCanvas();
    const split = await screen.findByTestId('node-split');
    expect(split).toHaveTextContent('Split Data');
    expect(split).toHaveTextContent('split');
    expect(screen.getByTestId('handle-split-in-data')).toHaveClass('port-dataframe');
    expect(screen.getByTestId('handle-split-out-first')).toBeInTheDocument();
    expect(screen.getByTestId('handle-split-out-second')).toBeInTheDocument();
    expect(screen.getByTestId('handle-train-out-model')).toHaveClass('port-model');
  });

  it('looks up a component version the canvas was not given, and says when there is none', async () => {
    stubFetch({
      'GET /api/components/split_data/versions/2.0.0/': () => jsonResponse(200, { ...splitData, version: '2.0.0' }),
      'GET /api/components/gone/versions/1.0.0/': () => jsonResponse(404, { code: 'not_found', message: 'No such version' }),
    });
    load({ nodes: [node('newer', 'split_data@2.0.0', 0, 0), node('lost', 'gone@1.0.0', 0, 200)], edges: [] });
    renderCanvas();
    expect(await screen.findByTestId('handle-newer-out-second')).toBeInTheDocument();
    expect(await screen.findByText('Unknown component gone@1.0.0')).toBeInTheDocument();
  });

  it('shows validation issues on the node they concern', async () => {
    renderCanvas();
    await screen.findByTestId('node-train');
    act(() =>
      useFeedback.getState().showIssues(false, [
        { node: 'train', port: null, param: 'label', code: 'missing_param', message: 'label is required' },
      ]),
    );
    expect(screen.getByTestId('node-train')).toHaveClass('has-errors');
    expect(screen.getByTestId('node-error-train')).toHaveTextContent('label is required');
    expect(screen.queryByTestId('node-error-split')).toBeNull();
  });

  it('shows a hint on an empty canvas', () => {
    load({ nodes: [], edges: [] });
    renderCanvas();
    expect(screen.getByText('Drag components here from the palette')).toBeInTheDocument();
  });

  it('deletes the selected node and its edges with the Delete key', async () => {
    renderCanvas();
    await screen.findByTestId('node-split');
    act(() => useDesignerView.getState().selectOnly('split'));
    fireEvent.keyDown(document.body, { key: 'Delete', code: 'Delete' });
    fireEvent.keyUp(document.body, { key: 'Delete', code: 'Delete' });
    // React Flow deletes asynchronously (it awaits onBeforeDelete).
    await waitFor(() => expect(useDocument.getState().draft!.graph.nodes.map((n) => n.id)).toEqual(['load', 'train']));
    expect(useDocument.getState().draft!.graph.edges).toEqual([]);
  });

  it('adds a node where a palette item is dropped', async () => {
    load({ nodes: [], edges: [] });
    renderCanvas();
    const canvas = screen.getByTestId('designer-canvas');
    const data = new Map([['application/pipewright-component', 'split_data@1.0.0']]);
    const dataTransfer = {
      types: [...data.keys()],
      getData: (type: string) => data.get(type) ?? '',
      dropEffect: 'none',
    };
    fireEvent.dragOver(canvas, { dataTransfer });
    fireEvent.drop(canvas, { dataTransfer, clientX: 300, clientY: 200 });
    const nodes = useDocument.getState().draft!.graph.nodes;
    expect(nodes.map((n) => [n.id, n.component])).toEqual([['split_data', 'split_data@1.0.0']]);
    expect(await screen.findByTestId('node-split_data')).toBeInTheDocument();
  });

  it('adds a dropped dataset as a node with its parameters set', () => {
    load({ nodes: [], edges: [] });
    renderCanvas();
    const canvas = screen.getByTestId('designer-canvas');
    const payload = JSON.stringify({ component: 'load_csv@1.0.0', params: { path: 'shop/sales.csv' } });
    const data = new Map([['application/pipewright-dataset', payload]]);
    const dataTransfer = {
      types: [...data.keys()],
      getData: (type: string) => data.get(type) ?? '',
      dropEffect: 'none',
    };
    fireEvent.dragOver(canvas, { dataTransfer });
    fireEvent.drop(canvas, { dataTransfer, clientX: 300, clientY: 200 });
    const nodes = useDocument.getState().draft!.graph.nodes;
    expect(nodes.map((n) => [n.component, n.params])).toEqual([['load_csv@1.0.0', { path: 'shop/sales.csv' }]]);
    expect(useDocument.getState().history.past).toHaveLength(1);
  });
});

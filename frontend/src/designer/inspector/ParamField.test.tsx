import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue, ParamSpec } from '../../api/models';
import { installCodeMirrorEnv } from '../../test/codemirrorEnv';
import { node, param } from '../../test/fixtures';
import { useDocument } from '../document/documentStore';
import type { ColumnChoices } from './paramControls';
import { ParamField } from './ParamField';

function loadNode(params: Record<string, JsonValue> = {}) {
  useDocument.getState().load({
    id: 1,
    workspace: 'default',
    name: 'p',
    description: '',
    graph: { nodes: [{ ...node('split', 'split_data@1.0.0'), params }], edges: [] },
    parameters: {},
    default_compute: 'default',
    revision: 1,
    created_at: '',
    updated_at: '',
  });
}

const params = () => useDocument.getState().draft!.graph.nodes[0]!.params;

/** Renders the field the way the inspector does: with the node's current value. */
function Field({ name, spec, columns }: { name: string; spec: ParamSpec; columns?: ColumnChoices }) {
  const value = useDocument((s) => s.draft?.graph.nodes[0]?.params?.[name]);
  return <ParamField nodeId="split" name={name} spec={spec} value={value} columns={columns} />;
}

beforeAll(installCodeMirrorEnv);
beforeEach(() => loadNode());

describe('ParamField', () => {
  it('renders a number input with min, max and the default as placeholder', () => {
    render(<Field name="fraction" spec={param('number', { default: 0.7, min: 0, max: 1 })} />);
    const input = screen.getByTestId('param-fraction');
    expect(input).toHaveAttribute('type', 'number');
    expect(input).toHaveAttribute('min', '0');
    expect(input).toHaveAttribute('max', '1');
    expect(input).toHaveAttribute('placeholder', 'default: 0.7');
    expect(screen.getByLabelText(/fraction/)).toBe(input);
  });

  it('stores a typed number, and removes the key when emptied', () => {
    render(<Field name="fraction" spec={param('number', { default: 0.7, min: 0, max: 1 })} />);
    const input = screen.getByTestId('param-fraction');
    fireEvent.change(input, { target: { value: '0.8' } });
    expect(params()).toEqual({ fraction: 0.8 });
    fireEvent.change(input, { target: { value: '' } });
    expect(params()).toEqual({});
  });

  it('does not store an out-of-range number and says why', () => {
    render(<Field name="fraction" spec={param('number', { min: 0, max: 1 })} />);
    fireEvent.change(screen.getByTestId('param-fraction'), { target: { value: '3' } });
    expect(params()).toEqual({});
    expect(screen.getByText('Must be at most 1')).toBeInTheDocument();
  });

  it('stores columns as a list while keeping the text as typed', () => {
    render(<Field name="features" spec={param('columns', { input: 'data' })} />);
    const input = screen.getByTestId('param-features');
    fireEvent.change(input, { target: { value: 'age, ' } });
    expect(params()).toEqual({ features: ['age'] });
    expect(input).toHaveValue('age, ');
    fireEvent.change(input, { target: { value: 'age, income' } });
    expect(params()).toEqual({ features: ['age', 'income'] });
  });

  it('uses a checkbox for booleans and a select for enums', () => {
    render(
      <>
        <Field name="shuffle" spec={param('boolean', { default: true })} />
        <Field name="mode" spec={param('enum', { values: ['random', 'sequential'], default: 'random' })} />
      </>,
    );
    const checkbox = screen.getByTestId('param-shuffle');
    expect(checkbox).toBeChecked();
    fireEvent.click(checkbox);
    expect(params()).toEqual({ shuffle: false });

    fireEvent.change(screen.getByTestId('param-mode'), { target: { value: 'sequential' } });
    expect(params()).toEqual({ shuffle: false, mode: 'sequential' });
    fireEvent.change(screen.getByTestId('param-mode'), { target: { value: '' } });
    expect(params()).toEqual({ shuffle: false });
  });

  it('uses a code editor for code, and Reset removes the value', async () => {
    loadNode({ script: 'print(1)' });
    render(<Field name="script" spec={param('code', { language: 'python' })} />);
    const editor = await screen.findByTestId('param-script');
    await waitFor(() => expect(editor.querySelector('.cm-content')).not.toBeNull());
    expect(editor.querySelector('.cm-content')).toHaveTextContent('print(1)');
    fireEvent.click(screen.getByRole('button', { name: 'Reset script to default' }));
    expect(params()).toEqual({});
    await waitFor(() => expect(editor.querySelector('.cm-content')?.textContent).not.toContain('print(1)'));
  });

  it('offers the known columns of the input in a select, and a checklist for several', () => {
    const columns = { status: 'known' as const, names: ['age', 'income', 'target'] };
    render(
      <>
        <Field name="stratify" spec={param('column', { input: 'data', optional: true })} columns={columns} />
        <Field name="features" spec={param('columns', { input: 'data' })} columns={columns} />
      </>,
    );
    const select = screen.getByTestId('param-stratify');
    expect(select.tagName).toBe('SELECT');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['optional', 'age', 'income', 'target']);
    fireEvent.change(select, { target: { value: 'target' } });
    expect(params()).toEqual({ stratify: 'target' });

    fireEvent.click(screen.getByTestId('param-features-col-income'));
    fireEvent.click(screen.getByTestId('param-features-col-age'));
    expect(params()).toMatchObject({ features: ['income', 'age'] });
    fireEvent.click(screen.getByTestId('param-features-col-income'));
    expect(params()).toMatchObject({ features: ['age'] });
  });

  it('falls back to typing column names when the columns are unknown', () => {
    render(<Field name="stratify" spec={param('column', { input: 'data' })} columns={{ status: 'unknown', names: [] }} />);
    const input = screen.getByTestId('param-stratify');
    expect(input.tagName).toBe('INPUT');
    expect(input).toHaveAttribute('data-columns', 'unknown');
    fireEvent.change(input, { target: { value: 'target' } });
    expect(params()).toEqual({ stratify: 'target' });
  });

  it('promotes a field to a pipeline parameter and shows the binding', () => {
    loadNode({ seed: 7 });
    render(<Field name="seed" spec={param('integer', { default: 0 })} />);
    fireEvent.click(screen.getByTestId('promote-seed'));
    expect(params()).toEqual({ seed: { $param: 'seed' } });
    expect(useDocument.getState().draft!.parameters).toEqual({ seed: { type: 'integer', default: 7 } });
    expect(screen.getByTestId('param-seed')).toHaveAttribute('data-bound', 'seed');
    fireEvent.click(screen.getByRole('button', { name: 'Unbind' }));
    expect(params()).toEqual({});
  });
});

import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue, ParamSpec } from '../api/types';
import { node } from '../test/fixtures';
import { useDocument } from './documentStore';
import { ParamField } from './ParamField';

function loadNode(params: Record<string, JsonValue> = {}) {
  useDocument.getState().load({
    id: 1,
    name: 'p',
    description: '',
    graph: { nodes: [{ ...node('split', 'split_data@1.0.0'), params }], edges: [] },
    parameters: {},
    revision: 1,
    created_at: '',
    updated_at: '',
  });
}

const params = () => useDocument.getState().draft!.graph.nodes[0]!.params;

/** Renders the field the way the inspector does: with the node's current value. */
function Field({ name, spec }: { name: string; spec: ParamSpec }) {
  const value = useDocument((s) => s.draft?.graph.nodes[0]?.params[name]);
  return <ParamField nodeId="split" name={name} spec={spec} value={value} />;
}

beforeEach(() => loadNode());

describe('ParamField', () => {
  it('renders a number input with min, max and the default as placeholder', () => {
    render(<Field name="fraction" spec={{ type: 'number', default: 0.7, min: 0, max: 1 }} />);
    const input = screen.getByTestId('param-fraction');
    expect(input).toHaveAttribute('type', 'number');
    expect(input).toHaveAttribute('min', '0');
    expect(input).toHaveAttribute('max', '1');
    expect(input).toHaveAttribute('placeholder', 'default: 0.7');
    expect(screen.getByLabelText(/fraction/)).toBe(input);
  });

  it('stores a typed number, and removes the key when emptied', () => {
    render(<Field name="fraction" spec={{ type: 'number', default: 0.7, min: 0, max: 1 }} />);
    const input = screen.getByTestId('param-fraction');
    fireEvent.change(input, { target: { value: '0.8' } });
    expect(params()).toEqual({ fraction: 0.8 });
    fireEvent.change(input, { target: { value: '' } });
    expect(params()).toEqual({});
  });

  it('does not store an out-of-range number and says why', () => {
    render(<Field name="fraction" spec={{ type: 'number', min: 0, max: 1 }} />);
    fireEvent.change(screen.getByTestId('param-fraction'), { target: { value: '3' } });
    expect(params()).toEqual({});
    expect(screen.getByText('Must be at most 1')).toBeInTheDocument();
  });

  it('stores columns as a list while keeping the text as typed', () => {
    render(<Field name="features" spec={{ type: 'columns', input: 'data' }} />);
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
        <Field name="shuffle" spec={{ type: 'boolean', default: true }} />
        <Field name="mode" spec={{ type: 'enum', values: ['random', 'sequential'], default: 'random' }} />
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

  it('uses a textarea for code, and Reset removes the value', () => {
    loadNode({ script: 'print(1)' });
    render(<Field name="script" spec={{ type: 'code', language: 'python' }} />);
    const area = screen.getByTestId('param-script');
    expect(area.tagName).toBe('TEXTAREA');
    expect(area).toHaveValue('print(1)');
    fireEvent.click(screen.getByRole('button', { name: 'Reset script to default' }));
    expect(params()).toEqual({});
    expect(area).toHaveValue('');
  });
});

import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../api/models';
import { controlFor, fromFieldValue, placeholderFor, toFieldValue } from './paramValues';
import { param } from '../../test/fixtures';

const integer: ParamSpec = param('integer', { default: 0, min: 0, max: 10 });
const number: ParamSpec = param('number', { default: 0.7, min: 0, max: 1 });
const boolean: ParamSpec = param('boolean', { default: true });
const choice: ParamSpec = param('enum', { values: ['random', 'sequential'], default: 'random' });
const columns: ParamSpec = param('columns', { input: 'data', optional: true });
const code: ParamSpec = param('code', { language: 'python' });

describe('controlFor', () => {
  it('picks an input per parameter type', () => {
    expect(controlFor(integer)).toBe('number');
    expect(controlFor(number)).toBe('number');
    expect(controlFor(boolean)).toBe('checkbox');
    expect(controlFor(choice)).toBe('select');
    expect(controlFor(param('column'))).toBe('text');
    expect(controlFor(columns)).toBe('text');
    expect(controlFor(param('string'))).toBe('text');
    expect(controlFor(code)).toBe('textarea');
  });
});

describe('fromFieldValue', () => {
  it('stores numbers as numbers, and an empty field as no value', () => {
    expect(fromFieldValue(number, '0.25')).toEqual({ kind: 'set', value: 0.25 });
    expect(fromFieldValue(integer, '3')).toEqual({ kind: 'set', value: 3 });
    expect(fromFieldValue(integer, '')).toEqual({ kind: 'unset' });
    expect(fromFieldValue(number, '  ')).toEqual({ kind: 'unset' });
  });

  it('rejects non-integers and values out of range', () => {
    expect(fromFieldValue(integer, '2.5')).toEqual({ kind: 'invalid', message: 'Enter a whole number' });
    expect(fromFieldValue(integer, '11')).toEqual({ kind: 'invalid', message: 'Must be at most 10' });
    expect(fromFieldValue(number, '-1')).toEqual({ kind: 'invalid', message: 'Must be at least 0' });
    expect(fromFieldValue(number, 'abc').kind).toBe('invalid');
  });

  it('stores booleans, enum choices and code verbatim', () => {
    expect(fromFieldValue(boolean, false)).toEqual({ kind: 'set', value: false });
    expect(fromFieldValue(choice, 'sequential')).toEqual({ kind: 'set', value: 'sequential' });
    expect(fromFieldValue(choice, '')).toEqual({ kind: 'unset' });
    expect(fromFieldValue(code, '  x = 1\n')).toEqual({ kind: 'set', value: '  x = 1\n' });
  });

  it('stores comma-separated column names as a list', () => {
    expect(fromFieldValue(columns, 'age, income ,, city')).toEqual({ kind: 'set', value: ['age', 'income', 'city'] });
    expect(fromFieldValue(columns, ' , ')).toEqual({ kind: 'unset' });
  });
});

describe('toFieldValue', () => {
  it('shows stored values as field text', () => {
    expect(toFieldValue(number, 0.25)).toBe('0.25');
    expect(toFieldValue(number, undefined)).toBe('');
    expect(toFieldValue(columns, ['age', 'income'])).toBe('age, income');
    expect(toFieldValue(choice, 'random')).toBe('random');
  });

  it('shows the value that applies for a checkbox', () => {
    expect(toFieldValue(boolean, undefined)).toBe(true);
    expect(toFieldValue(boolean, false)).toBe(false);
  });

  it('round-trips columns', () => {
    const parsed = fromFieldValue(columns, toFieldValue(columns, ['a', 'b']));
    expect(parsed).toEqual({ kind: 'set', value: ['a', 'b'] });
  });
});

describe('placeholderFor', () => {
  it('shows the default, or whether the value is optional', () => {
    expect(placeholderFor(number)).toBe('default: 0.7');
    expect(placeholderFor(columns)).toBe('optional');
    expect(placeholderFor(param('string'))).toBe('required');
  });
});

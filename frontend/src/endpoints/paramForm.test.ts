import { describe, expect, it } from 'vitest';
import { initialTexts, paramValues, parseParam } from './paramForm';

const parameters = [
  { name: 'seed', type: 'integer', default: 7, description: '' },
  { name: 'rate', type: 'number', default: 0.5, description: '' },
  { name: 'scale', type: 'boolean', default: true, description: '' },
  { name: 'label', type: 'string', default: 'a', description: '' },
  { name: 'cols', type: 'columns', default: ['x'], description: '' },
];

describe('parameter form', () => {
  it('starts from the defaults, or the values given', () => {
    expect(initialTexts(parameters)).toEqual({ seed: '7', rate: '0.5', scale: 'true', label: 'a', cols: '["x"]' });
    expect(initialTexts(parameters, { seed: 9 }).seed).toBe('9');
  });

  it('sends only what differs from the default, typed', () => {
    const texts = { ...initialTexts(parameters), seed: '9', scale: 'false', cols: 'x, y' };
    expect(paramValues(parameters, texts)).toEqual({ values: { seed: 9, scale: false, cols: ['x', 'y'] }, errors: {} });
    expect(paramValues(parameters, initialTexts(parameters))).toEqual({ values: {}, errors: {} });
  });

  it('says which values are not of their type', () => {
    const texts = { ...initialTexts(parameters), seed: '1.5', rate: 'fast' };
    expect(paramValues(parameters, texts).errors).toEqual({ seed: 'A whole number.', rate: 'A number.' });
    expect(parseParam('string', ' spaced ')).toEqual({ value: ' spaced ' });
  });
});

import { describe, expect, it } from 'vitest';
import { codeProblem, codeTemplate, codeText, codeValue } from './codeValue';

const TEMPLATE = 'import pandas as pd\n\ndef main(data1, data2):\n    return data1, None\n';

describe('code parameter values', () => {
  it('shows the template only while the value is unset', () => {
    expect(codeText(undefined, TEMPLATE)).toBe(TEMPLATE);
    expect(codeText('', TEMPLATE)).toBe('');
    expect(codeText('# mine', TEMPLATE)).toBe('# mine');
  });

  it('stores an emptied editor as empty text, distinct from unset', () => {
    expect(codeValue('', TEMPLATE)).toBe('');
    expect(codeText(codeValue('', TEMPLATE), TEMPLATE)).toBe('');
  });

  it('keeps text typed after clearing exactly as typed', () => {
    const typed = codeValue('# my code', TEMPLATE);
    expect(typed).toBe('# my code');
    expect(codeText(typed, TEMPLATE)).toBe('# my code');
  });

  it('stores nothing for text equal to the template', () => {
    expect(codeValue(TEMPLATE, TEMPLATE)).toBeUndefined();
  });

  it('keeps empty text when the component has no template', () => {
    expect(codeTemplate({ default: null })).toBe('');
    expect(codeValue('', '')).toBe('');
    expect(codeValue('a,b\n1,2', '')).toBe('a,b\n1,2');
  });

  it('flags blank code and nothing else', () => {
    expect(codeProblem('')).toMatch(/empty/);
    expect(codeProblem('  \n')).toMatch(/empty/);
    expect(codeProblem(undefined)).toBeNull();
    expect(codeProblem('x = 1')).toBeNull();
  });
});

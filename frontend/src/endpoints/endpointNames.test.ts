import { describe, expect, it } from 'vitest';
import { endpointNameProblem } from './endpointNames';

describe('endpointNameProblem', () => {
  it('accepts the server rule', () => {
    for (const name of ['nightly', 'a', '0-day', 'diabetes_nightly-2', 'x'.repeat(64)]) expect(endpointNameProblem(name)).toBeNull();
  });

  it('says what is wrong', () => {
    expect(endpointNameProblem('')).toBe('Give the endpoint a name.');
    expect(endpointNameProblem('Nightly')).toBe('Use lower-case letters only.');
    expect(endpointNameProblem('-nightly')).toBe('Start with a lower-case letter or a digit.');
    expect(endpointNameProblem('my endpoint')).toMatch(/no spaces/);
    expect(endpointNameProblem('a.b')).toMatch(/only lower-case letters/);
    expect(endpointNameProblem('x'.repeat(65))).toBe('At most 64 characters.');
  });
});

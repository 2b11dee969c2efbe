import { describe, expect, it } from 'vitest';
import { EMPTY_TOKEN_FORM, endOfDay, scopeWords, tokenFormForScope, tokenFormToBody } from './tokenForm';

const now = Date.parse('2026-12-05T12:00:00Z');

describe('token form', () => {
  it('asks for every scope by default, never expiring', () => {
    expect(tokenFormToBody({ ...EMPTY_TOKEN_FORM, name: ' ci ' }, now)).toEqual({
      body: { name: 'ci', kind: 'personal', scopes: ['*'], expires_at: null },
      errors: {},
    });
  });

  it('scopes a token to one endpoint, until the end of a day', () => {
    const { body, errors } = tokenFormToBody({ ...EMPTY_TOKEN_FORM, name: 'n', kind: 'service', scope: 'endpoint', endpoint: 'nightly', expires: '2027-06-30' }, now);
    expect(errors).toEqual({});
    expect(body.scopes).toEqual(['endpoint:run:nightly']);
    expect(body.expires_at).toBe(endOfDay('2027-06-30'));
    expect(new Date(body.expires_at!).getDate()).toBe(30);
  });

  it('scopes a token to scoring one real-time endpoint', () => {
    const { body, errors } = tokenFormToBody({ ...EMPTY_TOKEN_FORM, name: 'scorer', scope: 'inference', inference: 'diabetes' }, now);
    expect(errors).toEqual({});
    expect(body.scopes).toEqual(['inference:score:diabetes']);
    expect(tokenFormToBody({ ...EMPTY_TOKEN_FORM, name: 'scorer', scope: 'inference' }, now).errors).toEqual({
      scopes: 'Pick the real-time endpoint this token may score.',
    });
  });

  it('starts from the scope a link asks for', () => {
    expect(tokenFormForScope('inference:score:diabetes')).toEqual({ ...EMPTY_TOKEN_FORM, scope: 'inference', inference: 'diabetes' });
    expect(tokenFormForScope('endpoint:run:nightly')).toEqual({ ...EMPTY_TOKEN_FORM, scope: 'endpoint', endpoint: 'nightly' });
    expect(tokenFormForScope(null)).toBeNull();
    expect(tokenFormForScope('*')).toBeNull();
  });

  it('says what is missing', () => {
    const { errors } = tokenFormToBody({ ...EMPTY_TOKEN_FORM, scope: 'endpoint', expires: '2020-01-01' }, now);
    expect(Object.keys(errors).sort()).toEqual(['expires_at', 'name', 'scopes']);
  });

  it('says scopes in words', () => {
    expect(scopeWords(['*'])).toBe('everything');
    expect(scopeWords(['endpoint:run:a', 'endpoint:run:b'])).toBe('run endpoint a, run endpoint b');
    expect(scopeWords(['inference:score:diabetes'])).toBe('score real-time endpoint diabetes');
  });
});

import { describe, expect, it } from 'vitest';
import { initialSourcePath, languageForPath } from './sourceLanguage';

describe('languageForPath', () => {
  it('picks a language by extension, plain text otherwise', () => {
    expect(languageForPath('split.py')).toBe('python');
    expect(languageForPath('queries/Select.SQL')).toBe('sql');
    expect(languageForPath('schema.json')).toBe('json');
    expect(languageForPath('README.md')).toBe('markdown');
    expect(languageForPath('component.yaml')).toBeNull();
    expect(languageForPath('Makefile')).toBeNull();
    expect(languageForPath('.env')).toBeNull();
  });
});

describe('initialSourcePath', () => {
  it('opens the entry point file first', () => {
    expect(initialSourcePath(['component.yaml', 'lib/split.py'], 'split.py:run')).toBe('lib/split.py');
    expect(initialSourcePath(['component.yaml', 'split.py'], 'split.py:run')).toBe('split.py');
    expect(initialSourcePath(['component.yaml', 'tool.sh'], null)).toBe('component.yaml');
    expect(initialSourcePath([], 'x.py:run')).toBeUndefined();
  });
});

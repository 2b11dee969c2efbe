// Every stylesheet closes every block it opens: one missing `}` (easily lost in a merge) makes
// the browser swallow every rule after it, in this file and in the ones loaded after it.
import { describe, expect, it } from 'vitest';

const sheets: Record<string, string> = import.meta.glob('./*.css', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Line numbers of the blocks still open at the end of `text` (comments and strings skipped). */
function unclosedBlocks(text: string): number[] {
  const open: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      line += text.slice(i, stop).split('\n').length - 1;
      i = stop - 1;
    } else if (char === '"' || char === "'") {
      const end = text.indexOf(char, i + 1);
      i = end === -1 ? text.length : end;
    } else if (char === '\n') {
      line += 1;
    } else if (char === '{') {
      open.push(line);
    } else if (char === '}') {
      if (open.pop() === undefined) return [-line];
    }
  }
  return open;
}

describe('stylesheets', () => {
  it('finds an unclosed block', () => {
    expect(unclosedBlocks('.a {\n  color: red;\n\n.b { color: blue; }\n')).toEqual([1]);
    expect(unclosedBlocks('/* { */ .a { content: "}"; }')).toEqual([]);
  });

  it('reads every stylesheet here', () => {
    expect(Object.keys(sheets)).toContain('./runs.css');
  });

  it.each(Object.entries(sheets))('%s closes every block it opens', (_name, text) => {
    expect(unclosedBlocks(text)).toEqual([]);
  });
});

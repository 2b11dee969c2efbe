import { describe, expect, it } from 'vitest';
import { renderMarkdown, withoutLeadingTitle } from './MarkdownView';

describe('renderMarkdown', () => {
  it('renders Markdown and strips anything that could run', () => {
    const html = renderMarkdown('# Title\n\n**bold** <img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('<script');
  });

  it('pushes headings down when asked, never past h6', () => {
    const html = renderMarkdown('# One\n\n## Two\n\n##### Five', 2);
    expect(html).toContain('<h3>One</h3>');
    expect(html).toContain('<h4>Two</h4>');
    expect(html).toContain('<h6>Five</h6>');
  });
});

describe('withoutLeadingTitle', () => {
  it('drops a first heading that repeats the title, and nothing else', () => {
    expect(withoutLeadingTitle('# Split Data\n\nSplits rows.', 'Split Data')).toBe('\nSplits rows.');
    expect(withoutLeadingTitle('# Usage\n\nSplits rows.', 'Split Data')).toBe('# Usage\n\nSplits rows.');
    expect(withoutLeadingTitle('Intro\n# Split Data', 'Split Data')).toBe('Intro\n# Split Data');
  });
});

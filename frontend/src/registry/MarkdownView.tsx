/** Markdown text (descriptions, READMEs) rendered to HTML, sanitized before it reaches the DOM. */
import DOMPurify from 'dompurify';
import { marked, type Token } from 'marked';
import { useMemo } from 'react';

/**
 * Markdown → safe HTML. `headingOffset` pushes headings down (a README's "#" sits under the
 * page's own section headings, so it must not read as a second page title).
 */
export function renderMarkdown(text: string, headingOffset = 0): string {
  const tokens = marked.lexer(text, { gfm: true });
  marked.walkTokens(tokens, (token: Token) => {
    if (token.type === 'heading') token.depth = Math.min(6, token.depth + headingOffset);
  });
  return DOMPurify.sanitize(marked.parser(tokens, { gfm: true }));
}

/** A README's first line is often "# <the component's name>", which the page already shows. */
export function withoutLeadingTitle(text: string, title: string): string {
  const match = /^\s*#[ \t]+(.+?)[ \t]*#*[ \t]*(\r?\n|$)/.exec(text);
  if (!match?.[1] || match[1].trim().toLowerCase() !== title.trim().toLowerCase()) return text;
  return text.slice(match[0].length);
}

interface Props {
  text: string;
  className?: string;
  headingOffset?: number;
}

export function MarkdownView({ text, className, headingOffset = 0 }: Props) {
  const html = useMemo(() => renderMarkdown(text, headingOffset), [text, headingOffset]);
  // Sanitized by DOMPurify above: READMEs come from user-registered components.
  return <div className={`markdown ${className ?? ''}`.trim()} dangerouslySetInnerHTML={{ __html: html }} />;
}

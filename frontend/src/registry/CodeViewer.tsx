/**
 * A read-only CodeMirror view of one file, highlighted by its extension. The editor is created
 * for each file and destroyed with it; React only owns the host element.
 */
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { python } from '@codemirror/lang-python';
import { sql } from '@codemirror/lang-sql';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { minimalSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { languageForPath, type SourceLanguage } from './sourceLanguage';

const LANGUAGES: Record<SourceLanguage, () => Extension> = { python, sql, json, markdown };

function languageExtension(path: string): Extension {
  const language = languageForPath(path);
  return language ? LANGUAGES[language]() : [];
}

export function CodeViewer({ path, text }: { path: string; text: string }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return undefined;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          minimalSetup,
          lineNumbers(),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          EditorView.contentAttributes.of({ 'aria-label': `Source of ${path}` }),
          languageExtension(path),
        ],
      }),
    });
    return () => view.destroy();
  }, [path, text]);

  return <div ref={host} className="code-viewer" data-testid="code-viewer" />;
}

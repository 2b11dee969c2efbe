/**
 * An editable CodeMirror field for a `code` parameter, highlighted for the parameter's
 * `language` (python, sql, json; plain text otherwise). The editor is created once per field;
 * React owns only the host element. A value changed from outside (undo, reset) replaces the
 * editor's text without being reported back as an edit.
 */
import { json } from '@codemirror/lang-json';
import { python } from '@codemirror/lang-python';
import { sql } from '@codemirror/lang-sql';
import { Annotation, EditorState, type Extension } from '@codemirror/state';
import { EditorView, placeholder as placeholderText } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

const LANGUAGES: Record<string, () => Extension> = { python, sql, json };
const external = Annotation.define<boolean>();

export function languageFor(language: string | null | undefined): Extension {
  const make = language ? LANGUAGES[language.toLowerCase()] : undefined;
  return make ? make() : [];
}

interface CodeEditorProps {
  id: string;
  label: string;
  value: string;
  language: string | null | undefined;
  placeholder: string;
  onChange: (text: string) => void;
  testId: string;
  className?: string;
}

export default function CodeEditor({ id, label, value, language, placeholder, onChange, testId, className = 'code-editor' }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latestChange = useRef(onChange);
  useEffect(() => {
    latestChange.current = onChange;
  });

  useEffect(() => {
    if (!host.current) return undefined;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          languageFor(language),
          placeholderText(placeholder),
          EditorView.contentAttributes.of({ 'aria-label': label, id }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            if (update.transactions.some((tr) => tr.annotation(external))) return;
            latestChange.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // One editor per field; value changes are synced below, not by re-creating it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current === value) return;
    editor.dispatch({ changes: { from: 0, to: current.length, insert: value }, annotations: external.of(true) });
  }, [value]);

  return <div ref={host} className={className} data-testid={testId} />;
}

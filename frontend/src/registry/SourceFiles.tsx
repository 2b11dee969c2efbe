/** The code files of a component version, one tab per file, shown read-only. */
import { lazy, Suspense, useState } from 'react';
import type { SourceFile } from '../api/components';
import { initialSourcePath } from './sourceLanguage';

// CodeMirror and its languages are the heaviest part of the registry: loaded when code is shown.
const CodeViewer = lazy(() => import('./CodeViewer').then((module) => ({ default: module.CodeViewer })));

interface Props {
  files: SourceFile[];
  python: string | null;
  command: string | null;
}

export function SourceFiles({ files, python, command }: Props) {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const paths = files.map((file) => file.path);
  const selectedPath = chosen && paths.includes(chosen) ? chosen : initialSourcePath(paths, python);
  const selected = files.find((file) => file.path === selectedPath);

  return (
    <section className="detail-section" aria-labelledby="source-heading">
      <h2 id="source-heading">Source</h2>
      {python && (
        <p className="muted">
          Entry point: <code>{python}</code>
        </p>
      )}
      {command && (
        <p className="muted">
          Command: <code>{command}</code>
        </p>
      )}
      {files.length === 0 ? (
        <p className="muted">No source files are stored for this version.</p>
      ) : (
        <>
          <div className="source-tabs" role="tablist" aria-label="Source files">
            {files.map((file) => (
              <button
                key={file.path}
                type="button"
                role="tab"
                aria-selected={file.path === selectedPath}
                className={`source-tab${file.path === selectedPath ? ' active' : ''}`}
                onClick={() => setChosen(file.path)}
              >
                {file.path}
              </button>
            ))}
          </div>
          {selected && (
            <Suspense fallback={<p className="muted">Loading the code viewer…</p>}>
              <CodeViewer key={selected.path} path={selected.path} text={selected.text} />
            </Suspense>
          )}
        </>
      )}
    </section>
  );
}

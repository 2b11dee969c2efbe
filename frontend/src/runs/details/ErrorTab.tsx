/** Why a node failed: the message and, when there is one, the traceback. */

export function ErrorTab({ error, traceback }: { error: string | null; traceback: string | null }) {
  if (!error && !traceback) return <p className="muted">The node reported no error text.</p>;
  return (
    <div className="error-tab" data-testid="node-error">
      {error && <p className="form-error">{error}</p>}
      {traceback && (
        <pre className="traceback" data-testid="node-traceback">
          {traceback}
        </pre>
      )}
    </div>
  );
}

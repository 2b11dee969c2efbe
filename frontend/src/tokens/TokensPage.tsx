/**
 * /tokens — the signed-in user's API tokens: name, kind, prefix, scopes, expiry, last use;
 * revoke one after confirming; create one, whose secret is shown once, with a copy button.
 */
import '../endpoints/endpoints.css';
import '../schedules/schedules.css';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ApiToken, ApiTokenCreated } from '../api/models';
import { useRevokeToken, useTokens } from '../api/tokens';
import { ConfirmDialog } from '../pipelines/ConfirmDialog';
import { CodeBlock } from '../shared/CodeBlock';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatTime } from '../shared/format';
import { TokenCreateForm } from './TokenCreateForm';
import { scopeWords, tokenFormForScope } from './tokenForm';

function NewToken({ token, onDismiss }: { token: ApiTokenCreated; onDismiss: () => void }) {
  return (
    <section className="panel-form new-token" aria-labelledby="new-token-title" data-testid="new-token">
      <h2 id="new-token-title">Token “{token.name}” created</h2>
      <p className="warning-box" role="alert">
        Copy it now: this is the only time it is shown. Pipewright keeps only a hash of it.
      </p>
      <CodeBlock text={token.token} label="The new token" testId="new-token-value" />
      <p className="muted">
        Send it as <code>Authorization: Token …</code> on each request.
      </p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </section>
  );
}

function TokenRow({ token, now }: { token: ApiToken; now: number }) {
  const revoke = useRevokeToken(token.id);
  const [confirming, setConfirming] = useState(false);
  const expired = token.expires_at != null && Date.parse(token.expires_at) <= now;
  return (
    <tr data-testid={`token-row-${token.name}`}>
      <td>{token.name}</td>
      <td>{token.kind}</td>
      <td>
        <code>{token.prefix}…</code>
      </td>
      <td>{scopeWords(token.scopes)}</td>
      <td>{formatTime(token.created_at)}</td>
      <td>{token.expires_at ? <span className={expired ? 'form-error' : undefined}>{expired ? 'expired ' : ''}{formatTime(token.expires_at)}</span> : 'never'}</td>
      <td>{token.last_used_at ? formatTime(token.last_used_at) : <span className="muted">never</span>}</td>
      <td className="row-actions">
        <button type="button" className="danger" onClick={() => setConfirming(true)} aria-label={`Revoke token ${token.name}`}>
          Revoke
        </button>
        {revoke.error && (
          <div className="form-error small" role="alert">
            {revoke.error.message}
          </div>
        )}
        {confirming && (
          <ConfirmDialog
            title={`Revoke token ${token.name}?`}
            confirmLabel="Revoke token"
            busy={revoke.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() => revoke.mutate(undefined, { onSettled: () => setConfirming(false) })}
          >
            Anything still using it gets 401 from now on. This cannot be undone.
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

export function TokensPage() {
  const tokens = useTokens();
  const [searchParams] = useSearchParams();
  const asked = tokenFormForScope(searchParams.get('scope'));
  const [creating, setCreating] = useState(asked !== null);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const now = tokens.dataUpdatedAt;
  return (
    <div className="page tokens-page">
      <div className="page-header">
        <h1>API tokens</h1>
        {!creating && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
          >
            New token
          </button>
        )}
      </div>
      <p className="muted">Scripts, CI jobs and other systems sign in with a token instead of your password.</p>
      {created && <NewToken token={created} onDismiss={() => setCreated(null)} />}
      {creating && (
        <TokenCreateForm
          initial={asked ?? undefined}
          onDone={(token) => {
            setCreating(false);
            setCreated(token);
          }}
        />
      )}
      {tokens.isPending && <p className="page-loading">Loading tokens…</p>}
      {tokens.isError && <ErrorMessage error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data && tokens.data.length === 0 && !creating && (
        <div className="empty-state">
          <p>No tokens yet. Create one to call an endpoint from a script.</p>
        </div>
      )}
      {tokens.data && tokens.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="tokens-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Prefix</th>
                <th>May</th>
                <th>Created</th>
                <th>Expires</th>
                <th>Last used</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <TokenRow key={token.id} token={token} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

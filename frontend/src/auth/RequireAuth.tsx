/**
 * Gate for every signed-in page: asks GET /api/auth/me/ first and sends a signed-out visitor to
 * /login, remembering where they were going.
 */
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { isApiError } from '../api/http';
import { ErrorMessage } from '../shared/ErrorMessage';

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <div className="page-loading">Loading…</div>;
  if (me.isError) {
    if (isApiError(me.error) && me.error.isAuthError) {
      const from = `${location.pathname}${location.search}`;
      return <Navigate to="/login" replace state={{ from }} />;
    }
    return (
      <div className="page">
        <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  return <Outlet />;
}

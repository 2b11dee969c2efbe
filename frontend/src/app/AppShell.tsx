/**
 * The frame around every signed-in page: top bar with the brand, the workspace switcher,
 * navigation and the user. A change of workspace resets the cached answers here, whoever made it.
 */
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useLogout, useMe } from '../api/auth';
import { WorkspaceSwitcher } from '../workspaces/WorkspaceSwitcher';
import { useResetOnWorkspaceChange } from '../workspaces/workspaceSwitch';

export function AppShell() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  useResetOnWorkspaceChange();

  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand">
          Pipewright
        </Link>
        <WorkspaceSwitcher />
        <nav className="topnav">
          <NavLink to="/" end>
            Pipelines
          </NavLink>
          <NavLink to="/runs">Runs</NavLink>
          <NavLink to="/experiments">Experiments</NavLink>
          <NavLink to="/datasets">Datasets</NavLink>
          <NavLink to="/models">Models</NavLink>
          <NavLink to="/endpoints">Endpoints</NavLink>
          <NavLink to="/inference">Inference</NavLink>
          <NavLink to="/schedules">Schedules</NavLink>
          <NavLink to="/registry">Registry</NavLink>
          <NavLink to="/compute">Compute</NavLink>
        </nav>
        <div className="topbar-user">
          {me.data && <span className="muted">{me.data.username}</span>}
          <NavLink to="/tokens">API tokens</NavLink>
          <button type="button" className="link-button" onClick={signOut} disabled={logout.isPending}>
            Sign out
          </button>
        </div>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}

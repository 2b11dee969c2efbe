/**
 * The workspace switcher in the top bar: the workspace the browser works in, and a menu of the
 * user's workspaces with their role in each, "New workspace…" and the current one's members.
 * Choosing one stores it (`api/workspace.ts`); the shell then resets the query cache.
 */
import './workspaces.css';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../api/auth';
import { chooseWorkspace, useWorkspaceStore } from '../api/workspace';
import { NewWorkspaceDialog } from './NewWorkspaceDialog';
import { membersPath, pathAfterSwitch } from './workspaceSwitch';

export function WorkspaceSwitcher() {
  const me = useMe();
  const current = useWorkspaceStore((state) => state.name);
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const workspaces = me.data?.workspaces ?? [];

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onPointer = (event: PointerEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const go = (name: string) => {
    setOpen(false);
    if (name === current) return;
    chooseWorkspace(name);
    const target = pathAfterSwitch(location.pathname, name);
    if (target !== location.pathname) navigate(target);
  };

  return (
    <div className="workspace-switcher" ref={box}>
      <button
        type="button"
        className="workspace-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Workspace: ${current ?? 'none'}`}
        data-testid="workspace-switcher"
        onClick={() => setOpen((value) => !value)}
      >
        <span className="workspace-label">Workspace</span>
        <span className="workspace-name">{current ?? 'none'}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="workspace-menu" role="menu" aria-label="Workspaces">
          {workspaces.length === 0 && <p className="muted workspace-none">You are in no workspace yet.</p>}
          {workspaces.map((workspace) => (
            <button
              key={workspace.name}
              type="button"
              role="menuitemradio"
              aria-checked={workspace.name === current}
              className="workspace-item"
              onClick={() => go(workspace.name)}
            >
              <span className="workspace-check" aria-hidden="true">
                {workspace.name === current ? '✓' : ''}
              </span>
              <span className="workspace-item-name">{workspace.name}</span>
              <span className="muted workspace-role">{workspace.role}</span>
            </button>
          ))}
          <div className="workspace-menu-divider" role="separator" />
          <button
            type="button"
            role="menuitem"
            className="workspace-item"
            onClick={() => {
              setOpen(false);
              setCreating(true);
            }}
          >
            <span className="workspace-check" aria-hidden="true" />
            New workspace…
          </button>
          {current && (
            <button
              type="button"
              role="menuitem"
              className="workspace-item"
              onClick={() => {
                setOpen(false);
                navigate(membersPath(current));
              }}
            >
              <span className="workspace-check" aria-hidden="true" />
              Members
            </button>
          )}
        </div>
      )}
      {/* In the page's body, not the top bar: the dialog takes the page's colours. */}
      {creating &&
        createPortal(
          <NewWorkspaceDialog
            onClose={() => setCreating(false)}
            onCreated={(name) => {
              setCreating(false);
              const target = pathAfterSwitch(location.pathname, name);
              if (target !== location.pathname) navigate(target);
            }}
          />,
          document.body,
        )}
    </div>
  );
}

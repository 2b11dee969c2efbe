/**
 * A node's context menu: opened by right-clicking a node, by its "…" button, or by Shift+F10 /
 * the context-menu key for the selected node. Runs part of the pipeline around the node (only
 * it, up to it, from it), bypasses or enables it, duplicates or deletes it, opens its component
 * in the registry, and opens the newest run's outputs of the node.
 *
 * A WAI-ARIA menu: focus starts on the first item, arrows move, Home/End jump, Enter or Space
 * picks, Escape (or a click elsewhere) closes and gives focus back to the node.
 */
import { Fragment, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { parseComponentRef } from '../../api/components';
import type { EntityId } from '../../api/models';
import { componentPagePath } from '../../registry/ComponentCard';
import { describeFailure } from '../../shared/format';
import { useDocument } from '../document/documentStore';
import { useFeedback } from '../feedbackStore';
import { PARTIAL_LABELS, type PartialScope } from '../useDesignerActions';
import { useDesignerView, type NodeMenuState } from '../viewStore';
import { duplicateSelection } from './clipboardActions';
import { latestRunWithNode } from './lastOutputs';

interface MenuItem {
  key: string;
  label: string;
  hint?: string;
  danger?: boolean;
  separatorBefore?: boolean;
  act: () => void | Promise<void>;
}

const MARGIN = 8;

/** Where the menu of a node goes when opened from the keyboard: by the node's header. */
export function menuAtNode(nodeId: string): NodeMenuState | null {
  const element = document.querySelector(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);
  if (!element) return null;
  const box = element.getBoundingClientRect();
  return { nodeId, x: box.left + Math.min(box.width, 200), y: box.top + 24 };
}

function focusNode(nodeId: string) {
  const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);
  element?.focus({ preventScroll: true });
}

function useMenuItems(menu: NodeMenuState, pipelineId: EntityId, runPart: (node: string, scope: PartialScope) => void) {
  const navigate = useNavigate();
  const node = useDocument((s) => s.draft?.graph.nodes.find((candidate) => candidate.id === menu.nodeId));
  if (!node) return [];
  const { name, version } = parseComponentRef(node.component);
  const run = (scope: PartialScope, hint: string): MenuItem => ({
    key: `run-${scope}`,
    label: PARTIAL_LABELS[scope],
    hint,
    act: () => runPart(menu.nodeId, scope),
  });
  return [
    run('only', 'its inputs come from earlier runs'),
    run('upto', 'this node and what feeds it'),
    run('from', 'this node and everything after it'),
    {
      key: 'bypass',
      label: node.disabled ? 'Enable' : 'Bypass',
      hint: 'Ctrl+B',
      separatorBefore: true,
      act: () => useDocument.getState().toggleDisabled([menu.nodeId]),
    },
    { key: 'duplicate', label: 'Duplicate', hint: 'Ctrl+D', act: () => void duplicateSelection() },
    {
      key: 'delete',
      label: 'Delete',
      hint: 'Delete',
      danger: true,
      act: () => useDocument.getState().removeElements([menu.nodeId], []),
    },
    {
      key: 'registry',
      label: 'Open in registry',
      separatorBefore: true,
      act: () => navigate(componentPagePath(name, version)),
    },
    {
      key: 'outputs',
      label: 'View last outputs',
      act: async () => {
        const feedback = useFeedback.getState();
        try {
          const runId = await latestRunWithNode(pipelineId, menu.nodeId);
          if (runId === null) feedback.notify(`No run of this pipeline has ${menu.nodeId} yet.`, 'info');
          else navigate(`/runs/${encodeURIComponent(String(runId))}?node=${encodeURIComponent(menu.nodeId)}`);
        } catch (error) {
          feedback.notify(`Could not look up the last run: ${describeFailure(error)}`, 'error');
        }
      },
    },
  ];
}

function OpenMenu({ menu, pipelineId, runPart }: { menu: NodeMenuState } & NodeMenuProps) {
  const items = useMenuItems(menu, pipelineId, runPart);
  const element = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ left: menu.x, top: menu.y });
  const close = (refocus: boolean) => {
    useDesignerView.getState().openMenu(null);
    if (refocus) focusNode(menu.nodeId);
  };

  // Keep the whole menu on screen, then focus its first item.
  useLayoutEffect(() => {
    const box = element.current?.getBoundingClientRect();
    if (!box) return;
    setPlace({
      left: Math.max(MARGIN, Math.min(menu.x, window.innerWidth - box.width - MARGIN)),
      top: Math.max(MARGIN, Math.min(menu.y, window.innerHeight - box.height - MARGIN)),
    });
    element.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [menu.x, menu.y]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!element.current?.contains(event.target as Node)) useDesignerView.getState().openMenu(null);
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => window.removeEventListener('pointerdown', onPointerDown, true);
  }, []);

  if (items.length === 0) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(element.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const moveTo = (index: number) => buttons[(index + buttons.length) % buttons.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(at + 1),
      ArrowUp: () => moveTo(at - 1),
      Home: () => moveTo(0),
      End: () => moveTo(buttons.length - 1),
      Escape: () => close(true),
      Tab: () => close(true),
    };
    const handle = keys[event.key];
    if (!handle) return;
    event.preventDefault();
    event.stopPropagation();
    handle();
  };

  const pick = (item: MenuItem) => {
    close(item.key !== 'delete');
    void item.act();
  };

  return (
    <div
      ref={element}
      className="node-menu"
      role="menu"
      aria-label={`Actions for node ${menu.nodeId}`}
      data-testid="node-menu"
      style={{ left: place.left, top: place.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      <div className="node-menu-title" aria-hidden="true">
        {menu.nodeId}
      </div>
      {items.map((item) => (
        <Fragment key={item.key}>
          {item.separatorBefore && <div className="node-menu-separator" role="separator" />}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={item.danger ? 'node-menu-item danger' : 'node-menu-item'}
            data-testid={`node-menu-${item.key}`}
            onClick={() => pick(item)}
          >
            <span>{item.label}</span>
            {item.hint && <span className="node-menu-hint muted">{item.hint}</span>}
          </button>
        </Fragment>
      ))}
    </div>
  );
}

interface NodeMenuProps {
  pipelineId: EntityId;
  runPart: (node: string, scope: PartialScope) => void;
}

export function NodeMenu(props: NodeMenuProps) {
  const menu = useDesignerView((s) => s.menu);
  if (!menu) return null;
  return <OpenMenu key={`${menu.nodeId}:${menu.x}:${menu.y}`} menu={menu} {...props} />;
}

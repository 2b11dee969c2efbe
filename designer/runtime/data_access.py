"""Folders a step may read and write outside its ports: the task's ``data_roots``.

Responsible for the active task's data roots and for turning a path a user typed into a real path
inside one of them. It must not open, create or list files (components do that with the path it
returns) and must not decide which roots a task gets: the worker writes them into ``task.json``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Module-level like the event sink: a component calls `resolve_data_path` without being handed
# any context, and the executor or `run_component` sets the roots around the call.
_roots: tuple[Path, ...] = ()


def data_roots() -> list[Path]:
    """The folders the running step may read and write outside its ports; empty when none."""
    return list(_roots)


@contextmanager
def active_data_roots(roots: Iterable[str | os.PathLike[str]]) -> Iterator[list[Path]]:
    """Make ``roots`` the data roots until the block ends, then restore the previous ones."""
    global _roots
    # Resolved once here, so a root that is itself a symlink compares by its real location.
    previous, _roots = _roots, tuple(Path(root).resolve() for root in roots)
    try:
        yield list(_roots)
    finally:
        _roots = previous


def resolve_data_path(path: str | os.PathLike[str]) -> Path:
    """The real, absolute path of ``path``, if it lies inside one of the data roots.

    A relative path is taken relative to the first root. Symlinks and ``..`` are resolved before
    the check, so neither can lead outside the roots. The path itself need not exist yet (an
    export writes a new file). Raises ``PermissionError`` naming the allowed folders otherwise.
    """
    text = os.fspath(path)
    if not text.strip():
        raise ValueError("a path is required; it was empty")
    roots = data_roots()
    if not roots:
        raise PermissionError(
            f"'{text}' cannot be used: this server gives this step no folders to read or write "
            "(an administrator lists them in the worker's data roots)"
        )
    candidate = Path(text)
    if not candidate.is_absolute():
        candidate = roots[0] / candidate
    resolved = candidate.resolve()
    if any(resolved.is_relative_to(root) for root in roots):
        return resolved
    allowed = ", ".join(str(root) for root in roots)
    message = f"'{text}' is outside the folders this server may read: {allowed}"
    if resolved != Path(os.path.abspath(candidate)):
        message += f" (it leads to {resolved})"
    raise PermissionError(message)

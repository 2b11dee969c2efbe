"""The folder a data trigger watches: where it may be, what it holds now, and what changed.

A trigger watches a folder inside one of the data roots (DESIGNER_DATA_ROOTS): `..` and symlinks
that lead out of every root are refused, when the trigger is saved and again at every look. A
listing maps each matching file's path, relative to the folder, to `[size, mtime_ns]`; a change is
a path that is new or whose size or modification time moved. Deleted files are not changes: there
is nothing to process. Plain Python over the file system; no Django, no database.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from pathlib import Path

Listing = dict[str, list[int]]


def resolve_folder(path: str, roots: list[str]) -> Path:
    """The real, absolute folder `path` names (relative paths are inside the first root).

    ValueError (starting with "path:") when it is outside every root or not a folder."""
    if not isinstance(path, str) or not path.strip():
        raise ValueError("path: give a folder inside one of the data roots")
    if not roots:
        raise ValueError("path: no data roots are configured (DESIGNER_DATA_ROOTS)")
    given = Path(path.strip())
    if ".." in given.parts:
        raise ValueError(f"path: {path!r} may not contain '..'")
    if not given.is_absolute():
        given = Path(roots[0]) / given
    real = Path(os.path.realpath(given))
    if root_of(real, roots) is None:
        raise ValueError(
            f"path: {path!r} is outside the data roots ({', '.join(roots)}); a symlink that "
            f"leads out of them counts as outside"
        )
    if not real.is_dir():
        raise ValueError(f"path: {path!r} is not an existing folder")
    return real


def root_of(real: Path, roots: list[str]) -> Path | None:
    """The data root holding the already-resolved path `real`, if any."""
    for root in roots:
        root_real = Path(os.path.realpath(root))
        if real == root_real or root_real in real.parents:
            return root_real
    return None


def check_glob(pattern: str) -> str:
    """A file-name pattern such as `*.csv`; it matches names, so it holds no folder separator."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError("glob: give a file-name pattern such as '*.csv' or '*'")
    if "/" in pattern or "\\" in pattern:
        raise ValueError(
            f"glob: {pattern!r} matches file names, not paths; use recursive for sub-folders"
        )
    return pattern.strip()


def list_files(folder: str, pattern: str, recursive: bool, roots: list[str]) -> Listing:
    """Every matching file under `folder` with its `[size, mtime_ns]`, by relative path.

    Hidden files (a name starting with '.') are left out, as editors and copy tools write their
    temporary files that way. A folder that is gone, or no longer inside a root, lists nothing.
    """
    base = Path(os.path.realpath(folder))
    root = root_of(base, roots)
    if root is None or not base.is_dir():
        return {}
    listing: Listing = {}
    for directory, subfolders, names in os.walk(base, followlinks=False):
        kept = sorted(name for name in subfolders if not name.startswith("."))
        subfolders[:] = kept if recursive else []
        for name in names:
            if name.startswith(".") or not fnmatch.fnmatch(name, pattern):
                continue
            full = os.path.join(directory, name)
            stat = _stat_inside(full, root)
            if stat is not None:
                listing[os.path.relpath(full, base).replace(os.sep, "/")] = stat
    return listing


def _stat_inside(full: str, root: Path) -> list[int] | None:
    real = Path(os.path.realpath(full))
    if real != root and root not in real.parents:
        return None  # a symlink out of the data root
    try:
        stat = os.stat(real)
    except OSError:  # removed between listing and stat
        return None
    if not os.path.isfile(real):
        return None
    return [stat.st_size, stat.st_mtime_ns]


def changes(snapshot: Listing, current: Listing) -> Listing:
    """The files of `current` that are new since `snapshot`, or changed in size or time."""
    return {path: stat for path, stat in current.items() if snapshot.get(path) != list(stat)}


def digest(changed: Listing) -> str:
    """A name for one change set: its paths and their stats."""
    text = json.dumps(sorted(changed.items()), separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()

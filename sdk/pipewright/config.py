"""Where the SDK finds its server and token: arguments, then the environment, then the file
`pipewright login` wrote. The workspace to work in comes from an argument or the environment
only: it is a choice per script or shell, not part of a login.

The file is `~/.config/pipewright/config.json` (or under `$XDG_CONFIG_HOME`, or
`$PIPEWRIGHT_CONFIG`), readable by its owner only, because it holds a token. This module must
not talk to the server.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from pipewright.errors import NotSignedIn

URL_VARIABLE = "PIPEWRIGHT_URL"
TOKEN_VARIABLE = "PIPEWRIGHT_TOKEN"
WORKSPACE_VARIABLE = "PIPEWRIGHT_WORKSPACE"


@dataclass(frozen=True)
class Settings:
    url: str
    token: str | None
    workspace: str | None = None


def config_path() -> Path:
    explicit = os.environ.get("PIPEWRIGHT_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "pipewright" / "config.json"


def read_saved() -> dict[str, str]:
    """What `pipewright login` saved, or nothing (a missing or unreadable file is no login)."""
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def save(url: str, token: str) -> Path:
    """Write the URL and token where later commands find them, readable by the owner only."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.tmp")
    # Created 0600 from the start: the token is never readable by others, not even briefly.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump({"url": url, "token": token}, handle, indent=2)
    os.chmod(temporary, 0o600)
    temporary.replace(path)
    return path


def forget() -> bool:
    """Remove the saved login; whether there was one."""
    try:
        config_path().unlink()
    except FileNotFoundError:
        return False
    return True


def resolve(
    url: str | None = None, token: str | None = None, workspace: str | None = None
) -> Settings:
    """The server, token and workspace to use: given ones first, then the environment, then
    the file (server and token only)."""
    saved = read_saved()
    found_url = url or os.environ.get(URL_VARIABLE) or saved.get("url")
    found_token = token or os.environ.get(TOKEN_VARIABLE) or saved.get("token")
    if not found_url:
        raise NotSignedIn(
            "no Pipewright server given: run `pipewright login URL`, or set "
            f"{URL_VARIABLE} (and {TOKEN_VARIABLE})"
        )
    found_workspace = workspace or os.environ.get(WORKSPACE_VARIABLE) or None
    return Settings(url=found_url.rstrip("/"), token=found_token or None, workspace=found_workspace)

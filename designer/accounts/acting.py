"""Who is acting, and whether they may: the one check every service makes.

Services take the acting user as their first argument and call `check(actor, action, obj)`
before they read or change anything. The answer lives here alone, so workspaces and roles
change this module, not every service. Until then any signed-in user may do everything;
background processes (the reconciler, the scheduler, management commands) act as `SYSTEM`.
"""

from enum import StrEnum
from typing import Any

from designer.errors import NotAuthenticated


class Action(StrEnum):
    VIEW = "view"  # read an object, its runs, logs and outputs
    EDIT = "edit"  # create, change or delete it
    RUN = "run"  # submit, re-run, cancel, call an endpoint
    ADMINISTER = "administer"  # compute targets and other settings of the whole instance


class _System:
    """The server acting on its own behalf; never a person, never from a request."""

    is_authenticated = True
    is_staff = True
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def check(actor: Any, action: Action, obj: Any = None) -> None:
    """Raise unless `actor` may do `action` (to `obj`, when given)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotAuthenticated("Sign in, or send an API token, to do this.")


def user_of(actor: Any) -> Any:
    """The user row to record as creator: None for the system."""
    return None if actor is SYSTEM else actor

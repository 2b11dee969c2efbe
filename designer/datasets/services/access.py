"""Who may see and change a datastore or a dataset.

A row without a workspace is built in (the data roots' datastores and the sample datasets,
made by `manage.py bootstrap`): every signed-in user reads it, only administrators change it.
Any other row belongs to a workspace and answers as `acting.check` says: to someone who is
not a member it does not exist (404, with the same message as a missing name), and a member
whose role falls short hears 403. Every service of this app asks here.
"""

from typing import Any

from django.db.models import QuerySet

from designer.accounts.acting import Action, can, check, scoped_with_instance
from designer.errors import Forbidden, NotFound


def visible(actor: Any, rows: QuerySet) -> QuerySet:
    """The rows of `rows` that `actor` lists: its workspaces' (or the chosen one's) and the
    built-in ones."""
    check(actor, Action.VIEW)
    return scoped_with_instance(actor, rows)


def may_read(actor: Any, row: Any) -> bool:
    return can(actor, Action.VIEW, row)


def check_read(actor: Any, row: Any, missing: str) -> None:
    """404 with the message `missing` unless `actor` may read `row`."""
    try:
        check(actor, Action.VIEW, row)
    except NotFound:
        raise NotFound(missing) from None


def check_edit(actor: Any, row: Any, missing: str) -> None:
    """404 for a row `actor` may not read, 403 for a built-in one or a role too low."""
    check_read(actor, row, missing)
    if row.workspace_id is None and not getattr(actor, "is_staff", False):
        raise Forbidden(
            f"'{row.name}' is built in; only an administrator may change it.", code="built_in"
        )
    check(actor, Action.EDIT, row)


def usable_from(row: Any, workspace_id: int | None) -> bool:
    """Whether a pipeline of workspace `workspace_id` may use `row`: a row of that workspace
    or a built-in one (None: no pipeline to answer for)."""
    return workspace_id is None or row.workspace_id in (None, workspace_id)

"""Who may see and change a datastore or a dataset.

A row without a creator is built in (made by `manage.py bootstrap`): everyone may read it,
only administrators change it. Any other row is private to the person who created it (and to
administrators): to anyone else it answers 404, exactly as if it did not exist. Every service
of this app asks here, after the shared `check`.
"""

from typing import Any

from django.db.models import Q, QuerySet

from designer.accounts.acting import Action, check
from designer.errors import Forbidden, NotFound


def is_admin(actor: Any) -> bool:
    return bool(getattr(actor, "is_staff", False))


def visible(actor: Any, rows: QuerySet) -> QuerySet:
    """The rows of `rows` that `actor` may read."""
    check(actor, Action.VIEW)
    if is_admin(actor):
        return rows
    return rows.filter(Q(created_by=None) | Q(created_by=actor.pk))


def may_read(actor: Any, row: Any) -> bool:
    return is_admin(actor) or row.created_by_id is None or row.created_by_id == actor.pk


def check_read(actor: Any, row: Any, missing: str) -> None:
    """404 with the message `missing` unless `actor` may read `row`."""
    check(actor, Action.VIEW, row)
    if not may_read(actor, row):
        raise NotFound(missing)


def check_edit(actor: Any, row: Any, missing: str) -> None:
    """404 for a row `actor` may not read, 403 for a built-in one it may only read."""
    check_read(actor, row, missing)
    check(actor, Action.EDIT, row)
    if not is_admin(actor) and row.created_by_id != actor.pk:
        raise Forbidden(
            f"'{row.name}' is built in; only an administrator may change it.", code="built_in"
        )

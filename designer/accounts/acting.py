"""Who is acting, and whether they may: the one check every service makes.

Services take the acting user as their first argument and call `check(actor, action, obj)`
before they read or change anything, and `scoped(actor, queryset)` before they list. The
answer lives here alone:

- Every pipeline, run, experiment, dataset, model, endpoint, schedule and user component
  belongs to a workspace. A member's role there says what they may do: a reader views, a
  contributor also creates, edits and runs, an owner also manages members and settings.
- To someone who is not a member, a workspace's objects do not exist: `NotFound`, never
  `Forbidden`, so ids and names leak nothing. A member whose role falls short hears
  `Forbidden`, with the role needed.
- Objects of the whole instance (compute targets, built-in components) are seen by every
  signed-in user and changed by administrators (`is_staff`) only.
- Background processes (the reconciler, the scheduler, management commands) act as `SYSTEM`,
  which may do everything.

A request may choose a workspace (header `X-Pipewright-Workspace`, or `?workspace=`): lists
then show that workspace alone and new objects go there. Without a choice, lists span every
workspace of the user and new objects go to their default workspace.
"""

from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet

from designer.errors import Forbidden, NotAuthenticated, NotFound


class Action(StrEnum):
    VIEW = "view"  # read an object, its runs, logs and outputs
    EDIT = "edit"  # create, change or delete it
    RUN = "run"  # submit, re-run, cancel, call an endpoint
    ADMINISTER = "administer"  # a workspace's members and settings; with no object: the instance


RANK = {"reader": 1, "contributor": 2, "owner": 3}
NEEDS = {
    Action.VIEW: "reader",
    Action.EDIT: "contributor",
    Action.RUN: "contributor",
    Action.ADMINISTER: "owner",
}

# Attribute names a request's user carries for the length of the request.
_ROLES = "_pipewright_roles"
_CHOSEN = "_pipewright_workspace"
# Objects that hold no workspace themselves but belong to one through a parent.
_PARENTS = ("pipeline", "run", "model", "dataset", "endpoint", "schedule", "trigger")


class _System:
    """The server acting on its own behalf; never a person, never from a request."""

    is_authenticated = True
    is_staff = True
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()
INSTANCE = object()  # what `workspace_id_of` answers for objects of the whole instance


def _signed_in(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotAuthenticated("Sign in, or send an API token, to do this.")


def roles_of(actor: Any, fresh: bool = False) -> dict[int, str]:
    """Workspace id → the actor's role there; read once a request (`fresh` reads again, for
    long-lived connections)."""
    roles = None if fresh else getattr(actor, _ROLES, None)
    if roles is None:
        from .models import Membership

        roles = dict(Membership.objects.filter(user=actor).values_list("workspace_id", "role"))
        setattr(actor, _ROLES, roles)
    return roles


def forget_roles(actor: Any) -> None:
    """Drop the cached roles after a membership of `actor` changed."""
    if hasattr(actor, _ROLES):
        delattr(actor, _ROLES)


def workspace_id_of(obj: Any) -> Any:
    """The id of the workspace `obj` belongs to, or INSTANCE for objects of the instance."""
    from .models import Workspace

    if isinstance(obj, Workspace):
        return obj.pk
    if hasattr(obj, "workspace_id"):
        return INSTANCE if obj.workspace_id is None else obj.workspace_id
    for parent in _PARENTS:
        if hasattr(type(obj), parent) and getattr(obj, f"{parent}_id", True) is not None:
            return workspace_id_of(getattr(obj, parent))
    return INSTANCE


def check(actor: Any, action: Action, obj: Any = None) -> None:
    """Raise unless `actor` may do `action` (to `obj`, when given).

    With no object, VIEW/EDIT/RUN ask only that the actor is signed in (lists are narrowed by
    `scoped`, creation by `workspace_for_new`); ADMINISTER asks for an administrator.
    """
    _signed_in(actor)
    if actor is SYSTEM:
        return
    where = INSTANCE if obj is None else workspace_id_of(obj)
    if where is INSTANCE:
        if action == Action.VIEW or (obj is None and action != Action.ADMINISTER):
            return
        if not actor.is_staff:
            raise Forbidden(
                "Only an administrator may do this: it belongs to the whole instance.",
                code="administrators_only",
            )
        return
    role = roles_of(actor).get(where)
    if role is None:
        raise NotFound(_not_found(obj))
    needed = NEEDS[action]
    if RANK[role] < RANK[needed]:
        article = "an" if needed == "owner" else "a"
        raise Forbidden(
            f"You are a {role} of this workspace; to {action} here you need to be "
            f"{article} {needed}.",
            code="role_too_low",
            role=role,
            needs=needed,
        )


def _not_found(obj: Any) -> str:
    meta = getattr(type(obj), "_meta", None)
    label = meta.verbose_name if meta else "object"
    key = getattr(obj, "name", None) or getattr(obj, "pk", None)
    return f"No {label} {key}."


def can(actor: Any, action: Action, obj: Any = None) -> bool:
    try:
        check(actor, action, obj)
    except (Forbidden, NotFound, NotAuthenticated):
        return False
    return True


def visible_ids(actor: Any) -> list[int] | None:
    """The workspace ids `actor`'s lists span: the chosen one, or all of theirs (None: all)."""
    _signed_in(actor)
    if actor is SYSTEM:
        return None
    chosen = chosen_workspace(actor)
    return [chosen.pk] if chosen is not None else list(roles_of(actor))


def scoped(actor: Any, queryset: QuerySet, field: str = "workspace") -> QuerySet:
    """`queryset` narrowed to what `actor` may see: the chosen workspace, or all of theirs.

    `field` is the path from the queryset's model to its workspace, e.g. "run__workspace".
    """
    ids = visible_ids(actor)
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def scoped_with_instance(actor: Any, queryset: QuerySet, field: str = "workspace") -> QuerySet:
    """Like `scoped`, also keeping the rows of the whole instance (no workspace)."""
    ids = visible_ids(actor)
    if ids is None:
        return queryset
    return queryset.filter(Q(**{f"{field}__in": ids}) | Q(**{f"{field}__isnull": True}))


def choose(actor: Any, name: str | None) -> None:
    """Record the workspace a request chose (by name; None: no choice); checked when used."""
    if actor is not None and actor is not SYSTEM:
        setattr(actor, _CHOSEN, name.strip() if name else None)


def new_request(actor: Any, chosen: str | None) -> None:
    """Start a request's view of `actor`: roles read afresh, the request's own choice."""
    forget_roles(actor)
    choose(actor, chosen)


def chosen_workspace(actor: Any) -> Any:
    """The workspace the request chose, or None. A name the actor is not a member of is a 404."""
    name = getattr(actor, _CHOSEN, None)
    if not name:
        return None
    from .models import Workspace

    workspace = Workspace.objects.filter(name=name).first()
    if workspace is None or workspace.pk not in roles_of(actor):
        raise NotFound(f"No workspace '{name}'.", code="no_workspace")
    return workspace


def workspace_for_new(actor: Any, name: str | None = None) -> Any:
    """The workspace a new object of `actor` goes to, checked for the right to create there.

    `name` (from the request body) wins over the request's choice; without either it is the
    actor's default: the instance's `default` workspace when they belong to it, else the first
    they joined, else a personal workspace made for them now.
    """
    from .models import Workspace

    _signed_in(actor)
    if name:
        choose(actor, name)
    workspace = chosen_workspace(actor)
    if workspace is None:
        if actor is SYSTEM:
            from .models import default_workspace_id

            workspace = Workspace.objects.get(pk=default_workspace_id())
        else:
            workspace = default_workspace_of(actor)
    check(actor, Action.EDIT, workspace)
    return workspace


def memberships_of(actor: Any) -> list[Any]:
    """The actor's memberships with their workspaces, in the order they joined."""
    from .models import Membership

    return list(Membership.objects.filter(user=actor).select_related("workspace").order_by("pk"))


def default_among(memberships: list[Any]) -> Any:
    """The default workspace of someone with these memberships (in joining order): the
    instance's `default` when they belong to it, else the first they joined; None if none."""
    from .models import Workspace

    named = [m.workspace for m in memberships if m.workspace.name == Workspace.DEFAULT]
    return (named or [m.workspace for m in memberships] or [None])[0]


def default_workspace_of(actor: Any) -> Any:
    from .models import Membership, Workspace

    default = default_among(memberships_of(actor))
    if default is not None:
        return default
    # A fresh name: never join a workspace someone else made under the same name.
    base, n = personal_name(actor), 1
    name = base
    while Workspace.objects.filter(name=name).exists():
        n += 1
        name = f"{base}-{n}"
    workspace = Workspace.objects.create(name=name, description="Made on first use.")
    Membership.objects.create(workspace=workspace, user=actor, role="owner")
    forget_roles(actor)
    return workspace


def personal_name(actor: Any) -> str:
    from django.utils.text import slugify

    return f"{(slugify(actor.get_username()) or f'user-{actor.pk}')[:48]}-personal"


def user_of(actor: Any) -> Any:
    """The user row to record as creator: None for the system."""
    return None if actor is SYSTEM else actor

"""Workspace services: the workspaces a person belongs to, making one, and its members.

Anyone signed in may make a workspace and becomes its owner. Owners add, change and remove
members; a workspace always keeps at least one owner. Members may leave by themselves.
"""

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, QuerySet

from designer.errors import Conflict, InvalidInput, NotFound

from .acting import SYSTEM, Action, check, default_among, forget_roles, memberships_of, roles_of
from .choices import Role
from .models import Membership, Workspace

NAME = re.compile(r"[a-z][a-z0-9-]{0,62}")
NAME_RULE = "lower-case letters, digits and '-', starting with a letter, at most 63"


def of(user) -> dict[str, Any]:
    """What `/api/auth/me/` says of a person's workspaces: each with their role, by name, and
    the one new objects go to when no workspace is chosen."""
    joined = memberships_of(user)
    default = default_among(joined)
    return {
        "workspaces": sorted(
            ({"name": m.workspace.name, "role": m.role} for m in joined), key=lambda w: w["name"]
        ),
        "default_workspace": default.name if default is not None else None,
    }


def list_workspaces(actor) -> QuerySet[Workspace]:
    """The actor's workspaces, each with `role` (theirs) and `member_count`, by name."""
    check(actor, Action.VIEW)
    roles = roles_of(actor, fresh=True) if actor is not SYSTEM else None
    qs = Workspace.objects.annotate(member_count=Count("memberships")).order_by("name", "id")
    return qs if roles is None else qs.filter(pk__in=list(roles))


def _member_ids(actor) -> set[int]:
    if actor is SYSTEM:
        return set(Workspace.objects.values_list("pk", flat=True))
    check(actor, Action.VIEW)
    return set(roles_of(actor))


def role_in(actor, workspace: Workspace) -> str | None:
    return "owner" if actor is SYSTEM else roles_of(actor).get(workspace.pk)


def get_workspace(actor, name: str, action: Action = Action.VIEW) -> Workspace:
    """A workspace by name, or by id (names start with a letter, so the two never clash)."""
    name = str(name)
    found = Workspace.objects.filter(**{"pk" if name.isdigit() else "name": name}).first()
    workspace = found if found is not None and found.pk in _member_ids(actor) else None
    if workspace is None:
        raise NotFound(f"No workspace '{name}'.", code="no_workspace")
    check(actor, action, workspace)
    return workspace


def _valid_name(name: Any) -> str:
    name = str(name or "").strip()
    if not NAME.fullmatch(name):
        raise InvalidInput(
            f"A workspace name is {NAME_RULE} characters; {name!r} is not.",
            code="invalid_name",
            field="name",
        )
    return name


@transaction.atomic
def create_workspace(actor, name: Any, description: str = "") -> Workspace:
    check(actor, Action.VIEW)
    if actor is SYSTEM:
        raise InvalidInput("A workspace is made by a person, who becomes its owner.")
    name = _valid_name(name)
    if Workspace.objects.filter(name=name).exists():
        raise Conflict(f"A workspace named '{name}' exists already.", code="name_taken")
    workspace = Workspace.objects.create(name=name, description=description or "")
    Membership.objects.create(workspace=workspace, user=actor, role=Role.OWNER)
    forget_roles(actor)
    return workspace


def update_workspace(actor, name: str, description: str | None = None) -> Workspace:
    workspace = get_workspace(actor, name, Action.ADMINISTER)
    if description is not None:
        workspace.description = description
        workspace.save(update_fields=["description"])
    return workspace


def list_members(actor, name: str) -> QuerySet[Membership]:
    workspace = get_workspace(actor, name)
    return workspace.memberships.select_related("user").order_by("user__username", "id")


def _role(value: Any) -> str:
    if value not in Role.values:
        raise InvalidInput(
            f"Unknown role {value!r}; use one of {', '.join(Role.values)}.",
            code="invalid_role",
            field="role",
        )
    return value


@transaction.atomic
def add_member(actor, name: str, user: Any, role: Any = Role.CONTRIBUTOR) -> Membership:
    workspace = get_workspace(actor, name, Action.ADMINISTER)
    role = _role(role)
    username = str(user or "")
    person = get_user_model().objects.filter(username=username).first()
    if person is None:
        raise InvalidInput(f"No user '{username}'.", code="no_user", field="user")
    if workspace.memberships.filter(user=person).exists():
        raise Conflict(f"{username} is a member already; change their role instead.")
    return Membership.objects.create(workspace=workspace, user=person, role=role)


def _membership(workspace: Workspace, username: str) -> Membership:
    membership = (
        workspace.memberships.select_related("user").filter(user__username=username).first()
    )
    if membership is None:
        raise NotFound(f"{username} is not a member of '{workspace.name}'.")
    return membership


def _keep_an_owner(workspace: Workspace, leaving: Membership) -> None:
    owners = workspace.memberships.select_for_update().filter(role=Role.OWNER)
    if leaving.role == Role.OWNER and owners.count() <= 1:
        raise Conflict(
            f"'{workspace.name}' needs at least one owner: make someone else owner first.",
            code="last_owner",
        )


@transaction.atomic
def change_member(actor, name: str, username: str, role: Any) -> Membership:
    workspace = get_workspace(actor, name, Action.ADMINISTER)
    membership = _membership(workspace, username)
    role = _role(role)
    if role != Role.OWNER:
        _keep_an_owner(workspace, membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(actor, name: str, username: str) -> None:
    """An owner removes anyone; any member may remove themselves (leave)."""
    workspace = get_workspace(actor, name)
    leaving_self = actor is not SYSTEM and actor.get_username() == username
    if not leaving_self:
        check(actor, Action.ADMINISTER, workspace)
    membership = _membership(workspace, username)
    _keep_an_owner(workspace, membership)
    membership.delete()

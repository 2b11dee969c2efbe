"""Commands for workspaces: list yours, make one, and list, add, re-role or remove members."""

from __future__ import annotations

ROLES = ["reader", "contributor", "owner"]


def register(commands, common) -> None:
    workspaces = commands.add_parser("workspaces", parents=[common], help="workspaces and members")
    actions = workspaces.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help="your workspaces and your role").set_defaults(
        handler=workspaces_list
    )
    create = actions.add_parser("create", parents=[common], help="make a workspace (you own it)")
    create.add_argument("name", metavar="NAME", help="lower-case letters, digits and '-'")
    create.add_argument("--description", default="")
    create.set_defaults(handler=workspaces_create)
    members = actions.add_parser("members", parents=[common], help="who is in a workspace")
    members.add_argument("name", metavar="NAME")
    members.set_defaults(handler=workspaces_members)
    add = actions.add_parser("add-member", parents=[common], help="add someone (owners only)")
    add.add_argument("name", metavar="NAME", help="the workspace")
    add.add_argument("user", metavar="USER", help="their username")
    add.add_argument("--role", choices=ROLES, default="contributor", help="default: contributor")
    add.set_defaults(handler=workspaces_add_member)
    role = actions.add_parser("set-role", parents=[common], help="change a role (owners only)")
    role.add_argument("name", metavar="NAME", help="the workspace")
    role.add_argument("user", metavar="USER", help="their username")
    role.add_argument("role", metavar="ROLE", choices=ROLES, help=", ".join(ROLES))
    role.set_defaults(handler=workspaces_set_role)
    remove = actions.add_parser(
        "remove-member", parents=[common], help="remove someone (owners), or yourself (leave)"
    )
    remove.add_argument("name", metavar="NAME", help="the workspace")
    remove.add_argument("user", metavar="USER", help="their username")
    remove.set_defaults(handler=workspaces_remove_member)


def workspaces_list(context) -> None:
    found = context.client().workspaces.list()
    context.out.table(found, ["name", "role", "member_count", "description"], "no workspaces")


def workspaces_create(context) -> None:
    args = context.args
    workspace = context.client().workspaces.create(args.name, args.description)
    context.out.message(f"created workspace {workspace.name} (you are its owner)", workspace)


def workspaces_members(context) -> None:
    found = context.client().workspaces.members(context.args.name)
    context.out.table(found, ["user", "role", "added_at"], "no members")


def workspaces_add_member(context) -> None:
    args = context.args
    member = context.client().workspaces.add_member(args.name, args.user, args.role)
    context.out.message(f"{member.user} is {member.role} of {args.name}", member)


def workspaces_set_role(context) -> None:
    args = context.args
    member = context.client().workspaces.set_role(args.name, args.user, args.role)
    context.out.message(f"{member.user} is {member.role} of {args.name}", member)


def workspaces_remove_member(context) -> None:
    args = context.args
    context.client().workspaces.remove_member(args.name, args.user)
    context.out.message(f"{args.user} is no longer a member of {args.name}", None)
